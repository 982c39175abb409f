/*
 * The PV console ring (xen/console_ring.c) against a backend that behaves
 * and one that does not.  Expected values follow from the ring sizes in
 * xen/io/console.h (in: 1024, out: 2048).
 */
#include <string.h>

#include "helpers.h"
#include "xen/console_ring.h"

static struct xencons_interface ring;

static void reset(void)
{
	memset(&ring, 0, sizeof(ring));
}

START_TEST(write_then_backend_drains)
{
	long n;

	reset();
	n = console_ring_write(&ring, "hello", 5);
	ck_assert_int_eq(n, 5);
	ck_assert_uint_eq(ring.out_prod, 5);
	ck_assert_mem_eq(ring.out, "hello", 5);
	ring.out_cons = 5;		/* the backend consumed it */
	n = console_ring_write(&ring, "!", 1);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(ring.out[5], '!');
}
END_TEST

START_TEST(full_ring_takes_nothing_more)
{
	static char big[3000];
	long n;

	reset();
	memset(big, 'x', sizeof(big));
	n = console_ring_write(&ring, big, sizeof(big));
	ck_assert_int_eq(n, (long)sizeof(ring.out));
	ck_assert_int_eq(console_ring_write(&ring, "y", 1), 0);
	ring.out_cons += 10;
	ck_assert_int_eq(console_ring_write(&ring, big, sizeof(big)), 10);
}
END_TEST

/* Indices are free-running 32-bit counters; wrapping must not matter. */
START_TEST(indices_wrap_around)
{
	long n;

	reset();
	ring.out_prod = ring.out_cons = 0xfffffffe;
	n = console_ring_write(&ring, "abcd", 4);
	ck_assert_int_eq(n, 4);
	ck_assert_uint_eq(ring.out_prod, 2);
	ck_assert_int_eq(ring.out[2046], 'a');
	ck_assert_int_eq(ring.out[1], 'd');
}
END_TEST

START_TEST(hostile_out_cons_is_refused)
{
	reset();
	ring.out_prod = 10;
	ring.out_cons = 11;		/* consumed more than was produced */
	ck_assert_int_eq(console_ring_write(&ring, "a", 1),
			 CONSOLE_RING_CORRUPT);
	ck_assert_uint_eq(ring.out_prod, 10);	/* nothing written */
	ring.out_cons = 10u - 2049u;	/* claims more than the ring holds */
	ck_assert_int_eq(console_ring_write(&ring, "a", 1),
			 CONSOLE_RING_CORRUPT);
}
END_TEST

START_TEST(read_input)
{
	char buf[8];
	long n;

	reset();
	memcpy(ring.in, "ls\n", 3);
	ring.in_prod = 3;
	n = console_ring_read(&ring, buf, sizeof(buf));
	ck_assert_int_eq(n, 3);
	ck_assert_mem_eq(buf, "ls\n", 3);
	ck_assert_uint_eq(ring.in_cons, 3);
	ck_assert_int_eq(console_ring_read(&ring, buf, sizeof(buf)), 0);
}
END_TEST

START_TEST(read_is_bounded_by_caller_buffer)
{
	char buf[4];

	reset();
	memset(ring.in, 'z', 100);
	ring.in_prod = 100;
	ck_assert_int_eq(console_ring_read(&ring, buf, sizeof(buf)), 4);
	ck_assert_uint_eq(ring.in_cons, 4);
}
END_TEST

START_TEST(hostile_in_prod_is_refused)
{
	char buf[8];

	reset();
	ring.in_prod = 1025;		/* more than the 1024-byte ring */
	ck_assert_int_eq(console_ring_read(&ring, buf, sizeof(buf)),
			 CONSOLE_RING_CORRUPT);
	ck_assert_uint_eq(ring.in_cons, 0);
	ring.in_cons = 5;
	ring.in_prod = 4;		/* behind the consumer */
	ck_assert_int_eq(console_ring_read(&ring, buf, sizeof(buf)),
			 CONSOLE_RING_CORRUPT);
}
END_TEST

Suite *console_ring_suite(void)
{
	Suite *s = suite_create("console-ring");
	TCase *tc = tcase_create("ring");

	tcase_add_test(tc, write_then_backend_drains);
	tcase_add_test(tc, full_ring_takes_nothing_more);
	tcase_add_test(tc, indices_wrap_around);
	tcase_add_test(tc, hostile_out_cons_is_refused);
	tcase_add_test(tc, read_input);
	tcase_add_test(tc, read_is_bounded_by_caller_buffer);
	tcase_add_test(tc, hostile_in_prod_is_refused);
	suite_add_tcase(s, tc);
	return s;
}
