/*
 * The links' receive buffers (net_link_input() copies each frame into
 * them): a fixed number of lwIP custom pbufs in pages taken when the
 * first link is added, so that a guest without a vif carries none, and so
 * that frames lwIP holds (queued for the tcpip thread, waiting in a
 * connection's receive queue) take nothing from any other limit.
 */
#ifndef NET_RX_POOL_H
#define NET_RX_POOL_H

#include <stdbool.h>
#include <stddef.h>

#include "net/net.h"

struct pbuf;

/*
 * Full-sized frames of a 1500-byte MTU (a larger one takes several): a
 * TCP window's worth held by lwIP, and a large (GSO) frame of 64 KiB,
 * with room to spare.
 */
#define NET_RX_BUFFERS		128
#define NET_RX_BUFFER_DATA	1536

/* The buffers' pages, once: 0 or -ENOMEM (a later call tries again). */
int net_rx_pool_init(void);
/* A pbuf chain of len bytes (PBUF_RAW), or NULL when none is free. */
struct pbuf *net_rx_alloc(size_t len);
void net_rx_stats(struct net_pool_stats *st);
/* Whether net_rx_alloc(len) would find the buffers now. */
bool net_rx_room(size_t len);

#endif
