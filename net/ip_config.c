/*
 * The static address from bootargs (netif_glue.h): pure code, so the
 * host unit tests run it as it is.
 */
#include <stdlib.h>
#include <string.h>

#include "kernel/bootargs.h"
#include "kernel/errno.h"
#include "net/netif_glue.h"

/* "A.B.C.D" then end or `stop`: 0, or -EINVAL. */
static int parse_quad(const char *s, char stop, uint8_t out[4],
		      const char **end)
{
	unsigned long v;
	char *e;
	int i;

	for (i = 0; i < 4; i++) {
		if (*s < '0' || *s > '9')
			return -EINVAL;
		v = strtoul(s, &e, 10);
		if (v > 255 || e - s > 3)
			return -EINVAL;
		out[i] = (uint8_t)v;
		s = e;
		if (i < 3 && *s++ != '.')
			return -EINVAL;
	}
	if (*s != '\0' && *s != stop)
		return -EINVAL;
	*end = s;
	return 0;
}

static int parse(const char *ip_arg, const char *gw_arg, bool has_gw,
		 struct net_ip_config *ip)
{
	const char *s;
	unsigned long bits;
	uint32_t mask;
	char *e;
	int i;

	if (parse_quad(ip_arg, '/', ip->address, &s))
		return -EINVAL;
	bits = 24;
	if (*s == '/') {
		if (s[1] < '0' || s[1] > '9')
			return -EINVAL;
		bits = strtoul(s + 1, &e, 10);
		if (*e != '\0' || bits < 1 || bits > 32)
			return -EINVAL;
	}
	mask = bits == 32 ? 0xffffffffu : ~(0xffffffffu >> bits);
	for (i = 0; i < 4; i++)
		ip->netmask[i] = (uint8_t)(mask >> (24 - 8 * i));
	memset(ip->gateway, 0, sizeof(ip->gateway));
	if (has_gw && parse_quad(gw_arg, '\0', ip->gateway, &s))
		return -EINVAL;
	return 0;
}

int net_ip_config_parse(const char *bootargs, struct net_ip_config *ip)
{
	char ip_arg[24], gw_arg[24];
	bool has_gw;

	memset(ip, 0, sizeof(*ip));
	ip->dhcp = true;
	if (!bootarg(bootargs, "ip", ip_arg, sizeof(ip_arg)) ||
	    strcmp(ip_arg, "dhcp") == 0)
		return 0;
	has_gw = bootarg(bootargs, "gw", gw_arg, sizeof(gw_arg));
	if (parse(ip_arg, gw_arg, has_gw, ip)) {
		memset(ip, 0, sizeof(*ip));
		ip->dhcp = true;
		return -EINVAL;
	}
	ip->dhcp = false;
	return 1;
}
