/*
 * The rings of a vchan, Xen's libxenvchan byte stream (public header
 * io/libxenvchan.h): one shared page holding struct vchan_interface,
 * and two one-way rings whose sizes are powers of two, 2^10 to 2^20
 * bytes.  "left" is what the client writes and the server reads,
 * "right" the other way.  A ring of order 10 lives in the shared page
 * at offset 1024, one of order 11 at 2048; a larger one has pages of its
 * own, granted, their references listed in grants[] (left's first).
 *
 * Each ring's two 32-bit indices run free and wrap; the peer writes one
 * of them.  Ours is kept here as well, and the peer's is read once per
 * call and checked: a peer whose index claims more bytes than the ring
 * holds gets VCHAN_RING_CORRUPT and nothing is copied.  Pure code: the
 * host unit tests and the fuzzer run it.  Results are >= 0 or a negative
 * errno.
 */
#ifndef XEN_VCHAN_RING_H
#define XEN_VCHAN_RING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <xen/io/libxenvchan.h>

/* -EIO, with kernel/errno.h (not included here: lib/osprey_vchan.c
 * includes this beside picolibc's <errno.h>, whose numbers differ). */
#define VCHAN_RING_CORRUPT	(-EIO)

#define VCHAN_PAGE_SHIFT	12
#define VCHAN_PAGE_SIZE		(1u << VCHAN_PAGE_SHIFT)
/* The two orders a ring inside the shared page may have, and where. */
#define VCHAN_ORDER_SMALL	10	/* at offset 1024 */
#define VCHAN_ORDER_LARGE	11	/* at offset 2048 */
#define VCHAN_ORDER_MAX		20	/* libxenvchan's largest: 256 grants */

/* One direction, as one end sees it. */
struct vchan_ring {
	struct ring_shared *shared;	/* its {cons, prod} in the page */
	uint8_t *data;
	uint32_t size;			/* a power of two */
	uint32_t own;			/* the index this end moves */
	bool producer;			/* we write it (own is prod) */
};

/*
 * Take a ring at shared/data of 2^order bytes, as its producer or its
 * consumer; our index starts at what the page holds now (0 in a new
 * page).  -EINVAL for an order outside [10, 20].
 */
int vchan_ring_init(struct vchan_ring *r, struct ring_shared *shared,
		    void *data, unsigned int order, bool producer);

/* Bytes the consumer may take now, or CORRUPT. */
long vchan_ring_readable(const struct vchan_ring *r);
/* Room the producer may fill now, or CORRUPT. */
long vchan_ring_writable(const struct vchan_ring *r);

/*
 * Copy up to len bytes out (consumer) and publish the new cons, or in
 * (producer) and publish the new prod: how many, or CORRUPT (nothing
 * copied, nothing published).
 */
long vchan_ring_read(struct vchan_ring *r, void *buf, size_t len);
long vchan_ring_write(struct vchan_ring *r, const void *buf, size_t len);

/*
 * The rings' layout.  A ring's pages of its own: 0 for order 10 and 11.
 */
unsigned int vchan_order_pages(unsigned int order);
/* Where a ring of this order starts in the shared page, or 0 if it has
 * pages of its own. */
unsigned int vchan_order_offset(unsigned int order);

/*
 * Whether the orders a server wrote (left, right) are ones a client can
 * use: each in [10, 20], not both in the page at the same offset, and
 * the grant list ends before the first in-page ring (or the page's end).
 * 0 or -EINVAL.
 */
int vchan_orders_check(unsigned int left, unsigned int right);

/*
 * The orders a server picks for rings of at least left_min and
 * right_min bytes, as libxenvchan does: both in the page when they fit
 * (1 KiB and 2 KiB), else one in the page and one of its own, else
 * pages for both.  0 sizes mean the smallest.  0, or -EINVAL above
 * 2^20 bytes.
 */
int vchan_orders_choose(size_t left_min, size_t right_min,
			unsigned int *left, unsigned int *right);

/*
 * Notification bits (VCHAN_NOTIFY_READ/WRITE): an end asks the peer to
 * notify it by setting the bit in the peer's byte, then re-reads the
 * indices (the peer may have moved before it saw the bit).  After
 * moving an index, an end takes the bit from its own byte and sends an
 * event only if it was set.  Both are full barriers.
 */
void vchan_notify_request(uint8_t *peer_byte, uint8_t bit);
bool vchan_notify_take(uint8_t *own_byte, uint8_t bit);

#endif
