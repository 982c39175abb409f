/*
 * lwIP 2.2.1's own SYN flood handling, as its source has it, and what
 * this adds:
 *
 *  - tcp_in.c tcp_listen_input(): with TCP_LISTEN_BACKLOG, a SYN is
 *    dropped while the listener's accepts_pending (SYN_RCVD plus
 *    established-but-not-accepted connections) is at its backlog, before
 *    any PCB is taken.  A flood of SYNs to one port thus fills that count
 *    with handshakes that never finish and locks out every real client
 *    of the port until they time out (TCP_SYN_RCVD_TIMEOUT, 20 s), only
 *    to be replaced by the next SYNs.
 *  - tcp.c tcp_alloc(): when the PCB pool is empty it kills, in order,
 *    the oldest TIME_WAIT, LAST_ACK and CLOSING PCB, then
 *    (tcp_kill_prio()) the oldest active PCB of strictly lower priority
 *    than the new one.  A SYN_RCVD PCB has its listener's priority, as
 *    the new one does: 2.2.1 never kills a SYN_RCVD PCB to make room.
 *
 * So a handshake is taken out of the backlog's count when it starts
 * (tcp_backlog_accepted(), from the passive-open callback that
 * tcp_listen_input() calls once the new PCB is registered), the backlog
 * counting only established connections the app has not accepted
 * (netconn's accept_function() counts them again, its do_accepted
 * uncounts them); and at most NET_SYN_QUEUE_MAX handshakes wait at once,
 * a new one taking the place of the one idle longest.  A real client's
 * SYN always gets a PCB, and keeps it for as long as the flood takes to
 * send NET_SYN_QUEUE_MAX more SYNs: its ACK must come back within that.
 */
#include <string.h>

#include "drivers/arm_timer.h"
#include "kernel/errno.h"
#include "kernel/random.h"
#include "lwip/api.h"
#include "lwip/priv/tcp_priv.h"
#include "lwip/tcp.h"
#include "lwip/tcpip.h"
#include "net/tcp_guard.h"
#include "net/tcp_isn.h"

/* Owned by lwIP's core lock (every function here runs under it). */
static uint8_t isn_key[SIPHASH_KEY_LEN];
static bool isn_keyed;
static u8_t ext_arg_id = LWIP_TCP_PCB_NUM_EXT_ARG_ID_INVALID;
static unsigned int syn_max, syn_evicted;

u32_t net_tcp_isn(const ip_addr_t *local_ip, u16_t local_port,
		  const ip_addr_t *remote_ip, u16_t remote_port)
{
	uint64_t k[2], ticks_per_4us = arm_timer_freq() / 250000;

	if (!isn_keyed) {
		k[0] = random_u64();
		k[1] = random_u64();
		memcpy(isn_key, k, sizeof(isn_key));
		isn_keyed = true;
	}
	/* M: the counter in 4 us steps (finer where it ticks slower). */
	return tcp_isn(isn_key, ip4_addr_get_u32(ip_2_ip4(local_ip)),
		       local_port, ip4_addr_get_u32(ip_2_ip4(remote_ip)),
		       remote_port, arm_timer_now() /
		       (ticks_per_4us ? ticks_per_4us : 1));
}

static err_t syn_received(u8_t id, struct tcp_pcb_listen *lpcb,
			  struct tcp_pcb *pcb)
{
	struct tcp_pcb *p, *oldest = NULL;
	unsigned int waiting = 0;

	(void)id;
	(void)lpcb;
	tcp_backlog_accepted(pcb);
	for (p = tcp_active_pcbs; p; p = p->next) {
		if (p->state != SYN_RCVD || p == pcb)
			continue;
		waiting++;
		if (!oldest || (u32_t)(tcp_ticks - p->tmr) >=
			       (u32_t)(tcp_ticks - oldest->tmr))
			oldest = p;
	}
	if (waiting >= NET_SYN_QUEUE_MAX) {
		/* No RST: the peer is likely a spoofed address. */
		tcp_abandon(oldest, 0);
		syn_evicted++;
		waiting--;
	}
	if (waiting + 1 > syn_max)
		syn_max = waiting + 1;
	return ERR_OK;
}

static const struct tcp_ext_arg_callbacks syn_queue = {
	.passive_open = syn_received,
};

int net_tcp_listen(struct netconn *conn, u8_t backlog)
{
	err_t err = netconn_listen_with_backlog(conn, backlog);

	if (err != ERR_OK)
		return -err_to_errno(err);
	LOCK_TCPIP_CORE();
	if (ext_arg_id == LWIP_TCP_PCB_NUM_EXT_ARG_ID_INVALID)
		ext_arg_id = tcp_ext_arg_alloc_id();
	tcp_ext_arg_set_callbacks(conn->pcb.tcp, ext_arg_id, &syn_queue);
	ip_set_option(conn->pcb.tcp, SOF_KEEPALIVE);
	UNLOCK_TCPIP_CORE();
	return 0;
}

void net_syn_stats(struct net_syn_stats *st)
{
	struct tcp_pcb *p;

	LOCK_TCPIP_CORE();
	st->max = syn_max;
	st->evicted = syn_evicted;
	st->now = 0;
	for (p = tcp_active_pcbs; p; p = p->next)
		st->now += p->state == SYN_RCVD;
	UNLOCK_TCPIP_CORE();
}
