/*
 * lib/errno_map.c, between the kernel's error numbers and a program's.
 * Built on the host, the program's side is the host's <errno.h>, not
 * picolibc's: what this checks is the table's shape.  Every number
 * kernel/errno.h defines (read from the header) has a program number of
 * its own that maps back to it and is named as in the header; success
 * is 0; what either side has no pair for becomes EIO.
 */
#include <errno.h>

#include "helpers.h"

#include "lib/errno_map.h"

/* Each of kernel/errno.h's numbers has a program number that maps back
 * to it and is named as in the header. */
static void check_round_trip(const char *name, long number)
{
	int program = errno_from_kernel((int)-number);

	ck_assert_int_gt(program, 0);
	ck_assert_int_eq(errno_to_kernel(program), -number);
	ck_assert_str_eq(errno_text(program), name);
}

START_TEST(every_kernel_number_round_trips)
{
	/* kernel/errno.h holds 42 numbers now; fewer means the parse broke. */
	ck_assert_uint_ge(each_kernel_errno(check_round_trip), 42);
}
END_TEST

START_TEST(success_is_zero)
{
	ck_assert_int_eq(errno_from_kernel(0), 0);
	ck_assert_int_eq(errno_from_kernel(4096), 0);
}
END_TEST

START_TEST(unpaired_is_eio)
{
	/* EINTR and EDOM: neither is in kernel/errno.h. */
	ck_assert_int_eq(errno_from_kernel(-EINTR), EIO);
	ck_assert_int_eq(errno_from_kernel(-255), EIO);
	ck_assert_int_eq(errno_from_kernel(-256 - EINVAL), EIO);
	ck_assert_int_eq(errno_to_kernel(EDOM), errno_to_kernel(EIO));
	ck_assert_int_eq(errno_to_kernel(256 + EINVAL), errno_to_kernel(EIO));
	ck_assert_int_eq(errno_to_kernel(0), errno_to_kernel(EIO));
	ck_assert_str_eq(errno_text(EDOM), "EIO");
}
END_TEST

Suite *errno_map_suite(void)
{
	Suite *s = suite_create("errno_map");
	TCase *tc = tcase_create("pairs");

	tcase_add_test(tc, every_kernel_number_round_trips);
	tcase_add_test(tc, success_is_zero);
	tcase_add_test(tc, unpaired_is_eio);
	suite_add_tcase(s, tc);
	return s;
}
