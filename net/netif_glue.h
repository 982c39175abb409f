/*
 * An Ethernet link under lwIP: what a network driver (netfront) hands in
 * to put one device on the stack.  The driver knows nothing of lwIP: it
 * gives a transmit function and its MAC, and passes each received frame to
 * net_link_input().  Frames are whole Ethernet frames (destination MAC
 * first) without the FCS.  Every function here runs in thread context,
 * never in an interrupt handler.
 *
 * Wiring, by whoever sees both sides (init/ or an app):
 *
 *	link = net_link_add(&(struct net_link_config){
 *		.mac = {...}, .mtu = 1500, .transmit = my_tx, .ctx = dev,
 *	});
 *	... for each frame the device received: net_link_input(link, f, n);
 *	... when the device goes: net_link_remove(link);
 */
#ifndef NET_NETIF_GLUE_H
#define NET_NETIF_GLUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A frame to send, in pieces (lwIP's buffer chain), in order. */
struct net_frag {
	const void *data;
	size_t len;
};

/* At most this many pieces per frame; longer chains are copied first. */
#define NET_LINK_MAX_FRAGS	8

/* What a link's device does for the stack (net_link_config.offloads). */
/*
 * It completes TCP checksums: an IPv4 TCP frame may go to transmit with
 * NET_TX_CSUM_BLANK, its checksum field holding the pseudo-header's sum.
 */
#define NET_LINK_TX_CSUM	(1u << 0)
/* It may pass frames larger than the MTU: large TCP frames (GSO). */
#define NET_LINK_RX_LARGE	(1u << 1)
/*
 * It cuts large TCP frames into segments (with NET_LINK_TX_CSUM): lwIP
 * builds segments of up to NET_TSO_MSS (net/tso.h) for it.
 */
#define NET_LINK_TX_TSO		(1u << 2)

/* What comes with a frame to transmit. */
struct net_tx_info {
	unsigned int flags;	/* NET_TX_* */
	unsigned int gso_size;	/* with NET_TX_TSO: the segments' size */
};
#define NET_TX_CSUM_BLANK	(1u << 0)
/* Longer than the MTU allows: cut it into segments of gso_size. */
#define NET_TX_TSO		(1u << 1)

/* net_link_input's flags. */
/* The device vouches for the frame's TCP/UDP checksum: skip the check. */
#define NET_RX_CSUM_OK		(1u << 0)
/* The largest frame NET_LINK_RX_LARGE lets through. */
#define NET_RX_LARGE_MAX	65535

/* IPv4 addresses in network byte order as they appear on the wire. */
struct net_ip_config {
	bool dhcp;			/* false: the three below */
	uint8_t address[4];
	uint8_t netmask[4];
	uint8_t gateway[4];		/* 0.0.0.0: none */
};

struct net_link_config {
	uint8_t mac[6];
	uint16_t mtu;			/* IP MTU, 1500 on a Xen bridge */
	/*
	 * Send one frame of `total` bytes.  Called with lwIP's core lock
	 * held, from whichever thread runs the stack (the tcpip thread or an
	 * app inside a netconn call): copy or grant the data and return; do
	 * not wait for the peer.  0, or a negative errno: the frame is
	 * dropped (TCP sends it again).  info: only what the offloads
	 * below allow.
	 */
	int (*transmit)(void *ctx, const struct net_frag *frags,
			unsigned int count, size_t total,
			const struct net_tx_info *info);
	void *ctx;
	unsigned int offloads;		/* NET_LINK_* */
	/* NULL: DHCP. */
	const struct net_ip_config *ip;
};

struct net_link;

/*
 * Start the stack if needed (net_start()), add the link as an lwIP netif
 * ("en0", "en1", ...; the first becomes the default route), bring it up
 * and start DHCP or set the static address.  The boot log shows the MAC,
 * and the address once there is one.  NULL when out of memory (also for
 * the stack's start) or when cfg is invalid (no transmit, MTU outside 576..9000).
 */
struct net_link *net_link_add(const struct net_link_config *cfg);

/*
 * One received frame, in count pieces of total bytes, copied into
 * lwIP's buffers and queued for the tcpip thread; the caller may reuse
 * the pieces at once.  flags: NET_RX_*.  0, -EINVAL (too short, longer
 * than the MTU allows, or NET_RX_LARGE_MAX for a NET_LINK_RX_LARGE link;
 * pieces that do not add up), -ENOBUFS (no buffer or the queue is full,
 * see net_link_can_input: the frame is dropped, as a full NIC would).
 */
int net_link_input(struct net_link *link, const struct net_frag *frags,
		   unsigned int count, size_t total, unsigned int flags);

/*
 * Whether net_link_input would find room now, for a frame of any size
 * link takes (a place in the stack's queue, and buffers): a driver
 * that can leave frames with its device (netfront leaves them on the
 * ring) asks first, so that a flood is held back there instead of being
 * copied and dropped here.
 */
bool net_link_can_input(const struct net_link *link);

/*
 * Take the link off the stack (DHCP released) and free it.  The driver
 * calls net_link_input() no more for it, and its transmit function is no
 * longer called once this returns.
 */
void net_link_remove(struct net_link *link);

/*
 * "ip=A.B.C.D/N" and optional "gw=A.B.C.D" from bootargs into *ip:
 * 1 when a static address was given, 0 when not (ip->dhcp set), -EINVAL
 * when malformed (ip->dhcp set: the caller reports it and uses DHCP).
 */
int net_ip_config_parse(const char *bootargs, struct net_ip_config *ip);

/* A link as lwIP holds it now; addresses as in net_ip_config. */
struct net_link_state {
	char name[8];			/* "en0" */
	uint8_t mac[6];
	bool link_up;			/* the driver's device is there */
	bool dhcp;			/* else the static address */
	bool is_default;		/* the default route goes there */
	uint8_t address[4];		/* 0.0.0.0 until it has one */
	uint8_t netmask[4];
	uint8_t gateway[4];		/* 0.0.0.0: none */
};

/*
 * The index-th link (from 0, in lwIP's list order) into *s: 0, or
 * -ENODEV when there is no such link (none before the stack started).
 * Thread context; takes lwIP's core lock.
 */
int net_link_state(unsigned int index, struct net_link_state *s);

/* "10.0.0.2/24 gw 10.0.0.1 mac 00:16:3e:..": one line per link. */
typedef void (*net_link_report_fn)(void *ctx, const char *line);
void net_link_report(net_link_report_fn fn, void *ctx);

#endif
