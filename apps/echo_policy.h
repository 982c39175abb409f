/*
 * Which datagrams the UDP echo (RFC 862) answers.  An answer goes where
 * the datagram says it came from, so a forged source turns the echo into
 * a weapon: from its own address and port 7 a datagram circles through
 * the loopback for ever; from another echo or chargen service two hosts
 * bounce it between them; from a broadcast or multicast address the
 * answer goes to many.  Like inetd's internal services (FreeBSD's
 * check_loop()), the echo refuses those.  Pure code, host-tested.
 */
#ifndef APPS_ECHO_POLICY_H
#define APPS_ECHO_POLICY_H

#include <stdbool.h>
#include <stdint.h>

/* One of the guest's link addresses, in host byte order. */
struct echo_local {
	uint32_t address;
	uint32_t netmask;
};

/*
 * Refuse source:port (host byte order)?  from_loopback: it came in on the
 * loopback interface (127.0.0.0/8), where only the guest's own programs
 * send; then only the port counts.  Otherwise it came from a link, and a
 * source that is the guest's own address, a loopback, "this network"
 * (0/8), multicast, reserved (240/4), the limited broadcast or a local
 * subnet's broadcast is forged or a broadcast, and refused.
 */
bool echo_refused(uint32_t source, uint16_t port, bool from_loopback,
		  const struct echo_local *local, unsigned int count);

#endif
