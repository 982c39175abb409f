/*
 * net_mem_report() (net/net.h): what a flood test reads to see lwIP's
 * memory high-water marks, from lwIP's MEM_STATS and MEMP_STATS (the only
 * statistics lwipopts.h turns on) and net/'s own counts.
 */
#include <stdio.h>

#include "lwip/memp.h"
#include "lwip/priv/memp_priv.h"
#include "lwip/stats.h"
#include "net/net.h"
#include "net/rx_pool.h"
#include "net/tcp_guard.h"

extern unsigned char *net_heap;

#define FIGURES		" %s %u/%u max %u err %u"

void net_mem_report(void (*fn)(void *ctx, const char *line), void *ctx)
{
	const struct stats_mem *heap = &lwip_stats.mem,
		*pcb = memp_pools[MEMP_TCP_PCB]->stats,
		*seg = memp_pools[MEMP_TCP_SEG]->stats,
		*queued = memp_pools[MEMP_TCPIP_MSG_INPKT]->stats;
	struct net_pool_stats rx;
	struct net_syn_stats syn;
	char line[160];

	if (!net_heap)
		return;
	net_rx_stats(&rx);
	net_syn_stats(&syn);
	snprintf(line, sizeof(line), "mem" FIGURES FIGURES FIGURES,
		 "heap", heap->used, heap->avail, heap->max, heap->err,
		 "rx", rx.used, rx.total, rx.max, rx.errors,
		 "queued", queued->used, queued->avail, queued->max,
		 queued->err);
	fn(ctx, line);
	snprintf(line, sizeof(line), "mem" FIGURES FIGURES " syn %u/%u max %u "
		 "evicted %u cookies %u taken %u", "pcb", pcb->used,
		 pcb->avail, pcb->max, pcb->err, "seg", seg->used, seg->avail, seg->max, seg->err, syn.now,
		 NET_SYN_QUEUE_MAX, syn.max, syn.evicted, syn.cookies,
		 syn.cookies_taken);
	fn(ctx, line);
}
