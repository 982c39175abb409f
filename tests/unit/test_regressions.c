/*
 * Inputs the fuzzers (tests/fuzz/) found crashing, kept as unit tests so
 * that the bug stays fixed.  Each test names the harness and the input.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

/*
 * fuzz_fdt_probe, crash-7fd6b28e20cdf995b9e44545c6826806488931e4: a valid
 * blob whose header claims version 10 (last_comp_version 0).
 * fdt_check_header() accepts versions 2 to 17, but for a version below 16
 * libfdt 1.6.1's fdt_get_name() expects the old full-path node names and
 * returns NULL when the root's name has no '/'; fdt_check_full() then
 * dereferences that NULL ("if (*name || len)").  The probe must refuse
 * such a blob before handing it to fdt_check_full().
 */
START_TEST(old_version_header)
{
	static const uint32_t versions[] = { 2, 3, 10, 15 };
	unsigned int i;

	for (i = 0; i < sizeof(versions) / sizeof(versions[0]); i++) {
		struct platform p;
		size_t size;
		void *blob = load_file(QEMU_DTB("virt-gicv3-smp1-512M"), &size);
		int rc;

		put_be32(blob, 20, versions[i]);	/* version */
		put_be32(blob, 24, 0);		/* last_comp_version */
		rc = fdt_probe(blob, size, &p);
		ck_assert_msg(rc < 0, "version %u: fdt_probe returned %d",
			      versions[i], rc);
		ck_assert_uint_eq(p.error_count, 1);
		check_errors_sane(&p);
		ck_assert_ptr_nonnull(strstr(p.errors[0],
					     "not a usable device tree"));
		free(blob);
	}
}
END_TEST

/*
 * fuzz_fdt_probe, timeout-1ec0a3994e31b78b4b52bed53970c71e63d78560 (kept
 * as tests/data/fuzz/fdt_probe-root-parent.dtb): fdt/dt_read.c's parent
 * cache gave the root a parent read from an unset stack slot (libfdt's
 * fdt_next_node() counts the root at depth 1 when started from -1), and
 * the walk up for interrupt-parent could then cycle forever.  The probe
 * must finish (Check's per-test timeout fails it otherwise) and report the
 * timer's missing controller.
 */
START_TEST(root_parent_cycle)
{
	struct platform p;
	size_t size;
	void *blob = load_file("tests/data/fuzz/fdt_probe-root-parent.dtb",
			       &size);
	unsigned int i;
	bool named = false;

	fdt_probe(blob, size, &p);
	check_errors_sane(&p);
	for (i = 0; i < p.error_count; i++)
		if (strstr(p.errors[i], "no interrupt controller"))
			named = true;
	ck_assert_msg(named, "no 'no interrupt controller' error");
	ck_assert_ptr_nonnull(platform_unbootable_reason(&p));
	free(blob);
}
END_TEST

Suite *regressions_suite(void)
{
	Suite *s = suite_create("fuzz regressions");
	TCase *tc = tcase_create("fdt_probe");

	tcase_add_test(tc, old_version_header);
	tcase_add_test(tc, root_parent_cycle);
	suite_add_tcase(s, tc);
	return s;
}
