/*
 * Disk names from XenStore's virtual-device numbers (frontends/vbd_name.c), as
 * Xen's docs/misc/vbd-interface.txt encodes them and xl's vdev= names.
 */
#include <errno.h>
#include <string.h>

#include "helpers.h"
#include "frontends/vbd_name.h"

START_TEST(names_as_xl_spells_them)
{
	static const struct {
		uint32_t vdev;
		const char *name;
	} cases[] = {
		{ 51712, "xvda" },			/* 202 << 8 */
		{ 51728, "xvdb" },
		{ 51744, "xvdc" },
		{ 51713, "xvda1" },
		{ 51952, "xvdp" },			/* disk 15 */
		{ 1u << 28 | 16 << 8, "xvdq" },		/* extended */
		{ 1u << 28 | 26 << 8, "xvdaa" },
		{ 1u << 28 | 27 << 8 | 3, "xvdab3" },
		{ 1u << 28 | 701 << 8, "xvdzz" },
		{ 1u << 28 | 702 << 8, "xvdaaa" },
		{ 8 << 8 | 16, "sdb" },
		{ 3 << 8, "hda" },
		{ 3 << 8 | 64 | 2, "hdb2" },
		{ 22 << 8, "hdc" },
		{ 22 << 8 | 64, "hdd" },
	};
	char buf[16];
	unsigned int i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ck_assert_int_eq(vbd_name(cases[i].vdev, buf, sizeof(buf)),
				 (int)strlen(cases[i].name));
		ck_assert_str_eq(buf, cases[i].name);
	}
}
END_TEST

START_TEST(numbers_that_name_no_disk)
{
	char buf[16];

	ck_assert_int_eq(vbd_name(0, buf, sizeof(buf)), -EINVAL);
	ck_assert_int_eq(vbd_name(7 << 8, buf, sizeof(buf)), -EINVAL);
	ck_assert_int_eq(vbd_name(3u << 28, buf, sizeof(buf)), -EINVAL);
	ck_assert_int_eq(vbd_name(0xffffffffu, buf, sizeof(buf)), -EINVAL);
}
END_TEST

START_TEST(longest_name_fits_or_is_refused)
{
	char buf[16];

	/* Disk 0xfffff: five letters. */
	ck_assert_int_eq(vbd_name(1u << 28 | 0xfffff << 8 | 255, buf,
				  sizeof(buf)), 11);
	ck_assert_int_eq(vbd_name(51712, buf, 4), -ENAMETOOLONG);
}
END_TEST

Suite *vbd_name_suite(void)
{
	Suite *s = suite_create("vbd_name");
	TCase *tc = tcase_create("names");

	tcase_add_test(tc, names_as_xl_spells_them);
	tcase_add_test(tc, numbers_that_name_no_disk);
	tcase_add_test(tc, longest_name_fits_or_is_refused);
	suite_add_tcase(s, tc);
	return s;
}
