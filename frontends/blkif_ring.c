#include "kernel/errno.h"
#include "frontends/blkif_ring.h"

#define SLOT_BITS	16

void blkif_tracker_init(struct blkif_tracker *t, unsigned int size)
{
	memset(t, 0, sizeof(*t));
	t->size = size < BLKIF_SLOTS_MAX ? size : BLKIF_SLOTS_MAX;
}

int blkif_tracker_take(struct blkif_tracker *t, uint8_t op, bool indirect,
		       uint64_t *id)
{
	unsigned int i, s;

	for (i = 0; i < t->size; i++) {
		s = (t->next_free + i) % t->size;
		if (t->slot[s].busy)
			continue;
		t->slot[s].busy = true;
		t->slot[s].op = op;
		t->slot[s].indirect = indirect;
		t->slot[s].serial = ++t->serial;
		t->busy++;
		t->next_free = (s + 1) % t->size;
		*id = (uint64_t)t->slot[s].serial << SLOT_BITS | s;
		return (int)s;
	}
	return -EBUSY;
}

void blkif_tracker_release(struct blkif_tracker *t, unsigned int slot)
{
	if (slot < t->size && t->slot[slot].busy) {
		t->slot[slot].busy = false;
		t->busy--;
	}
}

int blkif_responses_ready(RING_IDX rsp_prod, RING_IDX rsp_cons,
			  RING_IDX req_prod_pvt)
{
	/* Unsigned differences: right across the indexes' wrap. */
	RING_IDX ready = rsp_prod - rsp_cons;

	if (ready > req_prod_pvt - rsp_cons)
		return -EPROTO;
	return (int)ready;
}

int blkif_response_check(struct blkif_tracker *t,
			 const struct blkif_response *rsp, unsigned int *slot)
{
	uint64_t id = rsp->id;
	unsigned int s = (unsigned int)(id & ((1u << SLOT_BITS) - 1));
	struct blkif_slot *sl;

	if (id >> (SLOT_BITS + 16) || s >= t->size)
		return -EPROTO;
	sl = &t->slot[s];
	if (!sl->busy || sl->serial != (uint16_t)(id >> SLOT_BITS))
		return -EPROTO;
	sl->busy = false;
	t->busy--;
	*slot = s;
	if (rsp->operation != sl->op &&
	    !(sl->indirect && rsp->operation == BLKIF_OP_INDIRECT))
		return -EIO;
	switch (rsp->status) {
	case BLKIF_RSP_OKAY:
		return 0;
	case BLKIF_RSP_EOPNOTSUPP:
		return -EOPNOTSUPP;
	default:
		return -EIO;
	}
}

int blkif_take_responses(blkif_front_ring_t *ring, struct blkif_tracker *t,
			 void (*done)(void *ctx, unsigned int slot,
				      int result),
			 void *ctx)
{
	struct blkif_response rsp;
	unsigned int slot;
	int n, i, err, more, taken = 0;
	RING_IDX prod;

	do {
		/* Once: the backend may change it at any time. */
		prod = __atomic_load_n(&ring->sring->rsp_prod,
				       __ATOMIC_ACQUIRE);
		n = blkif_responses_ready(prod, ring->rsp_cons,
					  ring->req_prod_pvt);
		if (n < 0)
			return n;
		for (i = 0; i < n; i++) {
			memcpy(&rsp, RING_GET_RESPONSE(ring, ring->rsp_cons),
			       sizeof(rsp));
			ring->rsp_cons++;
			err = blkif_response_check(t, &rsp, &slot);
			if (err == -EPROTO)
				return err;
			done(ctx, slot, err);
			taken++;
		}
		RING_FINAL_CHECK_FOR_RESPONSES(ring, more);
	} while (more);
	return taken;
}
