/*
 * The token bucket under lwIP's ICMP errors (net/rate_limit.c): a burst,
 * then the steady rate, and a millisecond clock that wraps.
 */
#include "helpers.h"
#include "net/rate_limit.h"

/* How many of n events, one every gap_ms from t, the bucket lets by. */
static unsigned int passed(struct rate_limit *r, uint32_t t, uint32_t gap_ms,
			   unsigned int n)
{
	unsigned int ok = 0, i;

	for (i = 0; i < n; i++)
		ok += rate_limit_take(r, t + i * gap_ms);
	return ok;
}

START_TEST(burst_then_refused)
{
	struct rate_limit r = RATE_LIMIT_INIT(100, 20);

	/* 1000 at the same instant: the burst, and nothing more. */
	ck_assert_uint_eq(passed(&r, 5000, 0, 1000), 20);
	ck_assert(!rate_limit_take(&r, 5000));
}
END_TEST

START_TEST(steady_rate)
{
	struct rate_limit r = RATE_LIMIT_INIT(100, 20);

	(void)passed(&r, 0, 0, 20);	/* empty it */
	/* A flood of one event a millisecond for 10 s: 100 a second. */
	ck_assert_uint_eq(passed(&r, 1, 1, 10000), 1000);
}
END_TEST

START_TEST(refills_to_the_burst_only)
{
	struct rate_limit r = RATE_LIMIT_INIT(100, 20);

	(void)passed(&r, 0, 0, 20);
	/* An hour's quiet is worth one burst, not 360,000 events. */
	ck_assert_uint_eq(passed(&r, 3600000, 0, 1000), 20);
}
END_TEST

START_TEST(clock_wraps)
{
	struct rate_limit r = RATE_LIMIT_INIT(100, 20);

	(void)passed(&r, 0xfffffff0u, 0, 20);
	/* 100 ms later, across the wrap: 10 more. */
	ck_assert_uint_eq(passed(&r, 0xfffffff0u + 100u, 0, 1000), 10);
}
END_TEST

Suite *rate_limit_suite(void)
{
	Suite *s = suite_create("rate-limit");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, burst_then_refused);
	tcase_add_test(tc, steady_rate);
	tcase_add_test(tc, refills_to_the_burst_only);
	tcase_add_test(tc, clock_wraps);
	suite_add_tcase(s, tc);
	return s;
}
