/*
 * Which reply answers the request xenstore.c has in flight.  xenstored
 * answers each request once, echoing its req_id; but an answer can come
 * just as we stop waiting for it, and the wake-up it causes must not be
 * taken for the answer to the next request.  Pure code, no locking:
 * xenstore.c calls it with IRQs masked, the reader thread offering replies
 * and the requesting thread doing the rest.  The host unit tests run it.
 */
#ifndef XEN_XS_REPLY_H
#define XEN_XS_REPLY_H

/* Before <xen/io/xs_wire.h>, whose error table names errno values. */
#include "kernel/errno.h"

#include <stdbool.h>
#include <stdint.h>

#include <xen/xen.h>
#include <xen/io/xs_wire.h>

struct xs_reply_slot {
	uint32_t req_id;	/* the request in flight, if waiting */
	bool waiting;
	bool answered;		/* the caller's reply buffer holds its answer */
	uint32_t stale;		/* replies that answered nothing in flight */
};

/* A request with this id is about to go out; the slot forgets the last. */
void xs_reply_expect(struct xs_reply_slot *s, uint32_t req_id);

/*
 * The reader has a complete reply with this header.  true: it answers the
 * request in flight; the caller copies it into the reply buffer (before
 * anyone calls xs_reply_collect) and wakes the requester; the slot takes
 * no other.  false: stale (after a timeout, a duplicate, or an id never
 * sent): counted in s->stale, the caller drops it.
 */
bool xs_reply_offer(struct xs_reply_slot *s, const struct xsd_sockmsg *hdr);

/*
 * The requester of req_id woke up; timed_out if its wait ran out.
 *   0           the reply buffer holds the answer (even if the wait ran
 *               out just as it came);
 *   -EAGAIN     not woken for this request (a wake-up left over from an
 *               earlier one): wait again;
 *   -ETIMEDOUT  no answer: the slot waits for nothing now, and an answer
 *               that still comes is stale.
 * After 0 or -ETIMEDOUT the slot is idle.
 */
int xs_reply_collect(struct xs_reply_slot *s, uint32_t req_id,
		     bool timed_out);

#endif
