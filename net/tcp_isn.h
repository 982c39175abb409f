/*
 * TCP initial sequence numbers as RFC 6528 (section 3) defines them:
 *
 *   ISN = M + F(localip, localport, remoteip, remoteport, secretkey)
 *
 * M a timer ticking every 4 microseconds, F SipHash-2-4 keyed with the
 * boot's secret.  Each connection's 4-tuple starts its own sequence
 * space at a point a peer cannot compute without the key, and a tuple
 * reused later starts ahead of where it was (M moved on), as RFC 793's
 * clock-driven ISNs did.  Pure code: net/tcp_guard.c hands it to lwIP
 * (LWIP_HOOK_TCP_ISN) with the key and the clock.
 */
#ifndef NET_TCP_ISN_H
#define NET_TCP_ISN_H

#include <stdint.h>

#include "kernel/siphash.h"

/* Addresses as lwIP stores them (network order in memory), ports in
 * host order; clock_4us: M, any 4 us count (it wraps at 2^32). */
uint32_t tcp_isn(const uint8_t key[SIPHASH_KEY_LEN], uint32_t local_ip,
		 uint16_t local_port, uint32_t remote_ip,
		 uint16_t remote_port, uint64_t clock_4us);

#endif
