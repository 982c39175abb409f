/*
 * The TCP/IP stack (lwIP, configured by net/lwipopts.h) as the rest of
 * the kernel sees it.  It starts only when something needs it, so a guest
 * with no network boots as fast as one without the stack.
 */
#ifndef NET_NET_H
#define NET_NET_H

#include <stdbool.h>

/*
 * Start lwIP and its tcpip thread, once; later calls return at once.
 * Thread context only (it waits for the thread to come up).  Afterwards
 * 127.0.0.1 works, and apps may use the netconn API (lwip/api.h).
 * 0, or -ENOMEM: no pages for lwIP's heap (MEM_SIZE); a later call tries
 * again.
 */
int net_start(void);

/* Whether net_start() has started the stack (it never stops). */
bool net_started(void);

/* One bounded resource: in use, the most at once, its size, refusals. */
struct net_pool_stats {
	unsigned int used;
	unsigned int max;
	unsigned int total;
	unsigned int errors;
};

/*
 * lwIP's memory, a line per call of fn: the heap, the pools that a peer
 * can fill (PCBs, the SYN queue, segments, frames queued for the tcpip
 * thread, receive buffers), each as used/size, the most at once and
 * refusals.  Nothing if the stack has not started.
 */
void net_mem_report(void (*fn)(void *ctx, const char *line), void *ctx);

#endif
