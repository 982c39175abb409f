/*
 * libFuzzer harness: blkfront's response path (frontends/blkif_ring.c) against
 * a hostile backend, which can write any response and any producer index
 * at any time.  The input is a script of operations: we send a request
 * (as the driver does: a slot from the tracker, then req_prod_pvt), the
 * backend writes a response slot or the producer index, we take the
 * responses.  A shadow of the requests in flight checks that:
 *   - only a request in flight is ever completed, and only once;
 *   - the tracker's count of requests in flight stays true;
 *   - our consumer index never passes what we requested;
 *   - a corrupt index or id is reported as -EPROTO (the ring is then
 *     set up anew, as a reconnection would).
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "frontends/blkif_ring.h"
#include "tests/fuzz/script.h"



static union {
	unsigned char bytes[4096];
	blkif_sring_t sring;
} page __attribute__((aligned(4096)));

static blkif_front_ring_t ring;
static struct blkif_tracker tracker;
static bool shadow[BLKIF_SLOTS_MAX];
static unsigned int in_flight;

static void reset(void)
{
	memset(&page, 0, sizeof(page));
	SHARED_RING_INIT(&page.sring);
	FRONT_RING_INIT(&ring, &page.sring, sizeof(page));
	blkif_tracker_init(&tracker, RING_SIZE(&ring));
	memset(shadow, 0, sizeof(shadow));
	in_flight = 0;
}

static void done(void *ctx, unsigned int slot, int result)
{
	(void)ctx;
	CHECK(slot < tracker.size);
	CHECK(shadow[slot]);
	CHECK(result == 0 || result == -EIO || result == -EOPNOTSUPP);
	shadow[slot] = false;
	in_flight--;
}

static void send(uint8_t how)
{
	static const uint8_t ops[] = {
		BLKIF_OP_READ, BLKIF_OP_WRITE, BLKIF_OP_FLUSH_DISKCACHE,
	};
	uint64_t id;
	int slot;

	if (RING_FULL(&ring))
		return;
	slot = blkif_tracker_take(&tracker, ops[how % 3], how & 4, &id);
	if (slot < 0) {
		CHECK(in_flight == tracker.size);
		return;
	}
	CHECK(!shadow[slot]);
	shadow[slot] = true;
	in_flight++;
	RING_GET_REQUEST(&ring, ring.req_prod_pvt)->id = id;
	ring.req_prod_pvt++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct script s = { data, size };
	struct blkif_response *rsp;
	RING_IDX before;
	int n;

	reset();
	while (s.left) {
		switch (take(&s, 1) % 5) {
		case 0:
			send((uint8_t)take(&s, 1));
			break;
		case 1:		/* the backend answers in slot k */
			rsp = &page.sring.ring[take(&s, 1) %
					       RING_SIZE(&ring)].rsp;
			rsp->id = take(&s, 8);
			rsp->operation = (uint8_t)take(&s, 1);
			rsp->status = (int16_t)take(&s, 2);
			break;
		case 2:		/* it answers the oldest request properly */
			rsp = &page.sring.ring[page.sring.rsp_prod &
					       (RING_SIZE(&ring) - 1)].rsp;
			rsp->id = RING_GET_REQUEST(&ring,
						   page.sring.rsp_prod)->id;
			rsp->operation = (uint8_t)take(&s, 1) % 7;
			rsp->status = (int16_t)(take(&s, 1) % 4) - 2;
			page.sring.rsp_prod++;
			break;
		case 3:		/* it writes any producer index */
			page.sring.rsp_prod = (RING_IDX)take(&s, 4);
			break;
		case 4:
			before = ring.rsp_cons;
			n = blkif_take_responses(&ring, &tracker, done, NULL);
			CHECK(tracker.busy == in_flight);
			CHECK(ring.rsp_cons - before <= RING_SIZE(&ring));
			CHECK(ring.req_prod_pvt - ring.rsp_cons <=
			      RING_SIZE(&ring));
			if (n < 0) {
				CHECK(n == -EPROTO);
				reset();
			}
			break;
		}
	}
	return 0;
}
