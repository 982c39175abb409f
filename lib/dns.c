/*
 * Names by lwIP's DNS resolver (core/dns.c): its servers come from DHCP
 * (LWIP_DHCP_PROVIDE_DNS_SERVERS), "localhost" is 127.0.0.1, and answers
 * are kept for their TTL in its table (DNS_TABLE_SIZE).
 */
#include <netdb.h>
#include <stdbool.h>

#include "lib/dns.h"
#include "lwip/api.h"
#include "lwip/dns.h"
#include "lwip/tcpip.h"
#include "net/net.h"

static bool server_known(void)
{
	bool known;

	LOCK_TCPIP_CORE();
	known = !ip_addr_isany_val(*dns_getserver(0));
	UNLOCK_TCPIP_CORE();
	return known;
}

int dns_lookup_ipv4(const char *name, in_addr_t *addr)
{
	ip_addr_t ip;
	err_t err;

	if (net_start() < 0)
		return EAI_MEMORY;
	err = netconn_gethostbyname(name, &ip);
	switch (err) {
	case ERR_OK:
		*addr = ip4_addr_get_u32(ip_2_ip4(&ip));
		return 0;
	case ERR_MEM:
		return EAI_AGAIN;
	case ERR_VAL:
		return server_known() ? EAI_NONAME : EAI_AGAIN;
	default:	/* ERR_ARG: empty, or longer than DNS_MAX_NAME_LENGTH */
		return EAI_NONAME;
	}
}
