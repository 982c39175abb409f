/*
 * kernel/tls_layout.c: where thread_create() puts a thread's control block
 * and TLS block.  An offset one byte off moves every __thread variable of
 * the thread onto another's bytes or off its page, so the cases pin the
 * exact numbers ld's variant-1 rule gives (tp + 16 + offset in the
 * segment).
 */
#include <stdint.h>

#include "kernel/errno.h"
#include "kernel/tls_layout.h"
#include "helpers.h"

/* A segment at a 16-aligned link address, as boot/kernel.ld makes it. */
static struct tls_image image(size_t tdata, size_t gap, size_t tbss)
{
	struct tls_image im = { .tdata_start = 0x41230 };

	im.tdata_end = im.tdata_start + tdata;
	im.tbss_end = im.tdata_end + gap + tbss;
	return im;
}

START_TEST(no_tls_still_gives_a_control_block)
{
	struct tls_image im = image(0, 0, 0);
	struct tls_layout l;

	ck_assert_int_eq(tls_layout(&im, 912, &l), 0);
	ck_assert_uint_eq(l.tp, 912);
	ck_assert_uint_eq(l.block, 928);
	ck_assert_uint_eq(l.copy, 0);
	ck_assert_uint_eq(l.zero, 0);
	ck_assert_uint_eq(l.end, 928);
}
END_TEST

START_TEST(tbss_only_is_zeroed_and_rounded)
{
	/* picolibc's errno alone: 4 bytes of .tbss. */
	struct tls_image im = image(0, 0, 4);
	struct tls_layout l;

	ck_assert_int_eq(tls_layout(&im, 912, &l), 0);
	ck_assert_uint_eq(l.block, 928);
	ck_assert_uint_eq(l.copy, 0);
	ck_assert_uint_eq(l.zero, 4);
	ck_assert_uint_eq(l.end, 944);
}
END_TEST

START_TEST(tdata_copied_then_gap_and_tbss_zeroed)
{
	/* 12 bytes of .tdata, .tbss 8-aligned after a 4-byte gap. */
	struct tls_image im = image(12, 4, 40);
	struct tls_layout l;

	ck_assert_int_eq(tls_layout(&im, 0, &l), 0);
	ck_assert_uint_eq(l.tp, 0);
	ck_assert_uint_eq(l.block, TLS_TCB_SIZE);
	ck_assert_uint_eq(l.copy, 12);
	ck_assert_uint_eq(l.zero, 44);
	/* 56 bytes rounded to 64, after the 16 of the control block. */
	ck_assert_uint_eq(l.end, 80);
}
END_TEST

START_TEST(unaligned_start_rounds_up)
{
	struct tls_image im = image(16, 0, 0);
	struct tls_layout l;
	size_t from;

	for (from = 897; from <= 912; from++) {
		ck_assert_int_eq(tls_layout(&im, from, &l), 0);
		ck_assert_uint_eq(l.tp, 912);
		ck_assert_uint_eq(l.tp % TLS_ALIGN, 0);
		ck_assert_uint_eq(l.end, 944);
	}
	ck_assert_int_eq(tls_layout(&im, 913, &l), 0);
	ck_assert_uint_eq(l.tp, 928);
}
END_TEST

START_TEST(broken_image_refused)
{
	struct tls_image im = image(8, 0, 8);
	struct tls_layout l = { .tp = 7 };

	im.tdata_start += 8;		/* not 16-aligned */
	ck_assert_int_eq(tls_layout(&im, 0, &l), -EINVAL);
	im = image(8, 0, 8);
	im.tdata_end = im.tdata_start - 16;
	ck_assert_int_eq(tls_layout(&im, 0, &l), -EINVAL);
	im = image(8, 0, 8);
	im.tbss_end = im.tdata_end - 1;
	ck_assert_int_eq(tls_layout(&im, 0, &l), -EINVAL);
	/* Nothing written on failure. */
	ck_assert_uint_eq(l.tp, 7);
}
END_TEST

START_TEST(overflow_refused)
{
	struct tls_image im = image(0, 0, 16);
	struct tls_layout l;

	ck_assert_int_eq(tls_layout(&im, SIZE_MAX - 3, &l), -ERANGE);
	ck_assert_int_eq(tls_layout(&im, SIZE_MAX - 31, &l), -ERANGE);
	/* The largest start that still fits: 16 + 16 bytes after it. */
	ck_assert_int_eq(tls_layout(&im, SIZE_MAX - 47, &l), 0);
	ck_assert_uint_eq(l.end, SIZE_MAX - 15);
	im.tdata_start = 0;
	im.tdata_end = 0;
	im.tbss_end = UINTPTR_MAX - 3;
	ck_assert_int_eq(tls_layout(&im, 0, &l), -ERANGE);
}
END_TEST

Suite *tls_layout_suite(void)
{
	Suite *s = suite_create("tls-layout");
	TCase *tc = tcase_create("layout");

	tcase_add_test(tc, no_tls_still_gives_a_control_block);
	tcase_add_test(tc, tbss_only_is_zeroed_and_rounded);
	tcase_add_test(tc, tdata_copied_then_gap_and_tbss_zeroed);
	tcase_add_test(tc, unaligned_start_rounds_up);
	tcase_add_test(tc, broken_image_refused);
	tcase_add_test(tc, overflow_refused);
	suite_add_tcase(s, tc);
	return s;
}
