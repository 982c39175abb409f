/*
 * The late-EOI backoff (xen/evtchn_backoff.c): a port that fires without
 * work is left masked for a growing, capped time; work resets it; the
 * first delay is reported once (issue 17, finding 8).
 */
#include "helpers.h"
#include "xen/evtchn_backoff.h"

START_TEST(work_never_delays)
{
	struct evtchn_backoff b = { 0, false };
	bool warn = false;
	unsigned int i;

	for (i = 0; i < 1000; i++)
		ck_assert_uint_eq(evtchn_backoff_eoi(&b, false, &warn), 0);
	ck_assert(!warn);
}
END_TEST

START_TEST(storm_delays_grow_to_the_cap)
{
	struct evtchn_backoff b = { 0, false };
	unsigned int i, delay, expect = 1, total = 0;
	bool warn = false;

	for (i = 0; i < EVTCHN_SPURIOUS_FREE; i++)
		ck_assert_uint_eq(evtchn_backoff_eoi(&b, true, &warn), 0);
	ck_assert(!warn);
	for (i = 0; i < 40; i++) {
		delay = evtchn_backoff_eoi(&b, true, &warn);
		ck_assert_uint_eq(delay, expect);
		total += delay;
		if (expect < EVTCHN_BACKOFF_MAX_MS)
			expect *= 2;
	}
	ck_assert(warn);
	/* A storm costs few wakeups: about one a second once capped. */
	ck_assert_uint_gt(total, 25 * EVTCHN_BACKOFF_MAX_MS);
}
END_TEST

START_TEST(work_resets_the_count)
{
	struct evtchn_backoff b = { 0, false };
	bool warn = false;
	unsigned int i;

	for (i = 0; i < EVTCHN_SPURIOUS_FREE + 5; i++)
		(void)evtchn_backoff_eoi(&b, true, &warn);
	ck_assert_uint_eq(evtchn_backoff_eoi(&b, false, &warn), 0);
	for (i = 0; i < EVTCHN_SPURIOUS_FREE; i++)
		ck_assert_uint_eq(evtchn_backoff_eoi(&b, true, &warn), 0);
	ck_assert_uint_eq(evtchn_backoff_eoi(&b, true, &warn), 1);
}
END_TEST

START_TEST(reported_once)
{
	struct evtchn_backoff b = { 0, false };
	unsigned int i, reports = 0;

	for (i = 0; i < 100; i++) {
		bool warn = false;

		(void)evtchn_backoff_eoi(&b, i % 10 != 9, &warn);
		reports += warn;
	}
	ck_assert_uint_eq(reports, 1);
}
END_TEST

Suite *evtchn_backoff_suite(void)
{
	Suite *s = suite_create("evtchn-backoff");
	TCase *tc = tcase_create("backoff");

	tcase_add_test(tc, work_never_delays);
	tcase_add_test(tc, storm_delays_grow_to_the_cap);
	tcase_add_test(tc, work_resets_the_count);
	tcase_add_test(tc, reported_once);
	suite_add_tcase(s, tc);
	return s;
}
