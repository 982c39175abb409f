/*
 * errno_name() (kernel/errno_name.c), which messages print errors with:
 * every number kernel/errno.h defines gives exactly its own name, read
 * from the header itself so that a number added there without a name
 * fails here; either sign gives the same name; a number without one
 * gives "error".
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

#include "kernel/errno.h"

/* Each "#define ENAME<space>NUMBER" line of kernel/errno.h (aliases such
 * as EWOULDBLOCK, defined by name, are left out); their count. */
static unsigned int check_header_names(void)
{
	FILE *f = fopen("kernel/errno.h", "r");
	char line[200], name[64], *end;
	unsigned int count = 0;
	long number;
	int at;

	ck_assert_msg(f != NULL, "kernel/errno.h: run from the repo root");
	while (fgets(line, sizeof(line), f)) {
		at = 0;
		if (sscanf(line, "#define %63s %n", name, &at) != 1 ||
		    name[0] != 'E' || !at)
			continue;
		number = strtol(line + at, &end, 10);
		if (end == line + at)
			continue;
		ck_assert_str_eq(errno_name(number), name);
		ck_assert_str_eq(errno_name(-number), name);
		count++;
	}
	fclose(f);
	return count;
}

START_TEST(every_header_number_named)
{
	/* kernel/errno.h holds 42 numbers now; fewer means the parse broke. */
	ck_assert_uint_ge(check_header_names(), 42);
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
