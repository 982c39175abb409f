/*
 * What keeps a peer from predicting or exhausting our TCP: RFC 6528
 * initial sequence numbers (LWIP_HOOK_TCP_ISN, lwipopts.h names this file
 * as lwIP's hook file), a bounded SYN queue, SYN cookies when it fills
 * (LWIP_HOOK_IP4_INPUT) and a listen backlog.  Only lwIP's types here:
 * lwIP's own sources include this header.
 */
#ifndef NET_TCP_GUARD_H
#define NET_TCP_GUARD_H

#include "lwip/arch.h"
#include "lwip/ip_addr.h"

struct netconn;
struct netif;
struct pbuf;

/*
 * At most this many connections in SYN_RCVD (handshakes a peer began and
 * did not finish), over all listeners: a new SYN beyond it takes the
 * place of the one that waited longest.
 */
#define NET_SYN_QUEUE_MAX	16u

/*
 * From this many handshakes waiting on, a new one's SYN-ACK carries a SYN
 * cookie (net/syn_cookie.h) as its sequence number: if its connection is
 * evicted before the client's ACK comes, the ACK rebuilds it.
 */
#define NET_SYN_COOKIE_FROM	(NET_SYN_QUEUE_MAX / 2)

/* LWIP_HOOK_TCP_ISN: called by lwIP with its core lock held. */
u32_t net_tcp_isn(const ip_addr_t *local_ip, u16_t local_port,
		  const ip_addr_t *remote_ip, u16_t remote_port);

/*
 * LWIP_HOOK_IP4_INPUT, under lwIP's core lock, for every datagram before
 * lwIP reads it: if it is the ACK of a SYN cookie sent in the last two
 * periods, for a connection that has no PCB, make the PCB (in SYN_RCVD,
 * as if it had never left) for TCP to find.  Never eats the datagram: 0.
 */
int net_tcp_cookie_input(struct pbuf *p, struct netif *inp);

/*
 * The hooks of the links (net/netif_glue.c), here as lwIP includes only
 * this file: LWIP_HOOK_IP4_INPUT (a TSO link's peers' SYNs, then
 * net_tcp_cookie_input) and LWIP_HOOK_TCP_OUT_ADD_TCPOPTS (our SYNs
 * advertise the wire's MSS, not the TSO link's).  Under lwIP's core
 * lock.
 */
struct tcp_hdr;
struct tcp_pcb;
int net_link_ip4_input(struct pbuf *p, struct netif *inp);
u32_t *net_link_tcp_out_opts(struct pbuf *p, struct tcp_hdr *hdr,
			     const struct tcp_pcb *pcb, u32_t *opts);

/*
 * netconn_listen() with the guard: at most `backlog` connections
 * established and not yet accepted (further SYNs are dropped, and peers
 * retry), handshakes counted in the SYN queue instead, and keepalive on
 * every connection accepted (TCP_KEEPIDLE_DEFAULT and friends in
 * lwipopts.h).  0 or a negative errno.
 */
int net_tcp_listen(struct netconn *conn, u8_t backlog);

struct net_syn_stats {
	unsigned int now;	/* in SYN_RCVD */
	unsigned int max;	/* the most at once since boot */
	unsigned int evicted;	/* handshakes dropped for a newer SYN */
	unsigned int cookies;	/* SYN-ACKs sent with a cookie */
	unsigned int cookies_taken;	/* connections rebuilt from one */
};

/* The SYN queue's figures, for a report (net/mem_stats.c). */
void net_syn_stats(struct net_syn_stats *st);

#endif
