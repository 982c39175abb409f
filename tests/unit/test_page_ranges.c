/*
 * kernel/page_ranges.c, the page allocator's bookkeeping: no page may be
 * handed out twice, whatever the order and overlap of the RAM added and
 * the regions reserved.
 */
#include <string.h>

#include "kernel/errno.h"
#include "kernel/page_ranges.h"
#include "helpers.h"

#define PG	PAGE_RANGES_PAGE

/* Take single pages until none is left; fail on any page seen twice. */
static unsigned int drain(struct page_ranges *pr, uint64_t *seen,
			  unsigned int max)
{
	unsigned int n = 0, i;
	uint64_t addr;

	while (page_ranges_take(pr, 1, &addr) == 0) {
		ck_assert_uint_lt(n, max);
		for (i = 0; i < n; i++)
			ck_assert_msg(seen[i] != addr, "page 0x%llx handed "
				      "out twice", (unsigned long long)addr);
		seen[n++] = addr;
	}
	ck_assert_uint_eq(page_ranges_free_bytes(pr), 0);
	return n;
}

START_TEST(added_twice_free_once)
{
	static struct page_ranges pr;
	uint64_t seen[64];

	memset(&pr, 0, sizeof(pr));
	ck_assert_int_eq(page_ranges_add(&pr, 0x40000000, 16 * PG), 0);
	ck_assert_int_eq(page_ranges_add(&pr, 0x40000000, 16 * PG), 0);
	ck_assert_int_eq(page_ranges_add(&pr, 0x40008000, 16 * PG), 0);
	/* 0x40000000..0x40018000: 24 pages, however often added. */
	ck_assert_uint_eq(page_ranges_free_bytes(&pr), 24 * PG);
	ck_assert_uint_eq(drain(&pr, seen, 64), 24);
}
END_TEST

START_TEST(handed_out_never_added_again)
{
	static struct page_ranges pr;
	uint64_t a, b, seen[64];

	memset(&pr, 0, sizeof(pr));
	page_ranges_add(&pr, 0x40000000, 8 * PG);
	ck_assert_int_eq(page_ranges_take(&pr, 2, &a), 0);
	ck_assert_uint_eq(a, 0x40000000);
	/* The caller frees a region that holds pages in use. */
	ck_assert_int_eq(page_ranges_add(&pr, 0x40000000, 8 * PG), 0);
	ck_assert_uint_eq(page_ranges_free_bytes(&pr), 6 * PG);
	ck_assert_int_eq(page_ranges_take(&pr, 1, &b), 0);
	ck_assert_uint_ge(b, a + 2 * PG);
	seen[0] = a;
	seen[1] = a + PG;
	seen[2] = b;
	ck_assert_uint_eq(drain(&pr, seen + 3, 61), 5);
}
END_TEST

START_TEST(reserve_rounds_out_add_rounds_in)
{
	static struct page_ranges pr;
	uint64_t a;

	memset(&pr, 0, sizeof(pr));
	page_ranges_add(&pr, 0x40000000, 16 * PG);
	/* An image ending mid-page keeps its whole last page. */
	page_ranges_reserve(&pr, 0x40000000, 4 * PG + 1);
	ck_assert_uint_eq(page_ranges_free_bytes(&pr), 11 * PG);
	/* A DTB sharing that page, freed: the shared page stays out. */
	ck_assert_int_eq(page_ranges_add(&pr, 0x40004010, 2 * PG), 0);
	ck_assert_uint_eq(page_ranges_free_bytes(&pr), 11 * PG);
	/* A hole in the middle splits; a region past the end is harmless. */
	page_ranges_reserve(&pr, 0x40008000, PG);
	page_ranges_reserve(&pr, 0x50000000, PG);
	ck_assert_uint_eq(page_ranges_free_bytes(&pr), 10 * PG);
	/* Free: 0x40005000-0x40008000, 0x40009000-0x40010000. */
	ck_assert_int_eq(page_ranges_take(&pr, 4, &a), 0);
	ck_assert_uint_eq(a, 0x40009000);
	ck_assert_int_eq(page_ranges_take(&pr, 4, &a), -ENOMEM);
	ck_assert_int_eq(page_ranges_take(&pr, 3, &a), 0);
	ck_assert_uint_eq(a, 0x40005000);
	ck_assert_int_eq(page_ranges_take(&pr, 3, &a), 0);
	ck_assert_uint_eq(a, 0x4000d000);
	ck_assert_uint_eq(page_ranges_free_bytes(&pr), 0);
	ck_assert_int_eq(page_ranges_add(&pr, UINT64_MAX - PG, 2 * PG),
			 -EINVAL);
	page_ranges_reserve(&pr, UINT64_MAX - PG, 2 * PG);
}
END_TEST

START_TEST(no_slot_loses_never_doubles)
{
	static struct page_ranges pr;
	uint64_t seen[PAGE_RANGES_MAX + 8];
	unsigned int i;
	int err = 0;

	memset(&pr, 0, sizeof(pr));
	for (i = 0; i < PAGE_RANGES_MAX + 4; i++)
		err |= page_ranges_add(&pr, 0x40000000 + 2 * i * PG, PG);
	ck_assert_int_eq(err, -ENOSPC);
	ck_assert_uint_eq(page_ranges_free_bytes(&pr), PAGE_RANGES_MAX * PG);
	/* A split with no slot left loses the upper part. */
	page_ranges_add(&pr, 0x40000000, 3 * PG);
	page_ranges_reserve(&pr, 0x40000000 + PG, 1);
	ck_assert_uint_le(drain(&pr, seen, PAGE_RANGES_MAX + 8),
			  PAGE_RANGES_MAX);
}
END_TEST

Suite *page_ranges_suite(void)
{
	Suite *s = suite_create("page-ranges");
	TCase *tc = tcase_create("ranges");

	tcase_add_test(tc, added_twice_free_once);
	tcase_add_test(tc, handed_out_never_added_again);
	tcase_add_test(tc, reserve_rounds_out_add_rounds_in);
	tcase_add_test(tc, no_slot_loses_never_doubles);
	suite_add_tcase(s, tc);
	return s;
}
