/*
 * PV network frontend: the XenBus driver for "vif" devices
 * (xen/io/netif.h), one TX and one RX ring each, Ethernet frames copied
 * in and out of pages granted to the backend once and reused.  The
 * network stack above (net/) is not known here by name: it hands its
 * functions down with netfront_set_ops() and sends with netfront_send().
 * Results are >= 0 or a negative errno.
 */
#ifndef XEN_NETFRONT_H
#define XEN_NETFRONT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Ethernet header, 1500 bytes of MTU and a VLAN tag: no GSO, no SG. */
#define NETFRONT_FRAME_MAX	1518
#define NETFRONT_MAC_LEN	6
/* vifs driven at once; more are refused (and logged) at probe. */
#define NETFRONT_MAX_VIFS	4

struct netfront;

/*
 * The network layer's side.  Each callback may be NULL.  They run on
 * the "netfront" thread or XenBus's "xenwatch" thread, never in an
 * interrupt handler, one at a time for a given vif.
 */
struct netfront_ops {
	/*
	 * nf is connected: MAC and name are valid, netfront_send works.
	 * Returns the context later callbacks get for it (the layer's
	 * interface), or NULL to leave it alone.
	 */
	void *(*link_up)(struct netfront *nf);
	/*
	 * One whole received frame, valid only during the call.  It may lie
	 * in a page the backend can still write: copy it before reading it.
	 */
	void (*rx)(void *ctx, const void *frame, size_t len);
	/*
	 * Whether rx would take a frame now.  While it says no, frames stay
	 * on the ring (the backend queues or drops them), and netfront
	 * looks again a little later.  NULL: always.
	 */
	bool (*rx_room)(void *ctx);
	/*
	 * The backend closed, the vif was removed or the backend broke the
	 * ring protocol: no rx after this, netfront_send fails until the
	 * next link_up (which may be for the same nf, reconnected).
	 */
	void (*link_down)(void *ctx);
};

/*
 * Register the XenBus driver: from the composition root, before
 * xenbus_start().  Nothing is allocated until a vif appears.  0, or
 * xenbus_register's error.
 */
int netfront_init(void);

/*
 * The network layer's callbacks (ops must outlive the kernel).  vifs
 * already connected get their link_up now.
 */
void netfront_set_ops(const struct netfront_ops *ops);

/*
 * Queue one Ethernet frame (copied: frame may be reused on return),
 * from a thread (it takes the vif's mutex), rx callbacks included.  0; -ENETDOWN when nf is not connected; -EMSGSIZE beyond
 * NETFRONT_FRAME_MAX (or empty); -ENOBUFS when every TX slot is in flight
 * (try again after the backend answers).
 */
int netfront_send(struct netfront *nf, const void *frame, size_t len);

/* The MAC XenStore gives the vif (NETFRONT_MAC_LEN bytes). */
const uint8_t *netfront_mac(const struct netfront *nf);
/* "vif0": "vif" and the XenStore device id. */
const char *netfront_name(const struct netfront *nf);

struct netfront_stats {
	uint64_t rx_frames, rx_bytes, rx_dropped;
	uint64_t tx_frames, tx_bytes, tx_errors;
	unsigned int tx_in_flight;	/* sent, the backend not done yet */
};
/* A consistent snapshot of nf's counters (takes its mutex: a thread). */
void netfront_get_stats(struct netfront *nf, struct netfront_stats *stats);

/* The i-th connected vif, or NULL: for ifconfig-like listings. */
struct netfront *netfront_at(unsigned int i);

#endif
