/*
 * Counter ticks and nanoseconds (kernel/ticks.c), which the absolute
 * sleeps rest on: a deadline converted to ticks is the first tick at or
 * after it (never early, never a tick late), at the frequencies Xen and
 * QEMU give (62.5 MHz, 24 MHz, 1 GHz, one not dividing 10^9), and
 * nothing overflows at the ends of the range.
 */
#include <stdint.h>

#include "helpers.h"

#include "kernel/ticks.h"

#define NS	1000000000ULL

static const uint64_t frequencies[] = {
	62500000, 24000000, 1000000000, 19200000, 54000000, 1, 3,
	UINT32_MAX,
};

/* The first tick at or after ns: tick reads ns or later, tick - 1 reads
 * earlier than ns. */
static void assert_first_tick(uint64_t ns, uint64_t hz)
{
	uint64_t tick = ticks_from_ns(ns, hz);

	ck_assert_uint_ge(ticks_to_ns(tick, hz), ns);
	if (tick)
		ck_assert_uint_lt(ticks_to_ns(tick - 1, hz), ns);
}

START_TEST(exact_at_62_5_mhz)
{
	/* 16 ns a tick. */
	ck_assert_uint_eq(ticks_from_ns(0, 62500000), 0);
	ck_assert_uint_eq(ticks_from_ns(16, 62500000), 1);
	ck_assert_uint_eq(ticks_from_ns(17, 62500000), 2);
	ck_assert_uint_eq(ticks_from_ns(1000000, 62500000), 62500);
	ck_assert_uint_eq(ticks_from_ns(3 * NS + 1, 62500000),
			  3 * 62500000ULL + 1);
	ck_assert_uint_eq(ticks_to_ns(62500, 62500000), 1000000);
	ck_assert_uint_eq(ticks_to_ns(1, 62500000), 16);
}
END_TEST

START_TEST(first_tick_everywhere)
{
	static const uint64_t points[] = {
		0, 1, 15, 16, 17, 999, 1000, 41666, 41667, 999999999,
		NS, NS + 1, 5 * NS - 1, 3600 * NS + 123456789,
		584ULL * 365 * 24 * 3600 * NS / 60,
	};
	unsigned int f, p;
	uint64_t ns, x = 88172645463325252ULL;
	int i;

	for (f = 0; f < sizeof(frequencies) / sizeof(frequencies[0]); f++) {
		for (p = 0; p < sizeof(points) / sizeof(points[0]); p++)
			assert_first_tick(points[p], frequencies[f]);
		/* xorshift64: spread over ten years of ns. */
		for (i = 0; i < 20000; i++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			ns = x % (10 * 365 * 24 * 3600 * NS);
			assert_first_tick(ns, frequencies[f]);
		}
	}
}
END_TEST

START_TEST(round_trip)
{
	/* A tick read as ns and converted back is the same tick: the
	 * clock a program reads and the deadlines it sets agree (up to
	 * 1 GHz; faster, two ticks can read as the same ns). */
	unsigned int f;
	uint64_t t;

	for (f = 0; f < sizeof(frequencies) / sizeof(frequencies[0]); f++)
		for (t = 0; t < 5000 && frequencies[f] <= NS; t++) {
			uint64_t tick = t * 7919 + t * t * 104729;

			if (tick / frequencies[f] > 100ULL * 365 * 86400)
				break;	/* past a century: out of the test */
			ck_assert_uint_eq(ticks_from_ns(ticks_to_ns(tick,
				frequencies[f]), frequencies[f]), tick);
		}
}
END_TEST

START_TEST(range_ends)
{
	/* No frequency: no clock, and no deadline. */
	ck_assert_uint_eq(ticks_to_ns(12345, 0), 0);
	ck_assert_uint_eq(ticks_from_ns(12345, 0), 0);
	/* Not a 32-bit frequency: refused, not miscomputed. */
	ck_assert_uint_eq(ticks_from_ns(12345, 1ULL << 32), 0);
	ck_assert_uint_eq(ticks_to_ns(12345, 1ULL << 32), 0);
	/* Too far to count: the last tick there is. */
	ck_assert_uint_eq(ticks_from_ns(UINT64_MAX, UINT32_MAX), UINT64_MAX);
	/* The last ns there is, 584 years, is a tick count that fits. */
	ck_assert_uint_eq(ticks_from_ns(UINT64_MAX, 62500000),
			  18446744073ULL * 62500000 + 44346976);
	/* 500 years of a 62.5 MHz counter read exactly: no product of
	 * ticks and 10^9 is formed whole. */
	ck_assert_uint_eq(ticks_to_ns(500ULL * 365 * 86400 * 62500000 + 3,
				      62500000),
			  500ULL * 365 * 86400 * NS + 48);
	/* At 1 Hz every ns up to 2^64 - 1 fits: the last second rounds up
	 * past the range, so UINT64_MAX. */
	ck_assert_uint_eq(ticks_from_ns(UINT64_MAX, 1), UINT64_MAX / NS + 1);
}
END_TEST

Suite *ticks_suite(void)
{
	Suite *s = suite_create("ticks");
	TCase *tc = tcase_create("convert");

	tcase_add_test(tc, exact_at_62_5_mhz);
	tcase_add_test(tc, first_tick_everywhere);
	tcase_add_test(tc, round_trip);
	tcase_add_test(tc, range_ends);
	suite_add_tcase(s, tc);
	return s;
}
