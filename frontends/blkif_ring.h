/*
 * The frontend's bookkeeping of a blkif ring (xen/io/blkif.h), and the
 * checks every response passes before it is used: pure code, so that the
 * host unit tests and a libFuzzer harness run it as the kernel does.
 *
 * The backend is not trusted.  A response is used only if the producer
 * index admits it (no more responses than requests outstanding) and its
 * id names a request in flight; its status then decides that request
 * alone.  An index or id that fails is a corrupt ring: the driver stops
 * using it.  Results are >= 0 or a negative errno.
 */
#ifndef XEN_BLKIF_RING_H
#define XEN_BLKIF_RING_H

#include <stdbool.h>
#include <stdint.h>

#include "xen/shared_ring.h"
#include <xen/io/blkif.h>

/* Requests in flight at most (a ring of order 3 has 256 entries). */
#define BLKIF_SLOTS_MAX		256

struct blkif_slot {
	bool busy;
	uint8_t op;		/* BLKIF_OP_*: for an indirect one, its op */
	bool indirect;		/* sent as BLKIF_OP_INDIRECT */
	uint16_t serial;	/* the id's upper half while busy */
};

/*
 * The requests in flight, by slot: a request's id is its slot and a
 * serial number, so that a response echoing a stale id (an earlier
 * request in the same slot) is refused too.
 */
struct blkif_tracker {
	struct blkif_slot slot[BLKIF_SLOTS_MAX];
	unsigned int size;		/* slots in use: <= BLKIF_SLOTS_MAX */
	unsigned int busy;		/* requests in flight */
	unsigned int next_free;		/* where the search for one starts */
	uint16_t serial;
};

/* size slots (at most BLKIF_SLOTS_MAX), none busy. */
void blkif_tracker_init(struct blkif_tracker *t, unsigned int size);

/*
 * A slot for a request of op (BLKIF_OP_READ, _WRITE, _FLUSH_DISKCACHE,
 * _WRITE_BARRIER), sent as BLKIF_OP_INDIRECT if indirect: its index
 * (>= 0), with the id to send in *id; -EBUSY when every slot is in
 * flight.
 */
int blkif_tracker_take(struct blkif_tracker *t, uint8_t op, bool indirect,
		       uint64_t *id);

/* Free a slot whose request will get no response (the ring is gone). */
void blkif_tracker_release(struct blkif_tracker *t, unsigned int slot);

/*
 * How many responses may be read, given the producer index read once
 * from the shared ring: rsp_prod - rsp_cons, or -EPROTO when that is more
 * than the requests outstanding (req_prod_pvt - rsp_cons): the index is
 * corrupt.
 */
int blkif_responses_ready(RING_IDX rsp_prod, RING_IDX rsp_cons,
			  RING_IDX req_prod_pvt);

/*
 * Check a response copied out of the ring.  When its id names a request
 * in flight, that slot is freed and returned in *slot, with the result:
 * 0 (BLKIF_RSP_OKAY), -EOPNOTSUPP (BLKIF_RSP_EOPNOTSUPP), or -EIO
 * (BLKIF_RSP_ERROR, a status blkif.h does not define, or an operation
 * other than the one sent: for an indirect request, Linux's blkback
 * echoes the inner operation, and BLKIF_OP_INDIRECT is taken too).  -EPROTO when the id names no request in
 * flight: *slot is untouched and the ring is not to be trusted.
 */
int blkif_response_check(struct blkif_tracker *t,
			 const struct blkif_response *rsp, unsigned int *slot);

/*
 * Take every response the backend has produced on ring, as a frontend's
 * interrupt does: the producer index read once per pass and checked,
 * each response copied out of the shared page before it is checked, and
 * done(ctx, slot, result) called for each one that completes a request
 * (result as blkif_response_check gives).  Loops until the backend has
 * nothing more, leaving rsp_event set for the next notification.
 * Returns how many responses were taken, or -EPROTO when the index or an
 * id is corrupt (the responses before it were taken and reported; stop
 * using the ring).
 */
int blkif_take_responses(blkif_front_ring_t *ring, struct blkif_tracker *t,
			 void (*done)(void *ctx, unsigned int slot,
				      int result),
			 void *ctx);

#endif
