/*
 * libFuzzer harness: the PV console ring (xen/console_ring.c) against a
 * hostile backend.  The ring page is shared with another domain, which can
 * write any index and any byte at any time between our calls.  The input
 * is a script: the starting indices, the starting ring contents, then
 * operations (our writes and reads, the peer moving indices).  After every
 * call the whole ring is compared with a snapshot taken before it:
 *   - nothing outside the ring page is touched (guard bytes around it,
 *     and ASan around the whole arena);
 *   - never more than asked, nor more than the ring had room or data for;
 *   - the returned length equals how far our own index moved, and exactly
 *     those bytes changed, in ring order;
 *   - corrupt indices give CONSOLE_RING_CORRUPT with nothing written.
 */
#include <stdint.h>
#include <string.h>

#include "xen/console_ring.h"
#include "tests/fuzz/script.h"


#define GUARD		64
#define GUARD_BYTE	0xa5
#define MAX_LEN		5000	/* more than either ring holds */


/* The ring page with guard bytes on both sides; aligned like a page. */
static union {
	unsigned char bytes[GUARD + sizeof(struct xencons_interface) + GUARD];
	uint64_t align;
} arena __attribute__((aligned(4096)));

#define RING ((struct xencons_interface *)(arena.bytes + GUARD))

static void check_guards(void)
{
	size_t i, after = GUARD + sizeof(struct xencons_interface);

	for (i = 0; i < GUARD; i++) {
		CHECK(arena.bytes[i] == GUARD_BYTE);
		CHECK(arena.bytes[after + i] == GUARD_BYTE);
	}
}

static void do_write(const char *src, size_t len)
{
	static struct xencons_interface before;
	struct xencons_interface *r = RING;
	uint32_t used = r->out_prod - r->out_cons;
	long n;
	size_t i;

	n = console_ring_room(r);
	CHECK(n == (used > sizeof(r->out) ? CONSOLE_RING_CORRUPT :
					    (long)(sizeof(r->out) - used)));
	memcpy(&before, r, sizeof(before));
	n = console_ring_write(r, src, len);
	check_guards();
	if (used > sizeof(r->out)) {
		CHECK(n == CONSOLE_RING_CORRUPT);
		CHECK(memcmp(&before, r, sizeof(before)) == 0);
		return;
	}
	CHECK(n >= 0 && (size_t)n <= len);
	CHECK((size_t)n == (len < sizeof(r->out) - used ?
			    len : sizeof(r->out) - used));
	CHECK(r->out_prod == before.out_prod + (uint32_t)n);
	/* Only our producer index and the bytes we wrote may change. */
	CHECK(r->in_cons == before.in_cons && r->in_prod == before.in_prod &&
	      r->out_cons == before.out_cons);
	CHECK(memcmp(r->in, before.in, sizeof(r->in)) == 0);
	for (i = 0; i < (size_t)n; i++)
		before.out[MASK_XENCONS_IDX(before.out_prod + i, r->out)] =
			src[i];
	CHECK(memcmp(r->out, before.out, sizeof(r->out)) == 0);
}

static void do_read(size_t len)
{
	static struct xencons_interface before;
	static unsigned char dst[GUARD + MAX_LEN + GUARD];
	struct xencons_interface *r = RING;
	uint32_t avail = r->in_prod - r->in_cons;
	long n;
	size_t i;

	memset(dst, GUARD_BYTE, sizeof(dst));
	memcpy(&before, r, sizeof(before));
	n = console_ring_read(r, (char *)dst + GUARD, len);
	check_guards();
	for (i = 0; i < GUARD; i++)
		CHECK(dst[i] == GUARD_BYTE);
	if (avail > sizeof(r->in)) {
		CHECK(n == CONSOLE_RING_CORRUPT);
		CHECK(memcmp(&before, r, sizeof(before)) == 0);
		for (i = GUARD; i < sizeof(dst); i++)
			CHECK(dst[i] == GUARD_BYTE);
		return;
	}
	CHECK(n >= 0 && (size_t)n <= len);
	CHECK((size_t)n == (len < avail ? len : avail));
	CHECK(r->in_cons == before.in_cons + (uint32_t)n);
	/* Reading changes our consumer index only. */
	before.in_cons = r->in_cons;
	CHECK(memcmp(&before, r, sizeof(before)) == 0);
	for (i = 0; i < (size_t)n; i++)
		CHECK(dst[GUARD + i] == (unsigned char)
		      r->in[MASK_XENCONS_IDX(before.in_cons - n + i, r->in)]);
	for (i = GUARD + (size_t)n; i < sizeof(dst); i++)
		CHECK(dst[i] == GUARD_BYTE);
}

/* One of the four indices, all of them writable by the peer. */
static XENCONS_RING_IDX *index_of(struct xencons_interface *r, uint32_t k)
{
	switch (k & 3) {
	case 0:
		return &r->in_cons;
	case 1:
		return &r->in_prod;
	case 2:
		return &r->out_cons;
	default:
		return &r->out_prod;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char src[MAX_LEN];
	struct script s = { data, size };
	struct xencons_interface *r = RING;
	unsigned int ops = 0;
	size_t i;

	memset(arena.bytes, GUARD_BYTE, sizeof(arena.bytes));
	r->in_cons = take(&s, 4);
	r->in_prod = take(&s, 4);
	r->out_cons = take(&s, 4);
	r->out_prod = take(&s, 4);
	for (i = 0; i < sizeof(src); i++)
		src[i] = (char)(i * 7 + size);
	/* Ring contents: a prefix of the input, repeated. */
	for (i = 0; i < sizeof(r->in); i++)
		r->in[i] = s.left ? (char)s.data[i % s.left] : 0;
	for (i = 0; i < sizeof(r->out); i++)
		r->out[i] = s.left ? (char)s.data[(i * 3) % s.left] : 0;

	while (s.left && ops++ < 64) {
		uint32_t op = take(&s, 1), v;

		switch (op & 7) {
		case 0:
		case 1:
			do_write(src, take(&s, 2) % MAX_LEN);
			break;
		case 2:
		case 3:
			do_read(take(&s, 2) % MAX_LEN);
			break;
		case 4:		/* the peer moves an index, any index */
			v = take(&s, 4);
			*index_of(r, op >> 3) = v;
			break;
		case 5:		/* ... by a small step, as a real one would */
			v = take(&s, 2);
			*index_of(r, op >> 3) += v;
			break;
		case 6:		/* the peer scribbles on the in ring */
			v = take(&s, 2);
			r->in[MASK_XENCONS_IDX(v, r->in)] = (char)take(&s, 1);
			break;
		default:	/* the peer drains the out ring */
			r->out_cons = r->out_prod;
			break;
		}
	}
	return 0;
}
