#include "apps/echo_policy.h"

/* Ports whose service answers every datagram: echo, daytime, chargen,
 * time; port 0 is nobody's. */
static bool reflecting_port(uint16_t port)
{
	return port == 0 || port == 7 || port == 13 || port == 19 ||
	       port == 37;
}

bool echo_refused(uint32_t source, uint16_t port, bool from_loopback,
		  const struct echo_local *local, unsigned int count)
{
	uint8_t top = (uint8_t)(source >> 24);
	unsigned int i;

	if (reflecting_port(port))
		return true;
	if (from_loopback)
		return false;
	if (top == 0 || top == 127 || top >= 224)
		return true;	/* this network, loopback, class D and E */
	for (i = 0; i < count; i++) {
		if (source == local[i].address)
			return true;
		/* A /31 or /32 has no broadcast address (RFC 3021). */
		if (local[i].netmask < 0xfffffffeu &&
		    source == (local[i].address | ~local[i].netmask))
			return true;
	}
	return false;
}
