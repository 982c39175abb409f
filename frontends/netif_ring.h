/*
 * The PV network rings' responses (xen/io/netif.h), checked against what
 * we asked for.  Pure code (no hypercalls, no printk): the host unit
 * tests and fuzz_netif_ring run it.  The backend in another domain writes
 * the responses and rsp_prod and may write anything: the producer index
 * is read once and bounded by the requests we published, each response
 * is taken by value (read once) and its id must be one we have
 * outstanding, and sizes, offsets, flags and extra-info slots are checked
 * before any byte is used.
 *
 * Verdicts: >= 0 use the response; a negative errno fails that one
 * request (frame), the ring staying usable; NETIF_RING_CORRUPT means the
 * backend broke the protocol: stop reading the ring and disconnect.
 */
#ifndef XEN_NETIF_RING_H
#define XEN_NETIF_RING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <xen/xen.h>

#include "kernel/errno.h"
#include "xen/shared_ring.h"

#include <xen/io/netif.h>

#define NETIF_RING_CORRUPT (-EPROTO)

/* Each ring is one page, and each RX buffer: Xen's 4 KiB. */
#define NETIF_PAGE_SIZE	4096

/* Slots in one page's ring: 256 for both (io/ring.h's arithmetic). */
#define NETIF_TX_RING_SIZE __CONST_RING_SIZE(netif_tx, NETIF_PAGE_SIZE)
#define NETIF_RX_RING_SIZE __CONST_RING_SIZE(netif_rx, NETIF_PAGE_SIZE)
#define NETIF_RING_MAX	256
/*
 * Slots one received frame may take (data and extra-info), as Linux's
 * netfront bounds it (MAX_SKB_FRAGS + 1, and then some): a longer chain
 * is consumed and dropped, so it cannot grow without bound.
 */
#define NETIF_RX_MAX_SLOTS	20

/*
 * Ids with a request on the ring that the backend has not answered yet,
 * one bit each (ids below NETIF_RING_MAX).  The driver sets a bit when it
 * publishes a request; the checks below clear it when they accept the
 * answer, so each request is answered once.
 */
struct netif_ids {
	uint64_t bits[NETIF_RING_MAX / 64];
};

void netif_ids_set(struct netif_ids *ids, unsigned int id);
bool netif_ids_test(const struct netif_ids *ids, unsigned int id);
/* How many bits are set. */
unsigned int netif_ids_count(const struct netif_ids *ids);

/*
 * Responses ready to read: *rsp_prod (the backend's, read once with
 * acquire ordering so the responses it published before are visible)
 * minus rsp_cons.  req_prod is our own count of published requests: the
 * backend cannot answer more than we asked.  Returns the count, or
 * NETIF_RING_CORRUPT when rsp_prod is behind rsp_cons or beyond req_prod
 * (or the ring's size); then the caller reads nothing.
 */
long netif_ring_ready(const RING_IDX *rsp_prod, RING_IDX rsp_cons,
		      RING_IDX req_prod, unsigned int ring_size);

/*
 * One TX response.  *id is the answered request's id whenever the result
 * is not NETIF_TX_SKIP or CORRUPT; its bit in outstanding is cleared, and
 * the caller frees that slot.
 *   0                 NETIF_RSP_OKAY: the frame went out;
 *   -EIO              NETIF_RSP_ERROR: the backend refused the frame;
 *   -ENOBUFS          NETIF_RSP_DROPPED: the backend dropped it;
 *   NETIF_TX_SKIP     NETIF_RSP_NULL: the answer to an extra-info slot,
 *                     which frees nothing (outstanding untouched);
 *   NETIF_RING_CORRUPT an id out of range or not outstanding, or a status
 *                     io/netif.h does not define.
 */
#define NETIF_TX_SKIP	1
int netif_tx_response(struct netif_tx_response rsp,
		      struct netif_ids *outstanding, uint16_t *id);

/*
 * What the RX check keeps between the responses of one frame (a frame
 * can span several slots, and the event that tells us of the first may
 * come before the backend wrote the rest).  Zero it to start; it is back
 * to zero after each frame's end.
 */
struct netif_rx_frame {
	bool started;		/* a slot of this frame was read */
	uint32_t len;		/* data bytes accepted so far */
	unsigned int slots;	/* slots consumed so far */
	unsigned int extras;	/* extra-info slots still to come */
	bool more;		/* the last data slot said more_data */
	int error;		/* the frame's failure, once it has one */
	uint16_t csum;		/* the first slot's NETRXF_ checksum flags */
	uint16_t gso_size;	/* from a GSO extra-info slot, else 0 */
};

/* The part of one buffer that holds frame data. */
struct netif_rx_slot {
	uint16_t id;		/* whose buffer: recycle it */
	uint16_t offset;	/* data at [offset, offset + size) */
	uint16_t size;		/* 0: no data (extra-info, failed frame) */
	uint32_t frame_len;	/* when the frame is complete: its length */
	/*
	 * When the frame is complete: NETRXF_data_validated and
	 * NETRXF_csum_blank as its first slot had them (the backend vouches
	 * for the TCP/UDP checksum, or it was never computed: a local
	 * sender's, which only the pseudo-header sum fills), and the
	 * segment size of a large TCP frame (a GSO extra-info slot), else 0.
	 */
	uint16_t csum_flags;
	uint16_t gso_size;
};

/*
 * One RX response, the one at ring index idx.  Requests are posted with
 * id = idx % NETIF_RX_RING_SIZE (as Linux's netfront does, and as
 * netback answers each request in the response slot of the same index),
 * so a data response must carry that id, and an extra-info slot (which
 * has no id) uses that request's buffer.  The buffer's bit in
 * outstanding must be set; it is cleared.  max_len bounds the frame.
 *   NETIF_RX_MORE (1)  copy *slot's bytes, recycle slot->id; the frame
 *                      goes on in the next response;
 *   0                  the same, and the frame is complete:
 *                      slot->frame_len bytes in all;
 *   -EIO               the backend's status says error;
 *   -EINVAL            offset + size beyond the page, a bad extra-info
 *                      type, or a GSO slot for anything but TCP over
 *                      IPv4 or with a segment size of 0;
 *   -EMSGSIZE          longer than max_len, or more than
 *                      NETIF_RX_MAX_SLOTS slots;
 *                      (each when the frame's last slot is read: drop
 *                      the frame, recycle slot->id; the slots between a
 *                      failure and the end come as NETIF_RX_MORE with
 *                      size 0)
 *   NETIF_RING_CORRUPT the id does not match idx or is not outstanding:
 *                      outstanding and f are left as they were.
 */
#define NETIF_RX_MORE	1
int netif_rx_response(struct netif_rx_frame *f, RING_IDX idx,
		      struct netif_rx_response rsp,
		      struct netif_ids *outstanding, uint32_t max_len,
		      struct netif_rx_slot *slot);

#endif
