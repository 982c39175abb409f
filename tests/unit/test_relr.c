/*
 * The RELR encoding of the image's relocations (scripts/relr.c, which
 * scripts/relr-pack.c runs on every image and boot/head.S decodes): the
 * exact words for runs, gaps and the 63-word edge of a bitmap; every
 * offset set, random or dense, decodes to itself; what the encoder
 * refuses; and a stream the decoder refuses.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>

#include "helpers.h"

#include "scripts/relr.h"

#define MAX_OFFSETS 2048

static uint64_t packed[MAX_OFFSETS + 1], decoded[MAX_OFFSETS + 1];

static long round_trip(const uint64_t *offsets, size_t n)
{
	long used = relr_encode(offsets, n, packed, MAX_OFFSETS + 1);

	ck_assert_int_gt(used, 0);
	ck_assert_uint_eq(packed[used - 1], 0);
	ck_assert_int_eq(relr_decode(packed, (size_t)used, decoded,
				     MAX_OFFSETS + 1), (long)n);
	for (size_t i = 0; i < n; i++)
		ck_assert_uint_eq(decoded[i], offsets[i]);
	return used;
}

START_TEST(exact_words)
{
	/* Nothing: the terminator alone. */
	ck_assert_int_eq(relr_encode(NULL, 0, packed, 1), 1);
	ck_assert_uint_eq(packed[0], 0);

	/* One offset. */
	uint64_t one[] = { 0x1000 };
	ck_assert_int_eq(round_trip(one, 1), 2);
	ck_assert_uint_eq(packed[0], 0x1000);

	/* Three consecutive words: an offset and a bitmap of two bits. */
	uint64_t run[] = { 0x2000, 0x2008, 0x2010 };
	ck_assert_int_eq(round_trip(run, 3), 3);
	ck_assert_uint_eq(packed[0], 0x2000);
	ck_assert_uint_eq(packed[1], (0x3ULL << 1) | 1);

	/* The last word a bitmap covers (63 after the offset's next), then
	 * the first word past it: a second bitmap. */
	uint64_t edge[] = { 0x100, 0x108 + 62 * 8, 0x108 + 63 * 8 };
	ck_assert_int_eq(round_trip(edge, 3), 4);
	ck_assert_uint_eq(packed[1], (1ULL << 63) | 1);
	ck_assert_uint_eq(packed[2], (1ULL << 1) | 1);

	/* Far apart: two offsets, no bitmap. */
	uint64_t far[] = { 0x100, 0x100000 };
	ck_assert_int_eq(round_trip(far, 2), 3);
	ck_assert_uint_eq(packed[1], 0x100000);
}
END_TEST

START_TEST(dense_and_random)
{
	uint64_t offsets[MAX_OFFSETS];

	/* 2048 consecutive words: 1 offset and ceil(2047 / 63) bitmaps. */
	for (size_t i = 0; i < MAX_OFFSETS; i++)
		offsets[i] = 0x8000 + 8 * i;
	ck_assert_int_eq(round_trip(offsets, MAX_OFFSETS),
			 1 + (MAX_OFFSETS - 1 + 62) / 63 + 1);

	srandom(7);
	for (int round = 0; round < 200; round++) {
		size_t n = 0;
		uint64_t at = 8;
		int spread = 1 + round % 200;

		while (n < MAX_OFFSETS && n < (size_t)round * 10 + 1) {
			at += 8 * (1 + (uint64_t)(random() % spread));
			offsets[n++] = at;
		}
		round_trip(offsets, n);
	}
}
END_TEST

START_TEST(refused)
{
	uint64_t zero[] = { 0 }, odd[] = { 0x104 }, down[] = { 0x200, 0x100 },
		 twice[] = { 0x100, 0x100 }, two[] = { 0x100, 0x100000 };

	ck_assert_int_eq(relr_encode(zero, 1, packed, 8), -EINVAL);
	ck_assert_int_eq(relr_encode(odd, 1, packed, 8), -EINVAL);
	ck_assert_int_eq(relr_encode(down, 2, packed, 8), -EINVAL);
	ck_assert_int_eq(relr_encode(twice, 2, packed, 8), -EINVAL);
	/* Room for the offsets but not the terminator. */
	ck_assert_int_eq(relr_encode(two, 2, packed, 2), -ENOSPC);
	ck_assert_int_eq(relr_encode(two, 2, packed, 3), 3);

	/* A bitmap before any offset; no terminator; too many offsets. */
	uint64_t bitmap_first[] = { 3, 0 }, open[] = { 0x100 },
		 many[] = { 0x100, UINT64_MAX, 0 };
	ck_assert_int_eq(relr_decode(bitmap_first, 2, decoded, 8), -EINVAL);
	ck_assert_int_eq(relr_decode(open, 1, decoded, 8), -EINVAL);
	ck_assert_int_eq(relr_decode(many, 3, decoded, 8), -ENOSPC);
	ck_assert_int_eq(relr_decode(many, 3, decoded, 64), 64);
}
END_TEST

Suite *relr_suite(void)
{
	Suite *s = suite_create("relr");
	TCase *tc = tcase_create("encode");

	tcase_add_test(tc, exact_words);
	tcase_add_test(tc, dense_and_random);
	tcase_add_test(tc, refused);
	suite_add_tcase(s, tc);
	return s;
}
