/*
 * Broken blobs made at run time from a real QEMU DTB.  fdt_probe() must
 * refuse each with a negative libfdt error and an error message, and must
 * never read outside the buffer it was given (every buffer here is
 * malloc'ed to exactly blob_size so that ASan catches an overread).
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include "helpers.h"

#include "fdt/dt_read.h"

#define BASE_DTB	QEMU_DTB("virt-gicv3-smp4-3G")

static void *copy_of(const void *src, size_t size)
{
	void *copy = malloc(size > 0 ? size : 1);

	ck_assert_ptr_nonnull(copy);
	memcpy(copy, src, size);
	return copy;
}

/* Probe blob (size bytes) and require a clean refusal. */
static void assert_refused(const void *blob, size_t size, const char *what)
{
	struct platform p;
	int rc;

	memset(&p, 0, sizeof(p));
	rc = fdt_probe(blob, size, &p);
	ck_assert_msg(rc < 0, "%s: fdt_probe returned %d", what, rc);
	ck_assert_msg(p.error_count >= 1, "%s: no error recorded", what);
	check_errors_sane(&p);
	ck_assert_ptr_nonnull(platform_unbootable_reason(&p));
}

START_TEST(truncated_blob)
{
	size_t size, cut;
	void *orig = load_file(BASE_DTB, &size);
	static const size_t cuts[] = { 0, 1, 4, 39, 40, 64, 1000 };
	unsigned int i;

	/* Header still claims the full totalsize. */
	for (i = 0; i < sizeof(cuts) / sizeof(cuts[0]); i++) {
		void *blob = copy_of(orig, cuts[i]);

		assert_refused(blob, cuts[i], "truncated");
		free(blob);
	}
	cut = size / 2;
	{
		void *blob = copy_of(orig, cut);

		assert_refused(blob, cut, "half of the blob");
		/*
		 * And with totalsize patched to match: the strings block
		 * now lies past the end.
		 */
		put_be32(blob, 4, (uint32_t)cut);
		assert_refused(blob, cut, "half, totalsize patched");
		free(blob);
	}
	{
		void *blob = copy_of(orig, size - 1);

		assert_refused(blob, size - 1, "one byte short");
		free(blob);
	}
	free(orig);
}
END_TEST

START_TEST(bad_magic)
{
	size_t size;
	void *blob = load_file(BASE_DTB, &size);

	put_be32(blob, 0, 0xfeedd00d);
	assert_refused(blob, size, "bad magic");
	free(blob);
}
END_TEST

START_TEST(totalsize_beyond_buffer)
{
	size_t size;
	void *blob = load_file(BASE_DTB, &size);

	put_be32(blob, 4, (uint32_t)size + 4096);
	assert_refused(blob, size, "totalsize > buffer");
	put_be32(blob, 4, 0xffffffff);
	assert_refused(blob, size, "totalsize 4 GiB");
	free(blob);
}
END_TEST

START_TEST(bad_version)
{
	size_t size;
	void *blob = load_file(BASE_DTB, &size);

	put_be32(blob, 20, 1);		/* version */
	put_be32(blob, 24, 1);		/* last_comp_version */
	assert_refused(blob, size, "version 1");
	free(blob);
}
END_TEST

START_TEST(struct_block_out_of_range)
{
	size_t size;
	void *blob = load_file(BASE_DTB, &size);

	put_be32(blob, 8, (uint32_t)size);	/* off_dt_struct at the end */
	assert_refused(blob, size, "off_dt_struct past the end");
	free(blob);
}
END_TEST

/*
 * A valid header over a damaged structure block: the probe may accept or
 * refuse it but must not crash or read outside the buffer.  Overwrite
 * each 32-bit word of the structure block in turn with values that make
 * tags, lengths and name offsets wild.
 */
START_TEST(damaged_structure_no_crash)
{
	static const uint32_t poison[] = { 0xffffffff, 0x00000003,
					   0x7ffffff0, 0x00000009 };
	size_t size;
	void *orig = load_file(BASE_DTB, &size);
	uint32_t off = fdt_off_dt_struct(orig);
	uint32_t end = off + fdt_size_dt_struct(orig);
	struct platform p;
	struct report r;
	uint32_t o;
	unsigned int k;

	for (k = 0; k < sizeof(poison) / sizeof(poison[0]); k++) {
		for (o = off; o + 4 <= end; o += 4 * (k + 1)) {
			void *blob = copy_of(orig, size);
			int rc;

			put_be32(blob, o, poison[k]);
			memset(&p, 0, sizeof(p));
			rc = fdt_probe(blob, size, &p);
			free(blob);
			check_errors_sane(&p);
			if (rc < 0)
				ck_assert_uint_ge(p.error_count, 1);
			collect_report(&p, &r);
			(void)platform_board_name(&p);
			(void)platform_unbootable_reason(&p);
		}
	}
	free(orig);
}
END_TEST

/*
 * A property whose 32-bit length brings the walk back to the property's
 * own tag: libfdt before 1.7.0 then returned the offset it was given, and
 * fdt_check_full() looped forever (the hang the fuzzer found).  The tcase
 * timeout turns a regression into a failure rather than a stuck run.
 */
START_TEST(property_length_wraps)
{
	/* Tag (4) + len (4) + nameoff (4) + len == 0 modulo 2^32. */
	static const uint32_t lengths[] = { 0xfffffff4, 0xfffffff0,
					    0x80000000, 0xffffffff };
	size_t size;
	void *orig = load_file(BASE_DTB, &size);
	int prop = fdt_first_property_offset(orig, 0);
	uint32_t len_at = fdt_off_dt_struct(orig) + (uint32_t)prop + 4;
	unsigned int i;

	ck_assert_int_ge(prop, 0);
	for (i = 0; i < sizeof(lengths) / sizeof(lengths[0]); i++) {
		void *blob = copy_of(orig, size);

		put_be32(blob, len_at, lengths[i]);
		assert_refused(blob, size, "property length wraps");
		free(blob);
	}
	free(orig);
}
END_TEST

/*
 * stdout-path through aliases that are not absolute paths, one naming
 * itself: libfdt before 1.7.1 recursed without bound.  The probe names
 * the path it could not resolve and goes on.
 */
START_TEST(alias_loop)
{
	struct platform p;

	probe_file(CRAFTED_DTB("alias-loop"), &p);
	ck_assert_msg(has_error(&p, "stdout-path serial1:115200n8: no such "
				"node"), "no stdout-path error");
	ck_assert_int_eq(p.stdout_uart, -1);
	ck_assert_uint_eq(p.uart_count, 2);
	ck_assert_ptr_null(platform_unbootable_reason(&p));
}
END_TEST

/*
 * The refusal names libfdt's error as fdt_strerror() does (the boot
 * tests grep for it): dt_error_name() against libfdt's own table, for
 * every error it has and past both ends.
 */
START_TEST(error_names_match_libfdt)
{
	char text[64];
	int err;

	for (err = -1; err >= -FDT_ERR_MAX; err--) {
		ck_assert_ptr_nonnull(dt_error_name(err));
		snprintf(text, sizeof(text), "FDT_ERR_%s", dt_error_name(err));
		ck_assert_str_eq(text, fdt_strerror(err));
	}
	ck_assert_ptr_null(dt_error_name(-FDT_ERR_MAX - 1));
	ck_assert_ptr_null(dt_error_name(0));
	ck_assert_ptr_null(dt_error_name(1));
	ck_assert_ptr_null(dt_error_name(-256 - FDT_ERR_NOTFOUND));
	ck_assert_ptr_null(dt_error_name(INT_MIN));
}
END_TEST

Suite *corrupt_suite(void)
{
	Suite *s = suite_create("corrupt");
	TCase *tc = tcase_create("blobs");

	tcase_set_timeout(tc, 120);	/* ASan + thousands of probes */
	tcase_add_test(tc, truncated_blob);
	tcase_add_test(tc, bad_magic);
	tcase_add_test(tc, totalsize_beyond_buffer);
	tcase_add_test(tc, bad_version);
	tcase_add_test(tc, struct_block_out_of_range);
	tcase_add_test(tc, damaged_structure_no_crash);
	suite_add_tcase(s, tc);

	tc = tcase_create("libfdt-1.6-bugs");
	tcase_set_timeout(tc, 10);
	tcase_add_test(tc, property_length_wraps);
	tcase_add_test(tc, alias_loop);
	tcase_add_test(tc, error_names_match_libfdt);
	suite_add_tcase(s, tc);
	return s;
}
