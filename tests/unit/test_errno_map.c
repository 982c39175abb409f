/*
 * lib/errno_map.c, between the kernel's error numbers and a program's.
 * Built on the host, the program's side is the host's <errno.h>, not
 * picolibc's: what this checks is the table's shape.  Every number
 * kernel/errno.h defines (read from the header) has a program number of
 * its own that maps back to it and is named as in the header; success
 * is 0; what either side has no pair for becomes EIO.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "helpers.h"

#include "lib/errno_map.h"

START_TEST(every_kernel_number_round_trips)
{
	FILE *f = fopen("kernel/errno.h", "r");
	char line[200], name[64], *end;
	unsigned int count = 0;
	long number;
	int at, program;

	ck_assert_msg(f != NULL, "kernel/errno.h: run from the repo root");
	while (fgets(line, sizeof(line), f)) {
		at = 0;
		if (sscanf(line, "#define %63s %n", name, &at) != 1 ||
		    name[0] != 'E' || !at)
			continue;
		number = strtol(line + at, &end, 10);
		if (end == line + at)
			continue;
		program = errno_from_kernel((int)-number);
		ck_assert_int_gt(program, 0);
		ck_assert_int_eq(errno_to_kernel(program), -number);
		ck_assert_str_eq(errno_text(program), name);
		count++;
	}
	fclose(f);
	/* kernel/errno.h holds 42 numbers now; fewer means the parse broke. */
	ck_assert_uint_ge(count, 42);
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
