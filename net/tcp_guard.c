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
 * send NET_SYN_QUEUE_MAX more SYNs.  At a full-rate flood that is well
 * under a round trip, so from NET_SYN_COOKIE_FROM handshakes waiting on,
 * a new one's SYN-ACK carries a SYN cookie (net/syn_cookie.h) as its
 * sequence number: when the ACK of one finds no PCB, the IPv4 input hook
 * checks the cookie and makes the PCB again, in SYN_RCVD with the
 * cookie's sequence numbers and MSS, just before tcp_input() looks it up
 * and completes the handshake with the ACK (and any data it carries).
 * Until the first cookie the hook costs a comparison per datagram; after
 * it, a read of the headers, and only a bare ACK within two periods of the
 * last cookie sent goes on to the lookups and the hash.
 */
#include <string.h>

#include "drivers/arm_timer.h"
#include "kernel/errno.h"
#include "kernel/random.h"
#include "lwip/api.h"
#include "lwip/priv/tcp_priv.h"
#include "lwip/tcp.h"
#include "lwip/tcpip.h"
#include "lwip/netif.h"
#include "lwip/pbuf.h"
#include "net/syn_cookie.h"
#include "net/tcp_guard.h"
#include "net/tcp_isn.h"

/* Owned by lwIP's core lock (every function here runs under it). */
static uint8_t isn_key[SIPHASH_KEY_LEN];
static bool isn_keyed;
static u8_t ext_arg_id = LWIP_TCP_PCB_NUM_EXT_ARG_ID_INVALID;
static unsigned int syn_max, syn_evicted;
static uint8_t cookie_key[SIPHASH_KEY_LEN];
static bool cookies_sent;		/* since boot */
static uint32_t cookie_period_last;	/* the last one sent in */
static unsigned int cookies_made, cookies_taken;

static void draw_key(uint8_t key[SIPHASH_KEY_LEN])
{
	uint64_t k[2] = {random_u64(), random_u64()};

	memcpy(key, k, SIPHASH_KEY_LEN);
}

u32_t net_tcp_isn(const ip_addr_t *local_ip, u16_t local_port,
		  const ip_addr_t *remote_ip, u16_t remote_port)
{
	uint64_t ticks_per_4us = arm_timer_freq() / 250000;

	if (!isn_keyed) {
		draw_key(isn_key);
		isn_keyed = true;
	}
	/* M: the counter in 4 us steps (finer where it ticks slower). */
	return tcp_isn(isn_key, ip4_addr_get_u32(ip_2_ip4(local_ip)),
		       local_port, ip4_addr_get_u32(ip_2_ip4(remote_ip)),
		       remote_port, arm_timer_now() /
		       (ticks_per_4us ? ticks_per_4us : 1));
}

static uint32_t cookie_period(void)
{
	uint64_t per = arm_timer_freq() * (SYN_COOKIE_PERIOD_MS / 1000);

	return (uint32_t)(arm_timer_now() / (per ? per : 1));
}

static void tuple_of(const struct tcp_pcb *pcb, struct tcp_tuple *t)
{
	t->local_ip = ip4_addr_get_u32(ip_2_ip4(&pcb->local_ip));
	t->remote_ip = ip4_addr_get_u32(ip_2_ip4(&pcb->remote_ip));
	t->local_port = pcb->local_port;
	t->remote_port = pcb->remote_port;
}

/*
 * Make pcb's SYN-ACK, not yet queued, carry a cookie: the sequence
 * numbers tcp_listen_input() set from its ISN, and the MSS the cookie
 * keeps (so the connection is the same whether its PCB lives or not).
 */
static void give_cookie(struct tcp_pcb *pcb)
{
	struct tcp_tuple t;
	uint16_t mss;
	u32_t cookie;

	if (!cookies_sent)
		draw_key(cookie_key);
	tuple_of(pcb, &t);
	cookie_period_last = cookie_period();
	cookie = syn_cookie_make(cookie_key, &t, pcb->rcv_nxt - 1,
				 cookie_period_last, pcb->mss, &mss);
	pcb->mss = mss;
	pcb->snd_wl2 = cookie;
	pcb->snd_nxt = cookie;
	pcb->lastack = cookie;
	pcb->snd_lbb = cookie;
	cookies_sent = true;
	cookies_made++;
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
	if (waiting >= NET_SYN_COOKIE_FROM)
		give_cookie(pcb);
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

static bool known(struct tcp_pcb *list, const struct tcp_tuple *t)
{
	struct tcp_tuple k;

	for (; list; list = list->next) {
		tuple_of(list, &k);
		if (k.local_port == t->local_port &&
		    k.remote_port == t->remote_port &&
		    k.local_ip == t->local_ip && k.remote_ip == t->remote_ip)
			return true;
	}
	return false;
}

static struct tcp_pcb_listen *listener(const struct tcp_tuple *t)
{
	struct tcp_pcb_listen *l;

	for (l = tcp_listen_pcbs.listen_pcbs; l; l = l->next)
		if (l->local_port == t->local_port &&
		    (ip_addr_isany(&l->local_ip) ||
		     ip4_addr_get_u32(ip_2_ip4(&l->local_ip)) == t->local_ip))
			return l;
	return NULL;
}

int net_tcp_cookie_input(struct pbuf *p, struct netif *inp)
{
	struct tcp_pcb_listen *l;
	struct tcp_pcb *pcb;
	struct tcp_peek seg;
	uint32_t now;
	uint16_t mss;

	/* The cheap tests first: in a SYN flood every datagram is a SYN. */
	if (!cookies_sent || !tcp_peek(p->payload, p->len, &seg) ||
	    (seg.flags & (TCP_PEEK_SYN | TCP_PEEK_RST | TCP_PEEK_ACK)) !=
		    TCP_PEEK_ACK)
		return 0;
	now = cookie_period();
	if (now - cookie_period_last > 1 ||
	    seg.t.local_ip != ip4_addr_get_u32(netif_ip4_addr(inp)) ||
	    known(tcp_active_pcbs, &seg.t) || known(tcp_tw_pcbs, &seg.t))
		return 0;
	l = listener(&seg.t);
	/* A full backlog: no PCB, as tcp_listen_input() makes none for a
	 * SYN; the client sends again. */
	if (!l || l->accepts_pending >= l->backlog ||
	    !syn_cookie_check(cookie_key, &seg.t, seg.seq - 1, seg.ack - 1,
			      now, &mss))
		return 0;
	pcb = tcp_alloc(l->prio);
	if (!pcb)
		return 0;
	/* As tcp_listen_input() sets a PCB up, after its SYN-ACK went. */
	ip_addr_set_ip4_u32_val(pcb->local_ip, seg.t.local_ip);
	ip_addr_set_ip4_u32_val(pcb->remote_ip, seg.t.remote_ip);
	pcb->local_port = l->local_port;
	pcb->remote_port = seg.t.remote_port;
	pcb->state = SYN_RCVD;
	pcb->rcv_nxt = seg.seq;
	pcb->rcv_ann_right_edge = seg.seq;
	pcb->snd_wl1 = seg.seq - 2;	/* the SYN's seqno - 1: any window */
	pcb->snd_wl2 = seg.ack - 1;
	pcb->lastack = seg.ack - 1;
	pcb->snd_nxt = seg.ack;		/* our SYN counted */
	pcb->snd_lbb = seg.ack;
	pcb->snd_wnd = seg.wnd;
	pcb->snd_wnd_max = seg.wnd;
	pcb->callback_arg = l->callback_arg;
	pcb->listener = l;
	pcb->so_options = l->so_options & SOF_INHERITED;
	pcb->netif_idx = l->netif_idx;
	pcb->mss = tcp_eff_send_mss(mss, &pcb->local_ip, &pcb->remote_ip);
	TCP_REG_ACTIVE(pcb);
	cookies_taken++;
	return 0;
}

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
	st->cookies = cookies_made;
	st->cookies_taken = cookies_taken;
	st->now = 0;
	for (p = tcp_active_pcbs; p; p = p->next)
		st->now += p->state == SYN_RCVD;
	UNLOCK_TCPIP_CORE();
}
