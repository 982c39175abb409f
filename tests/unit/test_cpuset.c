/*
 * include/sys/cpuset.h's CPU_* macros, and lib/cpuset_mask.c: a
 * program's cpu_set_t to and from the kernel's affinity masks.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "include/sys/cpuset.h"
#include "lib/cpuset_mask.h"
#include "helpers.h"

/* glibc's layout, which programs written for Linux assume. */
START_TEST(a_set_is_glibcs_size)
{
	ck_assert_uint_eq(sizeof(cpu_set_t), 128);
	ck_assert_uint_eq(CPU_SETSIZE, 1024);
	ck_assert_uint_eq(CPU_ALLOC_SIZE(1), sizeof(unsigned long));
	ck_assert_uint_eq(CPU_ALLOC_SIZE(64), 8);
	ck_assert_uint_eq(CPU_ALLOC_SIZE(65), 16);
}
END_TEST

START_TEST(set_clear_isset_count)
{
	cpu_set_t s, t;

	memset(&s, 0xa5, sizeof(s));
	CPU_ZERO(&s);
	ck_assert_int_eq(CPU_COUNT(&s), 0);
	CPU_SET(0, &s);
	CPU_SET(3, &s);
	CPU_SET(63, &s);
	CPU_SET(64, &s);
	CPU_SET(1023, &s);
	CPU_SET(3, &s);		/* twice is once */
	ck_assert_int_eq(CPU_COUNT(&s), 5);
	ck_assert(CPU_ISSET(0, &s) && CPU_ISSET(3, &s) && CPU_ISSET(63, &s));
	ck_assert(CPU_ISSET(64, &s) && CPU_ISSET(1023, &s));
	ck_assert(!CPU_ISSET(1, &s) && !CPU_ISSET(62, &s) &&
		  !CPU_ISSET(65, &s));
	CPU_CLR(3, &s);
	CPU_CLR(4, &s);		/* not in it: nothing */
	ck_assert_int_eq(CPU_COUNT(&s), 4);
	ck_assert(!CPU_ISSET(3, &s));
	memcpy(&t, &s, sizeof(s));
	ck_assert(CPU_EQUAL(&s, &t));
	CPU_CLR(1023, &t);
	ck_assert(!CPU_EQUAL(&s, &t));
}
END_TEST

/* As glibc: a CPU past the set is ignored, never out of bounds. */
START_TEST(cpus_past_the_set_are_ignored)
{
	cpu_set_t s;
	int negative = -1;

	CPU_ZERO(&s);
	CPU_SET(CPU_SETSIZE, &s);
	CPU_SET(negative, &s);
	ck_assert_int_eq(CPU_COUNT(&s), 0);
	ck_assert(!CPU_ISSET(CPU_SETSIZE, &s));
	ck_assert(!CPU_ISSET(negative, &s));
	CPU_CLR(CPU_SETSIZE, &s);
	ck_assert_int_eq(CPU_COUNT(&s), 0);
}
END_TEST

/* The _S forms stop at their size: the bytes after it are not theirs. */
START_TEST(sized_forms_stop_at_their_size)
{
	size_t size = CPU_ALLOC_SIZE(64);
	cpu_set_t s;

	memset(&s, 0xff, sizeof(s));
	CPU_ZERO_S(size, &s);
	ck_assert_int_eq(CPU_COUNT_S(size, &s), 0);
	ck_assert(CPU_ISSET(64, &s));	/* beyond size: untouched */
	CPU_SET_S(64, size, &s);
	CPU_CLR_S(64, size, &s);
	ck_assert(CPU_ISSET(64, &s));
	ck_assert(!CPU_ISSET_S(64, size, &s));
	CPU_SET_S(5, size, &s);
	ck_assert_int_eq(CPU_COUNT_S(size, &s), 1);
	ck_assert(CPU_ISSET_S(5, size, &s));
}
END_TEST

START_TEST(set_to_mask)
{
	cpu_set_t s;

	CPU_ZERO(&s);
	ck_assert_uint_eq(cpuset_to_mask(&s, sizeof(s)), 0);
	CPU_SET(0, &s);
	CPU_SET(2, &s);
	CPU_SET(9, &s);
	CPU_SET(63, &s);
	CPU_SET(64, &s);	/* no mask holds it */
	CPU_SET(700, &s);
	ck_assert_uint_eq(cpuset_to_mask(&s, sizeof(s)),
			  (1ULL << 63) | (1ULL << 9) | 0x5);
	/* Only the bytes the program gave are read. */
	ck_assert_uint_eq(cpuset_to_mask(&s, 1), 0x5);
	ck_assert_uint_eq(cpuset_to_mask(&s, 2), 0x205);
	ck_assert_uint_eq(cpuset_to_mask(&s, 0), 0);
}
END_TEST

START_TEST(mask_to_set)
{
	cpu_set_t s;

	memset(&s, 0xff, sizeof(s));	/* every other CPU gets cleared */
	ck_assert_int_eq(cpuset_from_mask(0xb, 8, &s, sizeof(s)), 0);
	ck_assert_int_eq(CPU_COUNT(&s), 3);
	ck_assert(CPU_ISSET(0, &s) && CPU_ISSET(1, &s) && CPU_ISSET(3, &s));
	ck_assert(!CPU_ISSET(2, &s) && !CPU_ISSET(64, &s));

	ck_assert_int_eq(cpuset_from_mask(1ULL << 63, 64, &s, sizeof(s)), 0);
	ck_assert_int_eq(CPU_COUNT(&s), 1);
	ck_assert(CPU_ISSET(63, &s));
}
END_TEST

/* As Linux: a set smaller than the CPUs there may be is refused, and
 * nothing is written. */
START_TEST(a_set_too_small_is_refused)
{
	unsigned char bytes[2] = { 0x77, 0x77 };

	ck_assert_int_eq(cpuset_from_mask(1, 8, bytes, 0), EINVAL);
	ck_assert_int_eq(cpuset_from_mask(1, 9, bytes, 1), EINVAL);
	ck_assert_uint_eq(bytes[0], 0x77);
	ck_assert_int_eq(cpuset_from_mask(0x101, 9, bytes, 2), 0);
	ck_assert_uint_eq(bytes[0], 1);
	ck_assert_uint_eq(bytes[1], 1);
	/* Fits 8 CPUs: CPU 8 of the mask has no place, and is dropped. */
	bytes[1] = 0x77;
	ck_assert_int_eq(cpuset_from_mask(0x101, 8, bytes, 1), 0);
	ck_assert_uint_eq(bytes[0], 1);
	ck_assert_uint_eq(bytes[1], 0x77);
}
END_TEST

START_TEST(round_trip)
{
	const uint64_t masks[] = { 0, 1, 0x80, 0xff, 0xa5a5, 1ULL << 40,
				   ~0ULL };
	cpu_set_t s;
	size_t i;

	for (i = 0; i < sizeof(masks) / sizeof(masks[0]); i++) {
		ck_assert_int_eq(cpuset_from_mask(masks[i], 64, &s,
						  sizeof(s)), 0);
		ck_assert_int_eq(CPU_COUNT(&s),
				 __builtin_popcountll(masks[i]));
		ck_assert_uint_eq(cpuset_to_mask(&s, sizeof(s)), masks[i]);
	}
}
END_TEST

Suite *cpuset_suite(void)
{
	Suite *s = suite_create("cpuset");
	TCase *tc = tcase_create("macros");

	tcase_add_test(tc, a_set_is_glibcs_size);
	tcase_add_test(tc, set_clear_isset_count);
	tcase_add_test(tc, cpus_past_the_set_are_ignored);
	tcase_add_test(tc, sized_forms_stop_at_their_size);
	suite_add_tcase(s, tc);
	tc = tcase_create("mask");
	tcase_add_test(tc, set_to_mask);
	tcase_add_test(tc, mask_to_set);
	tcase_add_test(tc, a_set_too_small_is_refused);
	tcase_add_test(tc, round_trip);
	suite_add_tcase(s, tc);
	return s;
}
