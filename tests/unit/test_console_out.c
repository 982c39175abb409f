/*
 * PV console output (xen/console_out.c) with a backend that stops
 * consuming.  Each wait for room costs the guest up to 2 s with IRQs
 * masked, so after one wait gives up, output is dropped (and counted)
 * without waiting until the backend consumes again; then the count is
 * reported on the console itself.  Ring size: 2048 (xen/io/console.h).
 */
#include <errno.h>
#include <string.h>

#include "helpers.h"
#include "xen/console_out.h"

static struct xencons_interface ring;
static struct console_out out;
static unsigned int notifies, waits;
static bool backend_wakes;	/* the backend consumes during a wait */

static void fake_notify(void *ctx)
{
	(void)ctx;
	notifies++;
}

static int fake_wait(void *ctx)
{
	(void)ctx;
	waits++;
	if (backend_wakes) {
		ring.out_cons = ring.out_prod;
		return 0;
	}
	return -ETIMEDOUT;
}

static void reset(void)
{
	memset(&ring, 0, sizeof(ring));
	memset(&out, 0, sizeof(out));
	out.ring = &ring;
	out.notify = fake_notify;
	out.wait = fake_wait;
	notifies = waits = 0;
	backend_wakes = false;
}

/* Fill the ring to the last byte. */
static void fill(void)
{
	static char big[sizeof(ring.out)];

	memset(big, 'x', sizeof(big));
	console_out_write(&out, big, sizeof(big));
	ck_assert_uint_eq(ring.out_prod - ring.out_cons, sizeof(ring.out));
	ck_assert_uint_eq(waits, 0);
}

/* What the ring holds from index from on, as a string. */
static const char *ring_text(uint32_t from)
{
	static char text[sizeof(ring.out) + 1];
	uint32_t i, n = ring.out_prod - from;

	for (i = 0; i < n; i++)
		text[i] = ring.out[(from + i) & (sizeof(ring.out) - 1)];
	text[n] = '\0';
	return text;
}

START_TEST(crlf_and_notify)
{
	reset();
	console_out_write(&out, "a\nb", 3);
	ck_assert_str_eq(ring_text(0), "a\r\nb");
	ck_assert_uint_gt(notifies, 0);
	ck_assert_uint_eq(out.dropped, 0);
}
END_TEST

START_TEST(slow_backend_waited_for)
{
	reset();
	fill();
	backend_wakes = true;
	console_out_write(&out, "next\n", 5);
	ck_assert_uint_eq(waits, 1);
	ck_assert_str_eq(ring_text(ring.out_cons), "next\r\n");
	ck_assert_uint_eq(out.dropped, 0);
}
END_TEST

START_TEST(stalled_backend_waited_for_once)
{
	unsigned int i;

	reset();
	fill();
	console_out_write(&out, "hello\n", 6);
	ck_assert_uint_eq(waits, 1);
	ck_assert_uint_eq(out.dropped, 7);
	/* Later lines are dropped at once, without a wait each. */
	for (i = 0; i < 10; i++)
		console_out_write(&out, "another line\n", 13);
	ck_assert_uint_eq(waits, 1);
	ck_assert_uint_eq(out.dropped, 7 + 10 * 14);
	ck_assert_uint_eq(ring.out_prod, sizeof(ring.out));
}
END_TEST

START_TEST(recovers_and_reports_the_loss)
{
	uint32_t from;

	reset();
	fill();
	console_out_write(&out, "hello\n", 6);		/* 7 dropped */
	console_out_write(&out, "second\n", 7);		/* 8 more */
	/* The backend consumes everything again. */
	ring.out_cons = ring.out_prod;
	from = ring.out_prod;
	console_out_write(&out, "back\n", 5);
	ck_assert_str_eq(ring_text(from),
			 "\r\nconsole: 15 bytes dropped\r\nback\r\n");
	ck_assert_uint_eq(out.dropped, 15);
	/* Reported once; then normal output, and waits again when full. */
	from = ring.out_prod;
	console_out_write(&out, "more\n", 5);
	ck_assert_str_eq(ring_text(from), "more\r\n");
	ck_assert_uint_eq(waits, 1);
	ring.out_cons = ring.out_prod - sizeof(ring.out);
	console_out_write(&out, "x", 1);
	ck_assert_uint_eq(waits, 2);
	ck_assert_uint_eq(out.dropped, 16);
}
END_TEST

/* A little room is not enough: the report must fit, or we stay stalled. */
START_TEST(stays_stalled_until_the_report_fits)
{
	reset();
	fill();
	console_out_write(&out, "hello\n", 6);
	ring.out_cons += 5;		/* too little for the report */
	console_out_write(&out, "b\n", 2);
	ck_assert_uint_eq(waits, 1);
	ck_assert_uint_eq(out.dropped, 10);
	ck_assert_uint_eq(ring.out_prod, sizeof(ring.out));
}
END_TEST

Suite *console_out_suite(void)
{
	Suite *s = suite_create("console-out");
	TCase *tc = tcase_create("out");

	tcase_add_test(tc, crlf_and_notify);
	tcase_add_test(tc, slow_backend_waited_for);
	tcase_add_test(tc, stalled_backend_waited_for_once);
	tcase_add_test(tc, recovers_and_reports_the_loss);
	tcase_add_test(tc, stays_stalled_until_the_report_fits);
	suite_add_tcase(s, tc);
	return s;
}
