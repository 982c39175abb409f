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

/* Ethernet header, 1500 bytes of MTU and a VLAN tag: one TX slot. */
#define NETFRONT_FRAME_MAX	1518
/*
 * A received large TCP frame (feature-gso-tcpv4): the Ethernet header
 * and IPv4's 65,535 bytes at most, and no more (lwIP's pbufs count a
 * frame's bytes in 16 bits).
 */
#define NETFRONT_GSO_FRAME_MAX	65535
/* The pieces of one received frame: one per ring slot. */
#define NETFRONT_RX_SEGS	20
#define NETFRONT_MAC_LEN	6
/* vifs driven at once; more are refused (and logged) at probe. */
#define NETFRONT_MAX_VIFS	4

struct netfront;

/* A piece of a frame. */
struct netfront_seg {
	const void *data;
	size_t len;
};

/*
 * One received frame, as the backend's slots hold it: count pieces,
 * len bytes in all.  The pieces lie in pages the backend can still
 * write: copy them before reading them.
 */
struct netfront_rx_frame {
	unsigned int count;
	size_t len;
	/*
	 * The backend vouches for its TCP or UDP checksum, or the sender was
	 * local and never computed it (io/netif.h NETRXF_data_validated,
	 * NETRXF_csum_blank): do not check it.  Only with the feature on.
	 */
	bool csum_ok;
	/* A large TCP frame (GSO) for segments of this size, else 0. */
	unsigned int gso_size;
	struct netfront_seg seg[NETFRONT_RX_SEGS];
};

/*
 * What a vif negotiated, fixed for its link: a reconnection that would
 * change them takes the link down and brings a new one up.
 */
#define NETFRONT_F_RX_CSUM	(1u << 0) /* frames may come csum_ok */
#define NETFRONT_F_TX_CSUM	(1u << 1) /* NETFRONT_TX_CSUM_BLANK works */
#define NETFRONT_F_RX_SG	(1u << 2) /* frames may span slots */
#define NETFRONT_F_RX_GSO	(1u << 3) /* up to NETFRONT_GSO_FRAME_MAX */
/* Large TCP frames out, cut by the backend (NETFRONT_TX_GSO). */
#define NETFRONT_F_TX_GSO	(1u << 4)

/* netfront_send's flags. */
/*
 * An IPv4 TCP frame whose checksum field holds only the pseudo-header's
 * sum (not inverted): the backend completes it (NETTXF_csum_blank, and
 * NETTXF_data_validated: dom0 need not check it).
 */
#define NETFRONT_TX_CSUM_BLANK	(1u << 0)
/*
 * A large IPv4 TCP frame (up to NETFRONT_GSO_FRAME_MAX, with
 * NETFRONT_TX_CSUM_BLANK) for the backend to cut into segments of
 * gso_size bytes (io/netif.h's GSO extra-info slot).
 */
#define NETFRONT_TX_GSO		(1u << 1)

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
	/* One whole received frame, valid only during the call. */
	void (*rx)(void *ctx, const struct netfront_rx_frame *frame);
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
 * xenbus_start().  Nothing is allocated until a vif appears.  opts (or
 * NULL) is bootargs' netfront=, a comma-separated list that switches
 * features off for measurement: "no-csum" (full checksums both ways),
 * "no-sg" (one slot per frame both ways, hence no GSO either), "no-gso"
 * (no large TCP frames either way).
 * 0, or xenbus_register's error.
 */
int netfront_init(const char *opts);

/*
 * The network layer's callbacks (ops must outlive the kernel).  vifs
 * already connected get their link_up now.
 */
void netfront_set_ops(const struct netfront_ops *ops);

/*
 * Queue one Ethernet frame, given in count pieces of len bytes in all
 * (copied into granted pages, one for a frame of NETFRONT_FRAME_MAX at
 * most: the pieces may be reused on return), from a thread (it takes
 * the vif's mutex), rx callbacks included.  flags: NETFRONT_TX_*;
 * gso_size only with NETFRONT_TX_GSO.  0; -ENETDOWN when nf is not
 * connected; -EMSGSIZE beyond NETFRONT_FRAME_MAX (NETFRONT_GSO_FRAME_MAX
 * with NETFRONT_TX_GSO) or empty; -EINVAL when the pieces do not add up
 * to len, or for a GSO frame without a blank checksum or gso_size;
 * -EOPNOTSUPP for a flag the vif did not negotiate; -ENOBUFS when too
 * few TX pages are free (try again after the backend answers).
 */
int netfront_send(struct netfront *nf, const struct netfront_seg *seg,
		  unsigned int count, size_t len, unsigned int flags,
		  unsigned int gso_size);

/* NETFRONT_F_* of nf's connection. */
unsigned int netfront_features(const struct netfront *nf);

/* The MAC XenStore gives the vif (NETFRONT_MAC_LEN bytes). */
const uint8_t *netfront_mac(const struct netfront *nf);
/* "vif0": "vif" and the XenStore device id. */
const char *netfront_name(const struct netfront *nf);

struct netfront_stats {
	uint64_t rx_frames, rx_bytes, rx_dropped;
	uint64_t tx_frames, tx_bytes, tx_errors;
	/* Offloads at work: received large (GSO) frames, received frames
	 * whose checksum the backend vouched for, sent frames whose TCP
	 * checksum the backend completed, sent large (GSO) frames. */
	uint64_t rx_large, rx_csum_ok, tx_csum_blank, tx_large;
	unsigned int tx_in_flight;	/* sent, the backend not done yet */
};
/* A consistent snapshot of nf's counters (takes its mutex: a thread). */
void netfront_get_stats(struct netfront *nf, struct netfront_stats *stats);

/* The i-th connected vif, or NULL: for ifconfig-like listings. */
struct netfront *netfront_at(unsigned int i);

#endif
