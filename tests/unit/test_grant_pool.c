/*
 * The pages a frontend lends its backend (xen/grant_pool.c), against a
 * fake grant table whose backend keeps the mappings it is told to: a
 * page whose grant it keeps is never handed out nor granted again, its
 * reference is never ended again nor freed, pages are cleared before the
 * next connection, and a device's connections and kept grants are
 * bounded (issue 17, findings 6, 7 and 9).
 */
#include <errno.h>
#include <string.h>

#include "helpers.h"
#include "xen/grant_pool.h"
#include "xen/grant_refs.h"

#define PAGES	8

/* The fake table: free references and what the backend maps. */
static struct grant_refs refs;
static bool mapped[GRANT_REFS_MAX];
static unsigned int end_calls[GRANT_REFS_MAX];
static uint64_t granted_gpa[GRANT_REFS_MAX];

static uint8_t pages[PAGES][GRANT_POOL_PAGE_SIZE]
	__attribute__((aligned(GRANT_POOL_PAGE_SIZE)));
static struct grant_pool pool;

static long fake_grant(domid_t domid, uint64_t gpa, bool readonly)
{
	long ref = grant_refs_get(&refs);

	(void)domid;
	(void)readonly;
	if (ref >= 0)
		granted_gpa[ref] = gpa;
	return ref;
}

/* As gnttab_end_access: refused while mapped, the reference kept. */
static long fake_end(grant_ref_t ref)
{
	end_calls[ref]++;
	if (mapped[ref])
		return -EBUSY;
	return grant_refs_put(&refs, ref);
}

static const struct grant_pool_ops fake_ops = {
	.grant = fake_grant,
	.end = fake_end,
};

static void setup(void)
{
	memset(mapped, 0, sizeof(mapped));
	memset(end_calls, 0, sizeof(end_calls));
	ck_assert_int_eq(grant_refs_init(&refs, 8, 64), 0);
	ck_assert_int_eq(grant_pool_init(&pool, &fake_ops, pages, PAGES), 0);
	ck_assert_uint_eq(grant_pool_reset(&pool), 0);
}

/* Take every free page, granting each; their refs in ref[]. */
static unsigned int take_and_grant_all(long ref[PAGES], int page[PAGES])
{
	unsigned int i;
	int n;

	for (i = 0; (n = grant_pool_take(&pool)) >= 0; i++) {
		ck_assert_uint_lt(i, PAGES);
		page[i] = n;
		ref[i] = grant_pool_grant(&pool, (unsigned int)n, 1, false);
		ck_assert_int_ge(ref[i], 0);
		ck_assert(granted_gpa[ref[i]] ==
			  (uint64_t)(uintptr_t)pages[n]);
	}
	ck_assert_int_eq(grant_pool_take(&pool), -ENOSPC);
	return i;
}

START_TEST(kept_page_never_handed_out_again)
{
	long ref[PAGES];
	int page[PAGES];
	unsigned int i, n, round;

	setup();
	ck_assert_uint_eq(take_and_grant_all(ref, page), PAGES);
	/* The backend answers every request but keeps page 3 mapped. */
	for (i = 0; i < PAGES; i++) {
		if (page[i] == 3)
			mapped[ref[i]] = true;
		if (grant_pool_end(&pool, (unsigned int)page[i]) == 0)
			ck_assert_int_eq(grant_pool_put(&pool,
						(unsigned int)page[i]), 0);
		else
			ck_assert_int_eq(page[i], 3);
	}
	ck_assert(grant_pool_is_kept(&pool, 3));
	ck_assert_uint_eq(pool.kept, 1);
	ck_assert_int_eq(grant_pool_put(&pool, 3), -EBUSY);
	/* Neither in this connection nor in the next ones. */
	for (round = 0; round < 3; round++) {
		ck_assert_uint_eq(take_and_grant_all(ref, page), PAGES - 1);
		for (i = 0; i < PAGES - 1; i++)
			ck_assert_int_ne(page[i], 3);
		ck_assert_int_eq(grant_pool_grant(&pool, 3, 1, false), -EBUSY);
		ck_assert_uint_eq(grant_pool_reset(&pool), 0);
	}
	n = 0;
	for (i = 0; i < PAGES; i++)
		n += !grant_pool_is_kept(&pool, i);
	ck_assert_uint_eq(n, PAGES - 1);
}
END_TEST

START_TEST(kept_reference_never_ended_again_nor_freed)
{
	long ref[PAGES], kept_ref;
	int page[PAGES];
	unsigned int i, round;

	setup();
	take_and_grant_all(ref, page);
	kept_ref = grant_pool_ref(&pool, 5);
	ck_assert_int_ge(kept_ref, 0);
	mapped[kept_ref] = true;
	ck_assert_uint_eq(grant_pool_reset(&pool), 1);
	ck_assert_uint_eq(end_calls[kept_ref], 1);
	/* Recorded, not overwritten: the pool still knows it. */
	ck_assert_int_eq(grant_pool_ref(&pool, 5), kept_ref);
	/* Even once the backend lets go, nothing ends or reuses it. */
	mapped[kept_ref] = false;
	for (round = 0; round < 4; round++) {
		take_and_grant_all(ref, page);
		for (i = 0; i < PAGES - 1; i++)
			ck_assert_int_ne(ref[i], kept_ref);
		ck_assert_uint_eq(grant_pool_reset(&pool), 0);
		ck_assert_uint_eq(grant_pool_end_all(&pool), 0);
	}
	ck_assert_uint_eq(end_calls[kept_ref], 1);
	ck_assert(!grant_refs_is_free(&refs, (grant_ref_t)kept_ref));
}
END_TEST

START_TEST(pages_cleared_before_the_next_connection)
{
	long ref[PAGES];
	int page[PAGES];
	unsigned int i, k;

	setup();
	take_and_grant_all(ref, page);
	for (i = 0; i < PAGES; i++)
		memset(pages[page[i]], 0xa5, GRANT_POOL_PAGE_SIZE);
	/* A persistent grant left out: the reset ends it, then clears. */
	ck_assert_uint_eq(grant_pool_reset(&pool), 0);
	for (i = 0; i < PAGES; i++) {
		ck_assert_int_eq(grant_pool_ref(&pool, i), GRANT_POOL_NO_REF);
		for (k = 0; k < GRANT_POOL_PAGE_SIZE; k++)
			ck_assert_msg(pages[i][k] == 0,
				      "page %u byte %u not cleared", i, k);
	}
	/* Every reference came back to the table. */
	for (i = 0; i < PAGES; i++)
		ck_assert(grant_refs_is_free(&refs, (grant_ref_t)ref[i]));
}
END_TEST

START_TEST(persistent_grant_stays_across_put)
{
	long ref;
	int n;

	setup();
	n = grant_pool_take(&pool);
	ck_assert_int_eq(n, 0);
	ref = grant_pool_grant(&pool, 0, 1, false);
	ck_assert_int_ge(ref, 0);
	ck_assert_int_eq(grant_pool_grant(&pool, 0, 1, false), -EBUSY);
	ck_assert_int_eq(grant_pool_put(&pool, 0), 0);
	ck_assert_int_eq(grant_pool_put(&pool, 0), -EALREADY);
	ck_assert_int_eq(grant_pool_ref(&pool, 0), ref);
	ck_assert_int_eq(grant_pool_take(&pool), 0);
	ck_assert_int_eq(grant_pool_put(&pool, PAGES), -EINVAL);
	ck_assert_int_eq(grant_pool_end(&pool, PAGES), -EINVAL);
	ck_assert_int_eq(grant_pool_grant(&pool, PAGES, 1, false), -EINVAL);
	ck_assert_int_eq(grant_pool_init(&pool, &fake_ops, pages, 0),
			 -EINVAL);
	ck_assert_int_eq(grant_pool_init(&pool, &fake_ops, pages,
					 GRANT_POOL_MAX + 1), -EINVAL);
}
END_TEST

/* A backend that keeps everything and cycles its state. */
START_TEST(budget_bounds_reconnects_and_kept_grants)
{
	struct grant_budget b = { 0, 0 };
	unsigned int i;

	for (i = 0; i < GRANT_BUDGET_CONNECTS_MAX; i++)
		ck_assert_int_eq(grant_budget_connect(&b), 0);
	ck_assert_int_eq(grant_budget_connect(&b), -ELOOP);
	ck_assert_int_eq(grant_budget_connect(&b), -ELOOP);
	ck_assert_uint_eq(b.connects, GRANT_BUDGET_CONNECTS_MAX);

	memset(&b, 0, sizeof(b));
	ck_assert_int_eq(grant_budget_connect(&b), 0);
	grant_budget_kept(&b, GRANT_BUDGET_KEPT_MAX);
	ck_assert_int_eq(grant_budget_connect(&b), 0);
	grant_budget_kept(&b, 1);
	ck_assert_int_eq(grant_budget_connect(&b), -ENOSPC);
	ck_assert_uint_eq(b.connects, 2);
}
END_TEST

/*
 * The table cannot run dry: a device whose backend keeps every page of
 * each connection stops before the table's references are gone.
 */
START_TEST(keeping_backend_cannot_exhaust_the_table)
{
	struct grant_budget b = { 0, 0 };
	long ref[PAGES] = { 0 };
	int page[PAGES] = { 0 };
	unsigned int i, n, cycles = 0, kept;

	ck_assert_int_eq(grant_refs_init(&refs, 8, GRANT_REFS_MAX), 0);
	memset(mapped, 0, sizeof(mapped));
	while (grant_budget_connect(&b) == 0) {
		/* A fresh set each time, as netfront allocates anew. */
		ck_assert_int_eq(grant_pool_init(&pool, &fake_ops, pages,
						 PAGES), 0);
		grant_pool_reset(&pool);
		n = take_and_grant_all(ref, page);
		ck_assert_uint_eq(n, PAGES);
		for (i = 0; i < n; i++)
			mapped[ref[i]] = true;
		kept = grant_pool_end_all(&pool);
		ck_assert_uint_eq(kept, PAGES);
		grant_budget_kept(&b, kept);
		cycles++;
		ck_assert_uint_lt(cycles, 1000);
	}
	ck_assert_uint_le(b.kept, GRANT_BUDGET_KEPT_MAX + PAGES);
	ck_assert_uint_gt(refs.count, GRANT_REFS_MAX / 2);
}
END_TEST

Suite *grant_pool_suite(void)
{
	Suite *s = suite_create("grant-pool");
	TCase *tc = tcase_create("pool");

	tcase_add_test(tc, kept_page_never_handed_out_again);
	tcase_add_test(tc, kept_reference_never_ended_again_nor_freed);
	tcase_add_test(tc, pages_cleared_before_the_next_connection);
	tcase_add_test(tc, persistent_grant_stays_across_put);
	tcase_add_test(tc, budget_bounds_reconnects_and_kept_grants);
	tcase_add_test(tc, keeping_backend_cannot_exhaust_the_table);
	suite_add_tcase(s, tc);
	return s;
}
