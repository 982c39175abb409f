/*
 * errno_name() (kernel/errno_name.c), which messages print errors with:
 * every number kernel/errno.h defines gives exactly its own name, read
 * from the header itself so that a number added there without a name
 * fails here; either sign gives the same name; a number without one
 * gives "error".
 */
#include <limits.h>

#include "helpers.h"

#include "kernel/errno.h"

/* Either sign of each of kernel/errno.h's numbers gives its name. */
static void check_name(const char *name, long number)
{
	ck_assert_str_eq(errno_name(number), name);
	ck_assert_str_eq(errno_name(-number), name);
}

START_TEST(every_header_number_named)
{
	/* kernel/errno.h holds 42 numbers now; fewer means the parse broke. */
	ck_assert_uint_ge(each_kernel_errno(check_name), 42);
}
END_TEST

START_TEST(zero_and_known)
{
	ck_assert_str_eq(errno_name(0), "OK");
	ck_assert_str_eq(errno_name(-EINVAL), "EINVAL");
	ck_assert_str_eq(errno_name(EPERM), "EPERM");
	ck_assert_str_eq(errno_name(-EINPROGRESS), "EINPROGRESS");
	ck_assert_str_eq(errno_name(-EWOULDBLOCK), "EAGAIN");
}
END_TEST

START_TEST(unknown_is_error)
{
	static const long unknown[] = {
		4, -4, 8, 10, 116, 255, 256, 256 + EINVAL, -(256 + EPERM),
		1000, LONG_MAX, LONG_MIN, LONG_MIN + 1,
	};
	unsigned int i;

	for (i = 0; i < sizeof(unknown) / sizeof(unknown[0]); i++)
		ck_assert_str_eq(errno_name(unknown[i]), "error");
}
END_TEST

Suite *errno_name_suite(void)
{
	Suite *s = suite_create("errno_name");
	TCase *tc = tcase_create("names");

	tcase_add_test(tc, every_header_number_named);
	tcase_add_test(tc, zero_and_known);
	tcase_add_test(tc, unknown_is_error);
	suite_add_tcase(s, tc);
	return s;
}
