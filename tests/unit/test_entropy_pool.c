/*
 * The entropy pool (kernel/entropy_pool.c): the seed is a function of
 * every sample, in order, and of nothing else.
 */
#include <string.h>

#include "helpers.h"
#include "kernel/entropy_pool.h"

static void seed_of(const uint64_t *samples, unsigned int n,
		    uint8_t seed[SIPHASH_KEY_LEN])
{
	struct entropy_pool pool;
	unsigned int i;

	entropy_pool_init(&pool);
	for (i = 0; i < n; i++)
		entropy_pool_add(&pool, samples[i]);
	entropy_pool_seed(&pool, seed);
}

START_TEST(same_samples_same_seed)
{
	static const uint64_t s[] = {1, 0x123456789abcdefULL, 42};
	uint8_t a[SIPHASH_KEY_LEN], b[SIPHASH_KEY_LEN];

	seed_of(s, 3, a);
	seed_of(s, 3, b);
	ck_assert_mem_eq(a, b, sizeof(a));
}
END_TEST

START_TEST(every_sample_counts)
{
	static const uint64_t s[] = {1, 2, 3}, swapped[] = {2, 1, 3},
		one_bit[] = {1, 2, 3 ^ 1ULL << 63}, more[] = {1, 2, 3, 0};
	uint8_t a[SIPHASH_KEY_LEN], b[SIPHASH_KEY_LEN];

	seed_of(s, 3, a);
	seed_of(one_bit, 3, b);
	ck_assert_mem_ne(a, b, sizeof(a));
	seed_of(swapped, 3, b);
	ck_assert_mem_ne(a, b, sizeof(a));
	/* A zero sample still counts: no padding ambiguity. */
	seed_of(more, 4, b);
	ck_assert_mem_ne(a, b, sizeof(a));
	seed_of(s, 0, b);
	ck_assert_mem_ne(a, b, sizeof(a));
}
END_TEST

START_TEST(seed_leaves_pool_alone)
{
	struct entropy_pool pool;
	uint8_t a[SIPHASH_KEY_LEN], b[SIPHASH_KEY_LEN], c[SIPHASH_KEY_LEN];
	static const uint64_t s[] = {7, 8};

	entropy_pool_init(&pool);
	entropy_pool_add(&pool, 7);
	entropy_pool_seed(&pool, a);
	entropy_pool_seed(&pool, b);
	ck_assert_mem_eq(a, b, sizeof(a));
	entropy_pool_add(&pool, 8);
	entropy_pool_seed(&pool, b);
	seed_of(s, 2, c);
	ck_assert_mem_eq(b, c, sizeof(b));
}
END_TEST

/* The two halves come from different finalisations. */
START_TEST(halves_differ)
{
	static const uint64_t s[] = {0};
	uint8_t a[SIPHASH_KEY_LEN];

	seed_of(s, 1, a);
	ck_assert_mem_ne(a, a + 8, 8);
}
END_TEST

Suite *entropy_pool_suite(void)
{
	Suite *s = suite_create("entropy_pool");
	TCase *tc = tcase_create("seed");

	tcase_add_test(tc, same_samples_same_seed);
	tcase_add_test(tc, every_sample_counts);
	tcase_add_test(tc, seed_leaves_pool_alone);
	tcase_add_test(tc, halves_differ);
	suite_add_tcase(s, tc);
	return s;
}
