/*
 * A vchan's rings (frontends/vchan_ring.c): bytes across the wrap, both ends
 * of one ring talking through the shared indices, a hostile peer's index
 * refused without a byte copied, and the layout rules libxenvchan's
 * clients check (io/libxenvchan.h).
 */
#include <errno.h>
#include <string.h>

#include "helpers.h"
#include "frontends/vchan_ring.h"

/* A page and a ring of order 10 (1 KiB) with a guard after it. */
static struct {
	struct vchan_interface head;
	uint8_t data[1024];
	uint8_t guard[64];
} page;

static struct vchan_ring prod, cons;

static void setup(void)
{
	memset(&page, 0, sizeof(page));
	memset(page.guard, 0x5a, sizeof(page.guard));
	ck_assert_int_eq(vchan_ring_init(&prod, &page.head.left, page.data,
					 10, true), 0);
	ck_assert_int_eq(vchan_ring_init(&cons, &page.head.left, page.data,
					 10, false), 0);
}

static void guard_intact(void)
{
	unsigned int i;

	for (i = 0; i < sizeof(page.guard); i++)
		ck_assert_uint_eq(page.guard[i], 0x5a);
}

START_TEST(empty_then_full)
{
	uint8_t buf[2048];

	setup();
	ck_assert_int_eq(vchan_ring_readable(&cons), 0);
	ck_assert_int_eq(vchan_ring_writable(&prod), 1024);
	memset(buf, 7, sizeof(buf));
	/* Only what fits goes in. */
	ck_assert_int_eq(vchan_ring_write(&prod, buf, sizeof(buf)), 1024);
	ck_assert_uint_eq(page.head.left.prod, 1024);
	ck_assert_int_eq(vchan_ring_writable(&prod), 0);
	ck_assert_int_eq(vchan_ring_write(&prod, buf, 1), 0);
	ck_assert_int_eq(vchan_ring_readable(&cons), 1024);
	ck_assert_int_eq(vchan_ring_read(&cons, buf, 1000), 1000);
	ck_assert_uint_eq(page.head.left.cons, 1000);
	ck_assert_int_eq(vchan_ring_writable(&prod), 1000);
	guard_intact();
}
END_TEST

/* A pattern carried through many wraps, in odd-sized pieces, with the
 * indices starting near 2^32 so that they wrap too. */
START_TEST(bytes_survive_the_wrap)
{
	uint8_t in[333], out[333];
	uint32_t sent = 0, got = 0;
	unsigned int round, i;
	long n;

	setup();
	page.head.left.prod = page.head.left.cons = 0xfffffc00u;
	ck_assert_int_eq(vchan_ring_init(&prod, &page.head.left, page.data,
					 10, true), 0);
	ck_assert_int_eq(vchan_ring_init(&cons, &page.head.left, page.data,
					 10, false), 0);
	for (round = 0; round < 200; round++) {
		for (i = 0; i < sizeof(in); i++)
			in[i] = (uint8_t)((sent + i) * 31 + 7);
		n = vchan_ring_write(&prod, in, sizeof(in) - round % 5);
		ck_assert_int_ge(n, 0);
		sent += (uint32_t)n;
		n = vchan_ring_read(&cons, out, sizeof(out) - round % 7);
		ck_assert_int_ge(n, 0);
		for (i = 0; i < (unsigned int)n; i++)
			ck_assert_uint_eq(out[i],
					  (uint8_t)((got + i) * 31 + 7));
		got += (uint32_t)n;
	}
	ck_assert_uint_gt(got, 40000);
	ck_assert_uint_lt(page.head.left.prod, 0xfffffc00u);	/* wrapped */
	guard_intact();
}
END_TEST

START_TEST(hostile_prod_refused)
{
	uint8_t buf[64];

	setup();
	memset(buf, 0xee, sizeof(buf));
	/* The peer claims 1025 bytes in a 1024-byte ring. */
	page.head.left.prod = 1025;
	ck_assert_int_eq(vchan_ring_readable(&cons), VCHAN_RING_CORRUPT);
	ck_assert_int_eq(vchan_ring_read(&cons, buf, sizeof(buf)),
			 VCHAN_RING_CORRUPT);
	ck_assert_uint_eq(page.head.left.cons, 0);	/* nothing published */
	ck_assert_uint_eq(buf[0], 0xee);		/* nothing copied */
	/* Behind our cons: as far off as can be. */
	page.head.left.prod = 0xffffffffu;
	ck_assert_int_eq(vchan_ring_read(&cons, buf, 1), VCHAN_RING_CORRUPT);
	/* Exactly full is honest. */
	page.head.left.prod = 1024;
	ck_assert_int_eq(vchan_ring_read(&cons, buf, sizeof(buf)), 64);
}
END_TEST

START_TEST(hostile_cons_refused)
{
	uint8_t buf[16] = { 1 };

	setup();
	ck_assert_int_eq(vchan_ring_write(&prod, buf, sizeof(buf)), 16);
	/* The consumer claims to have read past what was written. */
	page.head.left.cons = 17;
	ck_assert_int_eq(vchan_ring_writable(&prod), VCHAN_RING_CORRUPT);
	ck_assert_int_eq(vchan_ring_write(&prod, buf, 1), VCHAN_RING_CORRUPT);
	ck_assert_uint_eq(page.head.left.prod, 16);
	/* Or far behind it. */
	page.head.left.cons = 0x80000000u;
	ck_assert_int_eq(vchan_ring_write(&prod, buf, 1), VCHAN_RING_CORRUPT);
	guard_intact();
}
END_TEST

/* The peer overwriting our own index in the page changes nothing here:
 * we keep ours. */
START_TEST(own_index_kept_privately)
{
	uint8_t buf[8] = { 0 };

	setup();
	ck_assert_int_eq(vchan_ring_write(&prod, buf, 8), 8);
	page.head.left.prod = 0x12345678u;
	ck_assert_int_eq(vchan_ring_writable(&prod), 1016);
	ck_assert_int_eq(vchan_ring_write(&prod, buf, 8), 8);
	ck_assert_uint_eq(page.head.left.prod, 16);
}
END_TEST

START_TEST(wrong_direction_refused)
{
	uint8_t buf[4];

	setup();
	ck_assert_int_eq(vchan_ring_readable(&prod), -EINVAL);
	ck_assert_int_eq(vchan_ring_writable(&cons), -EINVAL);
	ck_assert_int_eq(vchan_ring_read(&prod, buf, 4), -EINVAL);
	ck_assert_int_eq(vchan_ring_write(&cons, buf, 4), -EINVAL);
	ck_assert_int_eq(vchan_ring_init(&prod, &page.head.left, page.data,
					 9, true), -EINVAL);
	ck_assert_int_eq(vchan_ring_init(&prod, &page.head.left, page.data,
					 21, true), -EINVAL);
}
END_TEST

START_TEST(layout)
{
	ck_assert_uint_eq(vchan_order_offset(10), 1024);
	ck_assert_uint_eq(vchan_order_offset(11), 2048);
	ck_assert_uint_eq(vchan_order_offset(12), 0);
	ck_assert_uint_eq(vchan_order_pages(11), 0);
	ck_assert_uint_eq(vchan_order_pages(12), 1);
	ck_assert_uint_eq(vchan_order_pages(20), 256);
	ck_assert_uint_eq(offsetof(struct vchan_interface, grants), 24);
}
END_TEST

START_TEST(orders_a_client_accepts)
{
	ck_assert_int_eq(vchan_orders_check(10, 11), 0);
	ck_assert_int_eq(vchan_orders_check(11, 10), 0);
	ck_assert_int_eq(vchan_orders_check(16, 16), 0);
	ck_assert_int_eq(vchan_orders_check(20, 20), 0);
	ck_assert_int_eq(vchan_orders_check(10, 10), -EINVAL);	/* one place */
	ck_assert_int_eq(vchan_orders_check(11, 11), -EINVAL);
	ck_assert_int_eq(vchan_orders_check(9, 12), -EINVAL);
	ck_assert_int_eq(vchan_orders_check(12, 21), -EINVAL);
	ck_assert_int_eq(vchan_orders_check(0xffff, 12), -EINVAL);
	/* 256 grants from offset 24 run into a ring at 1024; not at 2048. */
	ck_assert_int_eq(vchan_orders_check(20, 10), -EINVAL);
	ck_assert_int_eq(vchan_orders_check(20, 11), 0);
	ck_assert_int_eq(vchan_orders_check(17, 10), 0);
}
END_TEST

START_TEST(orders_a_server_picks)
{
	unsigned int l, r;

	ck_assert_int_eq(vchan_orders_choose(0, 0, &l, &r), 0);
	ck_assert_uint_eq(l, 10);
	ck_assert_uint_eq(r, 11);
	ck_assert_int_eq(vchan_orders_choose(2048, 1024, &l, &r), 0);
	ck_assert_uint_eq(l, 11);
	ck_assert_uint_eq(r, 10);
	ck_assert_int_eq(vchan_orders_choose(65536, 65536, &l, &r), 0);
	ck_assert_uint_eq(l, 16);
	ck_assert_uint_eq(r, 16);
	ck_assert_int_eq(vchan_orders_choose(65537, 100, &l, &r), 0);
	ck_assert_uint_eq(l, 17);
	ck_assert_uint_eq(r, 11);
	ck_assert_int_eq(vchan_orders_choose(1 << 20, 1 << 20, &l, &r), 0);
	ck_assert_int_eq(vchan_orders_choose((1 << 20) + 1, 0, &l, &r),
			 -EINVAL);
}
END_TEST

START_TEST(notify_bits)
{
	uint8_t byte = 0;

	ck_assert(!vchan_notify_take(&byte, VCHAN_NOTIFY_WRITE));
	vchan_notify_request(&byte, VCHAN_NOTIFY_WRITE);
	vchan_notify_request(&byte, VCHAN_NOTIFY_READ);
	ck_assert(vchan_notify_take(&byte, VCHAN_NOTIFY_WRITE));
	ck_assert_uint_eq(byte, VCHAN_NOTIFY_READ);	/* the other kept */
	ck_assert(!vchan_notify_take(&byte, VCHAN_NOTIFY_WRITE));
	ck_assert(vchan_notify_take(&byte, VCHAN_NOTIFY_READ));
	ck_assert_uint_eq(byte, 0);
}
END_TEST

Suite *vchan_ring_suite(void)
{
	Suite *s = suite_create("vchan_ring");
	TCase *tc = tcase_create("rings");

	tcase_add_test(tc, empty_then_full);
	tcase_add_test(tc, bytes_survive_the_wrap);
	tcase_add_test(tc, hostile_prod_refused);
	tcase_add_test(tc, hostile_cons_refused);
	tcase_add_test(tc, own_index_kept_privately);
	tcase_add_test(tc, wrong_direction_refused);
	tcase_add_test(tc, layout);
	tcase_add_test(tc, orders_a_client_accepts);
	tcase_add_test(tc, orders_a_server_picks);
	tcase_add_test(tc, notify_bits);
	suite_add_tcase(s, tc);
	return s;
}
