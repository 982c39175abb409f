/*
 * Xen's GNTST statuses turned into errno values (xen/gnttab_status.c),
 * so that a grant-op failure never reads as a different errno: the raw
 * GNTST_bad_gntref (-3) is -ESRCH's number, GNTST_general_error (-1)
 * -EPERM's.
 */
#include <errno.h>
#include <string.h>

#include "helpers.h"
#include "xen/gnttab_status.h"

#include <xen/xen.h>
#include <xen/grant_table.h>

/* The table in xen/gnttab_status.h, row by row. */
static const struct {
	int16_t status;
	int err;
	const char *name;
} table[] = {
	{ GNTST_okay, 0, "okay" },
	{ GNTST_general_error, -EIO, "undefined error" },
	{ GNTST_bad_domain, -ESRCH, "unrecognised domain id" },
	{ GNTST_bad_gntref, -EINVAL, "invalid grant reference" },
	{ GNTST_bad_handle, -EBADF, "invalid mapping handle" },
	{ GNTST_bad_virt_addr, -EFAULT, "invalid virtual address" },
	{ GNTST_bad_dev_addr, -EFAULT, "invalid device address" },
	{ GNTST_no_device_space, -ENOSPC,
	  "no spare translation slot in the I/O MMU" },
	{ GNTST_permission_denied, -EACCES, "permission denied" },
	{ GNTST_bad_page, -EFAULT, "bad page" },
	{ GNTST_bad_copy_arg, -EINVAL, "copy arguments cross page boundary" },
	{ GNTST_address_too_big, -ERANGE, "page address size too large" },
	{ GNTST_eagain, -EAGAIN, "operation not done; try again" },
	{ GNTST_no_space, -ENOSPC, "out of space" },
};

#define ROWS (sizeof(table) / sizeof(table[0]))

START_TEST(each_status_has_its_errno_and_name)
{
	unsigned int i;

	for (i = 0; i < ROWS; i++) {
		ck_assert_int_eq(gnttab_status_errno(table[i].status),
				 table[i].err);
		ck_assert_str_eq(gnttab_status_name(table[i].status),
				 table[i].name);
	}
}
END_TEST

/* Every status Xen defines is in the table: 0 down to the last one. */
START_TEST(table_covers_every_status)
{
	unsigned int i;

	for (i = 0; i < ROWS; i++)
		ck_assert_int_eq(table[i].status, -(int)i);
	ck_assert_str_eq(gnttab_status_name((int16_t)-(int)ROWS),
			 "unknown grant status");
}
END_TEST

/* The names are Xen's own (grant_table.h), for every status it names. */
START_TEST(names_are_xens)
{
	static const char *const xen_names[] = GNTTABOP_error_msgs;
	unsigned int i;

	for (i = 0; i < sizeof(xen_names) / sizeof(xen_names[0]); i++)
		ck_assert_str_eq(gnttab_status_name((int16_t)-(int)i),
				 xen_names[i]);
	ck_assert_str_eq(gnttab_status_name((int16_t)-(int)i),
			 "unknown grant status");
}
END_TEST

/* The collisions the translation exists for. */
START_TEST(no_status_passes_through_as_an_errno)
{
	ck_assert_int_ne(gnttab_status_errno(GNTST_bad_gntref), -ESRCH);
	ck_assert_int_ne(gnttab_status_errno(GNTST_general_error), -EPERM);
	ck_assert_int_ne(gnttab_status_errno(GNTST_bad_virt_addr), -EIO);
}
END_TEST

START_TEST(unknown_status_is_eio)
{
	static const int16_t unknown[] = { -14, -100, 1, 22, INT16_MIN,
					   INT16_MAX };
	unsigned int i;

	for (i = 0; i < sizeof(unknown) / sizeof(unknown[0]); i++) {
		ck_assert_int_eq(gnttab_status_errno(unknown[i]), -EIO);
		ck_assert_str_eq(gnttab_status_name(unknown[i]),
				 "unknown grant status");
	}
}
END_TEST

Suite *gnttab_status_suite(void)
{
	Suite *s = suite_create("gnttab-status");
	TCase *tc = tcase_create("status");

	tcase_add_test(tc, each_status_has_its_errno_and_name);
	tcase_add_test(tc, table_covers_every_status);
	tcase_add_test(tc, names_are_xens);
	tcase_add_test(tc, no_status_passes_through_as_an_errno);
	tcase_add_test(tc, unknown_status_is_eio);
	suite_add_tcase(s, tc);
	return s;
}
