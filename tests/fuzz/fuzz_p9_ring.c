/*
 * libFuzzer harness: the 9pfs transport's byte rings
 * (frontends/p9_ring.c) against a hostile backend, which may write any
 * in_prod and out_cons at any time.  Input: one byte of ring order (0-2),
 * then a script of operations: 0 we send LEN16 bytes, 1 we receive up to
 * LEN16, 2 the backend takes LEN16 of our bytes, 3 it writes LEN16 reply
 * bytes, 4 it sets out_cons to VALUE32, 5 it sets in_prod to VALUE32.
 * While the backend keeps to the protocol, the bytes must arrive in
 * order and intact both ways; always:
 *   - send and receive move at most what was asked and what the ring
 *     holds, and our indices stay within one ring of the backend's;
 *   - a corrupt index gives P9_RING_CORRUPT and moves nothing (the ring
 *     is then set up anew, as a reconnection would).
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "frontends/p9_ring.h"
#include "tests/fuzz/script.h"

static union {
	uint8_t bytes[4096];
	struct xen_9pfs_data_intf intf;
} page __attribute__((aligned(4096)));
static uint8_t data[4 * 4096];
static uint8_t buf[65536];
static struct p9_ring r;
/* The honest backend's view, and whether it has stayed honest. */
static RING_IDX back_out_cons, back_in_prod;
static uint32_t sent, taken, produced, received;
static bool honest;

static uint8_t out_byte(uint32_t i) { return (uint8_t)(i * 7 + 1); }
static uint8_t in_byte(uint32_t i) { return (uint8_t)(i * 13 + 5); }

static void reset(unsigned int order)
{
	memset(&page, 0, sizeof(page));
	p9_ring_init(&r, &page.intf, data, order);
	back_out_cons = back_in_prod = 0;
	sent = taken = produced = received = 0;
	honest = true;
}

int LLVMFuzzerTestOneInput(const uint8_t *in, size_t size)
{
	struct script s = { in, size };
	unsigned int order = (unsigned int)take(&s, 1) % 3;
	RING_IDX out_prod, in_cons;
	uint32_t i, n;
	long got;

	reset(order);
	CHECK(2 * r.size <= sizeof(data));
	while (s.left) {
		out_prod = r.out_prod;
		in_cons = r.in_cons;
		switch (take(&s, 1) % 6) {
		case 0:
			n = (uint32_t)take(&s, 2);
			for (i = 0; i < n; i++)
				buf[i] = out_byte(sent + i);
			got = p9_ring_send(&r, buf, n);
			if (got == P9_RING_CORRUPT) {
				CHECK(!honest && r.out_prod == out_prod);
				reset(order);
				break;
			}
			CHECK(got >= 0 && (uint32_t)got <= n);
			CHECK(r.out_prod - out_prod == (RING_IDX)got);
			CHECK(page.intf.out_prod == r.out_prod);
			if (honest)
				CHECK(r.out_prod - back_out_cons <= r.size);
			sent += (uint32_t)got;
			break;
		case 1:
			n = (uint32_t)take(&s, 2);
			got = p9_ring_recv(&r, buf, n);
			if (got == P9_RING_CORRUPT) {
				CHECK(!honest && r.in_cons == in_cons);
				reset(order);
				break;
			}
			CHECK(got >= 0 && (uint32_t)got <= n &&
			      (uint32_t)got <= r.size);
			CHECK(r.in_cons - in_cons == (RING_IDX)got);
			for (i = 0; honest && i < (uint32_t)got; i++)
				CHECK(buf[i] == in_byte(received + i));
			received += (uint32_t)got;
			break;
		case 2:		/* the backend consumes our bytes */
			n = (uint32_t)take(&s, 2);
			if (!honest)
				break;
			if (n > r.out_prod - back_out_cons)
				n = r.out_prod - back_out_cons;
			p9_ring_get(r.out, r.size, back_out_cons, buf, n);
			for (i = 0; i < n; i++)
				CHECK(buf[i] == out_byte(taken + i));
			taken += n;
			back_out_cons += n;
			page.intf.out_cons = back_out_cons;
			break;
		case 3:		/* it produces replies */
			n = (uint32_t)take(&s, 2);
			if (!honest)
				break;
			if (n > r.size - (back_in_prod - r.in_cons))
				n = r.size - (back_in_prod - r.in_cons);
			for (i = 0; i < n; i++)
				buf[i] = in_byte(produced + i);
			p9_ring_put(r.in, r.size, back_in_prod, buf, n);
			produced += n;
			back_in_prod += n;
			page.intf.in_prod = back_in_prod;
			break;
		case 4:
			page.intf.out_cons = (RING_IDX)take(&s, 4);
			honest = false;
			break;
		default:
			page.intf.in_prod = (RING_IDX)take(&s, 4);
			honest = false;
			break;
		}
	}
	return 0;
}
