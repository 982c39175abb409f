/*
 * lwIP answers each datagram to a closed UDP port, and each packet of an
 * unknown protocol, with an ICMP error, at whatever rate they come: a
 * UDP flood to a closed port came back in full (10,523 errors a second
 * into dom0 in the flood suite, which then dropped the pings among
 * them).  Linux limits ICMP errors (icmp_ratelimit, icmp_msgs_per_sec);
 * so do we, with one token bucket for them all.  lwIP's source stays
 * as Debian ships it: the link wraps icmp_dest_unreach (--wrap in the
 * Makefile), which udp.c and ip4.c call.
 */
#include "lwip/icmp.h"
#include "lwip/sys.h"
#include "net/rate_limit.h"

#define ICMP_ERRORS_PER_SEC	100
#define ICMP_ERRORS_BURST	20

/* Owned by lwIP's core lock: lwIP sends ICMP errors under it. */
static struct rate_limit icmp_errors =
	RATE_LIMIT_INIT(ICMP_ERRORS_PER_SEC, ICMP_ERRORS_BURST);

void __real_icmp_dest_unreach(struct pbuf *p, enum icmp_dur_type t);
void __wrap_icmp_dest_unreach(struct pbuf *p, enum icmp_dur_type t);

void __wrap_icmp_dest_unreach(struct pbuf *p, enum icmp_dur_type t)
{
	if (rate_limit_take(&icmp_errors, sys_now()))
		__real_icmp_dest_unreach(p, t);
}
