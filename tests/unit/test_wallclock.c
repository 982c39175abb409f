/*
 * Xen's wallclock fields as a time (xen/wallclock.c): the version
 * protocol's stable and never-stable cases, wc_sec_hi, fields that are no
 * time; and the floor below which a clock counts as never set
 * (kernel/realtime.h).
 */
#include <stdint.h>
#include <time.h>

#include "helpers.h"

#include "kernel/errno.h"
#include "kernel/realtime.h"
#include "xen/wallclock.h"

#define NS	1000000000ULL

static uint32_t version, sec, sec_hi, nsec;

static const struct wallclock_fields fields = {
	&version, &sec, &sec_hi, &nsec,
};

START_TEST(stable)
{
	uint64_t ns = 0;

	version = 4;
	sec = 1748779200u;	/* 2025-06-01 12:00:00 UTC */
	sec_hi = 0;
	nsec = 250000000;
	ck_assert_int_eq(wallclock_read(&fields, &ns), 0);
	ck_assert_uint_eq(ns, 1748779200ULL * NS + 250000000);
}
END_TEST

START_TEST(seconds_high_word)
{
	uint64_t ns = 0;

	/* 2^32 + 5 s: past 2106, where wc_sec alone wraps. */
	version = 2;
	sec = 5;
	sec_hi = 1;
	nsec = 0;
	ck_assert_int_eq(wallclock_read(&fields, &ns), 0);
	ck_assert_uint_eq(ns, (0x100000000ULL + 5) * NS);
}
END_TEST

START_TEST(xen_writing)
{
	uint64_t ns = 42;

	/* Odd: Xen is half-way through a write, on every try. */
	version = 7;
	sec = 1748779200u;
	sec_hi = 0;
	nsec = 0;
	ck_assert_int_eq(wallclock_read(&fields, &ns), -EAGAIN);
	ck_assert_uint_eq(ns, 42);
}
END_TEST

START_TEST(not_a_time)
{
	uint64_t ns = 42;

	version = 2;
	sec = 1748779200u;
	sec_hi = 0;
	nsec = 1000000000;	/* a whole second of nanoseconds */
	ck_assert_int_eq(wallclock_read(&fields, &ns), -ERANGE);
	/* Past 2^64 ns (the year 2554). */
	sec = 0;
	sec_hi = 5;
	nsec = 0;
	ck_assert_int_eq(wallclock_read(&fields, &ns), -ERANGE);
	ck_assert_uint_eq(ns, 42);
	/* The last second that fits. */
	sec_hi = 4;
	sec = 1266874889u;	/* UINT64_MAX / 1e9 = 18446744073 s */
	nsec = 0;
	ck_assert_int_eq(wallclock_read(&fields, &ns), 0);
	ck_assert_uint_eq(ns, 18446744073ULL * NS);
}
END_TEST

START_TEST(unset_floor)
{
	time_t t = (time_t)(REALTIME_UNSET_BEFORE_NS / NS);
	struct tm tm;

	gmtime_r(&t, &tm);
	ck_assert_int_eq(tm.tm_year + 1900, 2000);
	ck_assert_int_eq(tm.tm_mon, 0);
	ck_assert_int_eq(tm.tm_mday, 1);
	ck_assert_int_eq(tm.tm_hour + tm.tm_min + tm.tm_sec, 0);
}
END_TEST

Suite *wallclock_suite(void)
{
	Suite *s = suite_create("wallclock");
	TCase *tc = tcase_create("read");

	tcase_add_test(tc, stable);
	tcase_add_test(tc, seconds_high_word);
	tcase_add_test(tc, xen_writing);
	tcase_add_test(tc, not_a_time);
	tcase_add_test(tc, unset_floor);
	suite_add_tcase(s, tc);
	return s;
}
