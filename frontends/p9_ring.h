/*
 * The byte rings of Xen's 9pfs transport (xen/io/9pfs.h, io/ring.h's
 * DEFINE_XEN_FLEX_RING_AND_INTF; docs/misc/9pfs.pandoc): one interface
 * page holding four free-running indices and the grant refs, and a data
 * area of 2^ring_order pages split in two, "in" (backend to us: replies)
 * first and "out" (us to backend: requests) after it, each
 * XEN_FLEX_RING_SIZE(ring_order) bytes.  Pure code: the host unit tests
 * and fuzz_p9_ring run it as the kernel does.
 *
 * The backend writes in_prod and out_cons and may write anything.  Each
 * is read once, with acquire ordering (the bytes it published before are
 * then visible), and must lie within one ring's size of the index we own;
 * our own indices (out_prod, in_cons) are kept here, never read back from
 * the shared page.  A violation is P9_RING_CORRUPT: stop using the ring.
 */
#ifndef FRONTENDS_P9_RING_H
#define FRONTENDS_P9_RING_H

#include <stddef.h>
#include <stdint.h>

#include <xen/xen.h>

#include "kernel/errno.h"
#include "xen/shared_ring.h"

#include <xen/io/9pfs.h>

#define P9_RING_CORRUPT	(-EPROTO)

/*
 * The largest ring order we use: the interface page holds 2^order grant
 * refs after its 132-byte header, so 9 (512 refs, 2 KiB) is the page's
 * limit as Linux's 9pfs frontend also takes it; each direction then has
 * 1 MiB.
 */
#define P9_RING_ORDER_MAX	9

/* One direction's size in bytes for ring_order (order <= MAX). */
uint32_t p9_ring_size(unsigned int order);

/*
 * The order to use, given the backend's max-ring-page-order and the
 * order we would like: the smallest of the two and P9_RING_ORDER_MAX (a
 * backend may offer more than one interface page can address).
 */
unsigned int p9_ring_order(unsigned int backend_max, unsigned int wanted);

/*
 * Bytes waiting between a consumer and a producer index, for a ring of
 * size bytes: prod - cons (free-running, so right across the wrap), or
 * P9_RING_CORRUPT when that exceeds size (which includes prod behind
 * cons).
 */
long p9_ring_used(RING_IDX prod, RING_IDX cons, uint32_t size);

/*
 * Copy len bytes into / out of a ring of size bytes (a power of two)
 * starting at free-running index idx, wrapping at the end.  The caller
 * has checked len against p9_ring_used; len <= size.
 */
void p9_ring_put(uint8_t *ring, uint32_t size, RING_IDX idx,
		 const void *src, size_t len);
void p9_ring_get(const uint8_t *ring, uint32_t size, RING_IDX idx,
		 void *dst, size_t len);

/* The frontend's side of one ring pair. */
struct p9_ring {
	struct xen_9pfs_data_intf *intf;	/* shared with the backend */
	uint8_t *in;		/* replies, size bytes */
	uint8_t *out;		/* requests, size bytes */
	uint32_t size;
	RING_IDX out_prod;	/* ours: bytes of requests published */
	RING_IDX in_cons;	/* ours: bytes of replies taken */
};

/*
 * Set r up over intf and a data area of 2 * p9_ring_size(order) bytes,
 * and zero the shared indices and write ring_order (before the backend
 * is told of the ring).
 */
void p9_ring_init(struct p9_ring *r, struct xen_9pfs_data_intf *intf,
		  uint8_t *data, unsigned int order);

/*
 * Send: copy as much of len bytes at src as fits now into the out ring
 * and publish it (release-store out_prod).  Returns the bytes copied (0:
 * the ring is full; notify and wait for out_cons to move), or
 * P9_RING_CORRUPT.
 */
long p9_ring_send(struct p9_ring *r, const void *src, size_t len);

/*
 * Receive: copy up to len bytes waiting in the in ring to dst and
 * release them (release-store in_cons).  Returns the bytes copied (0:
 * nothing waiting), or P9_RING_CORRUPT.
 */
long p9_ring_recv(struct p9_ring *r, void *dst, size_t len);

#endif
