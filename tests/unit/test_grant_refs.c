/*
 * The set of free grant references (xen/grant_refs.c) that gnttab.c hands
 * out, above all a reference given back twice (gnttab_end_access on a
 * free one), which must not make two later users share an entry.
 */
#include <errno.h>
#include <string.h>

#include "helpers.h"
#include "xen/grant_refs.h"

static struct grant_refs refs;

/* As gnttab_init: one frame of 512 entries, the first 8 reserved. */
static void reset(void)
{
	memset(&refs, 0xa5, sizeof(refs));	/* init must not rely on 0s */
	ck_assert_int_eq(grant_refs_init(&refs, 8, 512), 0);
}

START_TEST(handed_out_in_order_until_none_left)
{
	unsigned int i;

	reset();
	for (i = 8; i < 512; i++)
		ck_assert_int_eq(grant_refs_get(&refs), i);
	ck_assert_int_eq(grant_refs_get(&refs), -ENOSPC);
	ck_assert(!grant_refs_is_free(&refs, 8));
}
END_TEST

START_TEST(double_free_refused_and_list_intact)
{
	static unsigned char seen[512];
	long ref;
	unsigned int i, count;

	reset();
	ref = grant_refs_get(&refs);
	ck_assert_int_eq(ref, 8);
	ck_assert_int_eq(grant_refs_put(&refs, 8), 0);
	ck_assert(grant_refs_is_free(&refs, 8));
	count = refs.count;
	ck_assert_int_eq(grant_refs_put(&refs, 8), -EALREADY);
	ck_assert_uint_eq(refs.count, count);
	/* Never freed at all, and never taken: refused the same way. */
	ck_assert_int_eq(grant_refs_put(&refs, 300), -EALREADY);
	/* Every reference comes out exactly once afterwards. */
	memset(seen, 0, sizeof(seen));
	for (i = 8; i < 512; i++) {
		ref = grant_refs_get(&refs);
		ck_assert_int_ge(ref, 8);
		ck_assert_int_lt(ref, 512);
		ck_assert_msg(!seen[ref], "ref %ld handed out twice", ref);
		seen[ref] = 1;
	}
	ck_assert_int_eq(grant_refs_get(&refs), -ENOSPC);
}
END_TEST

START_TEST(outside_the_range_refused)
{
	reset();
	ck_assert_int_eq(grant_refs_put(&refs, 7), -EINVAL);	/* reserved */
	ck_assert_int_eq(grant_refs_put(&refs, 512), -EINVAL);
	ck_assert_int_eq(grant_refs_put(&refs, 0xffffffffu), -EINVAL);
	ck_assert_int_eq(grant_refs_take(&refs, 7), -EINVAL);
	ck_assert_int_eq(grant_refs_take(&refs, 512), -EINVAL);
	ck_assert(!grant_refs_is_free(&refs, 7));
	ck_assert(!grant_refs_is_free(&refs, 512));
	ck_assert_uint_eq(refs.count, 504);
	ck_assert_int_eq(grant_refs_init(&refs, 8, 8), -EINVAL);
	ck_assert_int_eq(grant_refs_init(&refs, 0, GRANT_REFS_MAX + 1),
			 -EINVAL);
	ck_assert_int_eq(grant_refs_init(&refs, 0, GRANT_REFS_MAX), 0);
	ck_assert(grant_refs_is_free(&refs, GRANT_REFS_MAX - 1));
}
END_TEST

START_TEST(chosen_reference_taken_once)
{
	reset();
	ck_assert_int_eq(grant_refs_take(&refs, 100), 0);
	ck_assert(!grant_refs_is_free(&refs, 100));
	ck_assert_int_eq(grant_refs_take(&refs, 100), -EBUSY);
	ck_assert_uint_eq(refs.count, 503);
	ck_assert_int_eq(grant_refs_put(&refs, 100), 0);
	ck_assert_int_eq(grant_refs_put(&refs, 100), -EALREADY);
	/* Last given back, first handed out. */
	ck_assert_int_eq(grant_refs_get(&refs), 100);
	ck_assert_uint_eq(refs.count, 503);
}
END_TEST

Suite *grant_refs_suite(void)
{
	Suite *s = suite_create("grant-refs");
	TCase *tc = tcase_create("refs");

	tcase_add_test(tc, handed_out_in_order_until_none_left);
	tcase_add_test(tc, double_free_refused_and_list_intact);
	tcase_add_test(tc, outside_the_range_refused);
	tcase_add_test(tc, chosen_reference_taken_once);
	suite_add_tcase(s, tc);
	return s;
}
