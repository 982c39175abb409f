/*
 * libFuzzer harness: a vchan's rings (frontends/vchan_ring.c) as the server
 * sees them, against a hostile client that can write any index and any
 * byte of the shared page between our calls.  We consume "left" and
 * produce "right", each of 2^10 to 2^13 bytes (the code is the same for
 * every size; small rings keep the snapshots cheap).  The input is a
 * script: the two orders, the four starting indices, then operations.
 * After every call:
 *   - nothing outside the rings is touched (guard bytes, and ASan);
 *   - never more than asked, nor more than the ring had room or data
 *     for, computed from the index we keep and the peer's as it was;
 *   - a peer's index claiming more than the ring gives
 *     VCHAN_RING_CORRUPT with nothing copied and nothing published;
 *   - exactly the bytes reported moved, in ring order, and our index in
 *     the page is ours again.
 * Then the layout rules: orders a client accepts never put the grant
 * list over an in-page ring, and a server's choice holds what it asked.
 */
#include <stdint.h>
#include <string.h>

#include "kernel/errno.h"
#include "frontends/vchan_ring.h"
#include "tests/fuzz/script.h"

#define GUARD		64
#define GUARD_BYTE	0xa5
#define ORDER_SPAN	4		/* orders 10 to 13 */
#define RING_MAX	(1u << (VCHAN_ORDER_SMALL + ORDER_SPAN - 1))
#define MAX_LEN		(RING_MAX + 1000)

/* One ring's bytes between guards. */
struct guarded {
	unsigned char before[GUARD];
	unsigned char data[RING_MAX];
	unsigned char after[GUARD];
};

static struct vchan_interface page;
static struct guarded left_arena, right_arena;
static struct vchan_ring left, right;	/* we consume left, produce right */

static void check_guards(const struct guarded *g, uint32_t size)
{
	size_t i;

	for (i = 0; i < GUARD; i++)
		CHECK(g->before[i] == GUARD_BYTE && g->after[i] == GUARD_BYTE);
	/* Beyond a smaller ring, within the arena: untouched too. */
	for (i = size; i < RING_MAX; i++)
		CHECK(g->data[i] == GUARD_BYTE);
}

static void do_write(const unsigned char *src, size_t len)
{
	static unsigned char before[RING_MAX];
	uint32_t cons = page.right.cons, own = right.own;
	uint32_t used = own - cons, size = right.size;
	size_t want, i;
	long n;

	memcpy(before, right_arena.data, size);
	n = vchan_ring_write(&right, src, len);
	check_guards(&right_arena, size);
	if (used > size) {
		CHECK(n == VCHAN_RING_CORRUPT);
		CHECK(right.own == own);
		CHECK(memcmp(before, right_arena.data, size) == 0);
		return;
	}
	want = len < size - used ? len : size - used;
	CHECK(n >= 0 && (size_t)n == want);
	CHECK(right.own == own + (uint32_t)n);
	CHECK(page.right.prod == right.own);
	for (i = 0; i < (size_t)n; i++)
		before[(own + i) & (size - 1)] = src[i];
	CHECK(memcmp(before, right_arena.data, size) == 0);
}

static void do_read(size_t len)
{
	static unsigned char dst[GUARD + MAX_LEN + GUARD];
	uint32_t prod = page.left.prod, own = left.own;
	uint32_t avail = prod - own, size = left.size;
	size_t want, i;
	long n;

	memset(dst, GUARD_BYTE, sizeof(dst));
	n = vchan_ring_read(&left, dst + GUARD, len);
	check_guards(&left_arena, size);
	for (i = 0; i < GUARD; i++)
		CHECK(dst[i] == GUARD_BYTE);
	if (avail > size) {
		CHECK(n == VCHAN_RING_CORRUPT);
		CHECK(left.own == own);
		for (i = GUARD; i < sizeof(dst); i++)
			CHECK(dst[i] == GUARD_BYTE);
		return;
	}
	want = len < avail ? len : avail;
	CHECK(n >= 0 && (size_t)n == want);
	CHECK(left.own == own + (uint32_t)n);
	CHECK(page.left.cons == left.own);
	for (i = 0; i < (size_t)n; i++)
		CHECK(dst[GUARD + i] == left_arena.data[(own + i) & (size - 1)]);
	for (i = GUARD + (size_t)n; i < sizeof(dst); i++)
		CHECK(dst[i] == GUARD_BYTE);
}

static uint32_t *index_of(uint32_t k)
{
	switch (k & 3) {
	case 0:
		return &page.left.cons;
	case 1:
		return &page.left.prod;
	case 2:
		return &page.right.cons;
	default:
		return &page.right.prod;
	}
}

static void check_layout(unsigned int l, unsigned int r, size_t lmin,
			 size_t rmin)
{
	unsigned int end = VCHAN_PAGE_SIZE, grants, cl, cr;

	if (vchan_orders_check(l, r) == 0) {
		CHECK(l >= VCHAN_ORDER_SMALL && l <= VCHAN_ORDER_MAX);
		CHECK(r >= VCHAN_ORDER_SMALL && r <= VCHAN_ORDER_MAX);
		CHECK(!(l == r && l < VCHAN_PAGE_SHIFT));
		if (vchan_order_offset(l))
			end = vchan_order_offset(l);
		if (vchan_order_offset(r) && vchan_order_offset(r) < end)
			end = vchan_order_offset(r);
		grants = vchan_order_pages(l) + vchan_order_pages(r);
		CHECK(offsetof(struct vchan_interface, grants) +
		      grants * 4 <= end);
	}
	if (vchan_orders_choose(lmin, rmin, &cl, &cr) == 0) {
		CHECK(((size_t)1 << cl) >= lmin && ((size_t)1 << cr) >= rmin);
		CHECK(vchan_orders_check(cl, cr) == 0);
	} else {
		CHECK(lmin > (1u << VCHAN_ORDER_MAX) ||
		      rmin > (1u << VCHAN_ORDER_MAX));
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static unsigned char src[MAX_LEN];
	struct script s = { data, size };
	unsigned int orders = (unsigned int)take(&s, 1), ops = 0;
	unsigned int lo = VCHAN_ORDER_SMALL + (orders & 3);
	unsigned int ro = VCHAN_ORDER_SMALL + ((orders >> 2) & 3);
	size_t i;

	memset(&page, 0, sizeof(page));
	memset(&left_arena, GUARD_BYTE, sizeof(left_arena));
	memset(&right_arena, GUARD_BYTE, sizeof(right_arena));
	page.left.cons = (uint32_t)take(&s, 4);
	page.left.prod = (uint32_t)take(&s, 4);
	page.right.cons = (uint32_t)take(&s, 4);
	page.right.prod = (uint32_t)take(&s, 4);
	CHECK(vchan_ring_init(&left, &page.left, left_arena.data, lo,
			      false) == 0);
	CHECK(vchan_ring_init(&right, &page.right, right_arena.data, ro,
			      true) == 0);
	for (i = 0; i < left.size; i++)
		left_arena.data[i] = s.left ? s.data[i % s.left] : 0;
	for (i = 0; i < right.size; i++)
		right_arena.data[i] = (unsigned char)(i * 5);
	for (i = 0; i < sizeof(src); i++)
		src[i] = (unsigned char)(i * 7 + size);

	while (s.left && ops++ < 64) {
		uint32_t op = (uint32_t)take(&s, 1), v;

		switch (op & 7) {
		case 0:
		case 1:
			do_write(src, take(&s, 2) % MAX_LEN);
			break;
		case 2:
		case 3:
			do_read(take(&s, 2) % MAX_LEN);
			break;
		case 4:		/* the peer sets an index, any index */
			*index_of(op >> 3) = (uint32_t)take(&s, 4);
			break;
		case 5:		/* ... or moves one a little, as it should */
			v = (uint32_t)take(&s, 2);
			*index_of(op >> 3) += v;
			break;
		case 6:		/* the peer writes into the ring we read */
			v = (uint32_t)take(&s, 2);
			left_arena.data[v & (left.size - 1)] =
				(unsigned char)take(&s, 1);
			break;
		default:	/* layout: orders and sizes from the input */
			check_layout((unsigned int)take(&s, 1),
				     (unsigned int)take(&s, 1),
				     (size_t)take(&s, 3), (size_t)take(&s, 3));
			break;
		}
	}
	return 0;
}
