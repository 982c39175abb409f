/*
 * Crafted trees (tests/data/crafted/) whose values, taken as they are,
 * would make the kernel hand out a page twice, map Xen's frames over its
 * own memory or index GIC registers out of range.  The probe must fix
 * them up or refuse them by name.
 */
#include <string.h>

#include "helpers.h"

static void assert_region(struct region r, uint64_t base, uint64_t size)
{
	ck_assert_uint_eq(r.base, base);
	ck_assert_uint_eq(r.size, size);
}

START_TEST(ram_overlap_merged)
{
	struct platform p;
	unsigned int i;

	probe_file(CRAFTED_DTB("ram-overlap"), &p);
	ck_assert_uint_eq(p.ram_count, 3);
	assert_region(p.ram[0], 0x20000000, 0x1000000);
	assert_region(p.ram[1], 0x40000000, 0x22000000);
	assert_region(p.ram[2], 0x80000000, 0x1000000);
	for (i = 1; i < p.ram_count; i++)
		ck_assert_uint_gt(p.ram[i].base,
				  p.ram[i - 1].base + p.ram[i - 1].size);
	ck_assert(has_error(&p, "/memory@fffffffffffff000: RAM bank "
			    "0xfffffffffffff000 size 0x2000 wraps around"));
	ck_assert_uint_eq(p.error_count, 1);
	ck_assert_ptr_null(platform_unbootable_reason(&p));
}
END_TEST

Suite *probe_hostile_suite(void)
{
	Suite *s = suite_create("probe-hostile");
	TCase *tc = tcase_create("crafted");

	tcase_add_test(tc, ram_overlap_merged);
	suite_add_tcase(s, tc);
	return s;
}
