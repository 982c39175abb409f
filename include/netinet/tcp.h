/*
 * Options at level IPPROTO_TCP (setsockopt): Linux's numbers.  There:
 * TCP_NODELAY, and TCP_KEEPIDLE (seconds of silence before the first
 * probe, with SO_KEEPALIVE on).  The others fail with ENOPROTOOPT: the
 * probes' interval and count are fixed (net/lwipopts.h).
 */
#ifndef _NETINET_TCP_H
#define _NETINET_TCP_H

#define TCP_NODELAY	1
#define TCP_MAXSEG	2
#define TCP_CORK	3
#define TCP_KEEPIDLE	4
#define TCP_KEEPINTVL	5
#define TCP_KEEPCNT	6

#endif
