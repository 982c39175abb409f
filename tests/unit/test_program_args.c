/*
 * kernel/program_args.c: a program's argv and environment from bootargs
 * (what `extra=` or the DT's bootargs say), and kernel/bootargs.c leaving
 * the words after "--" to the program.
 */
#include <string.h>

#include "kernel/bootargs.h"
#include "kernel/errno.h"
#include "kernel/program_args.h"
#include "helpers.h"

#define SLOTS 16

static struct program_args split(const char *args, char *buf, size_t size,
				 char **slots, int *err)
{
	struct program_args a = { 0 };

	*err = program_args_split(args, "prog", buf, size, slots, SLOTS, &a);
	return a;
}

START_TEST(words_after_dashes_are_argv)
{
	char buf[128], *slots[SLOTS];
	int err;
	struct program_args a = split("app=x ip=10.0.0.2/24 -- one two", buf,
				      sizeof(buf), slots, &err);

	ck_assert_int_eq(err, 0);
	ck_assert_int_eq(a.argc, 3);
	ck_assert_str_eq(a.argv[0], "prog");
	ck_assert_str_eq(a.argv[1], "one");
	ck_assert_str_eq(a.argv[2], "two");
	ck_assert_ptr_null(a.argv[3]);
	ck_assert_str_eq(a.envp[0], "app=x");
	ck_assert_str_eq(a.envp[1], "ip=10.0.0.2/24");
	ck_assert_ptr_null(a.envp[2]);
}
END_TEST

START_TEST(no_dashes_no_arguments)
{
	char buf[128], *slots[SLOTS];
	int err;
	struct program_args a = split("loglevel=debug quiet GREETING=hi there",
				      buf, sizeof(buf), slots, &err);

	ck_assert_int_eq(err, 0);
	ck_assert_int_eq(a.argc, 1);
	ck_assert_ptr_null(a.argv[1]);
	/* Words without '=' (or starting with it) are not environment. */
	ck_assert_str_eq(a.envp[0], "loglevel=debug");
	ck_assert_str_eq(a.envp[1], "GREETING=hi");
	ck_assert_ptr_null(a.envp[2]);
}
END_TEST

START_TEST(quotes_keep_spaces_and_go)
{
	char buf[128], *slots[SLOTS];
	int err;
	struct program_args a = split("MSG=\"a b\" -- -e 'print(6 * 7)' x\"y z\"",
				      buf, sizeof(buf), slots, &err);

	ck_assert_int_eq(err, 0);
	ck_assert_int_eq(a.argc, 4);
	ck_assert_str_eq(a.argv[1], "-e");
	ck_assert_str_eq(a.argv[2], "print(6 * 7)");
	ck_assert_str_eq(a.argv[3], "xy z");
	ck_assert_str_eq(a.envp[0], "MSG=a b");
}
END_TEST

START_TEST(later_dashes_and_env_words_are_arguments)
{
	char buf[128], *slots[SLOTS];
	int err;
	struct program_args a = split("-- a=b -- c", buf, sizeof(buf), slots,
				      &err);

	ck_assert_int_eq(err, 0);
	ck_assert_int_eq(a.argc, 4);
	ck_assert_str_eq(a.argv[1], "a=b");
	ck_assert_str_eq(a.argv[2], "--");
	ck_assert_str_eq(a.argv[3], "c");
	ck_assert_ptr_null(a.envp[0]);
}
END_TEST

START_TEST(many_env_words_keep_their_order)
{
	/* The environment is gathered at the back of slots and moved: with
	 * slots just big enough, the two places overlap. */
	const char *args = "A=1 B=2 C=3 D=4 E=5 -- x";
	char buf[128];
	char *slots[10];
	struct program_args a;

	ck_assert_uint_eq(program_args_slots(args), 10);
	ck_assert_int_eq(program_args_split(args, "p", buf, sizeof(buf), slots,
					    10, &a), 0);
	ck_assert_str_eq(a.argv[1], "x");
	ck_assert_str_eq(a.envp[0], "A=1");
	ck_assert_str_eq(a.envp[1], "B=2");
	ck_assert_str_eq(a.envp[2], "C=3");
	ck_assert_str_eq(a.envp[3], "D=4");
	ck_assert_str_eq(a.envp[4], "E=5");
	ck_assert_ptr_null(a.envp[5]);
}
END_TEST

START_TEST(too_small_or_open_quote_fails)
{
	const char *args = "-- one two three";
	char buf[64], *slots[SLOTS];
	struct program_args a;

	ck_assert_int_eq(program_args_split(args, "p", buf,
					    program_args_bytes(args, "p") - 1,
					    slots, SLOTS, &a), -E2BIG);
	ck_assert_int_eq(program_args_split(args, "p", buf, sizeof(buf), slots,
					    program_args_slots(args) - 1, &a),
			 -E2BIG);
	ck_assert_int_eq(program_args_split("-- 'open", "p", buf, sizeof(buf),
					    slots, SLOTS, &a), -EINVAL);
}
END_TEST

START_TEST(empty_and_null_bootargs)
{
	char buf[16], *slots[SLOTS];
	struct program_args a;

	ck_assert_int_eq(program_args_split(NULL, "p", buf, sizeof(buf), slots,
					    SLOTS, &a), 0);
	ck_assert_int_eq(a.argc, 1);
	ck_assert_ptr_null(a.envp[0]);
	ck_assert_int_eq(program_args_split("   ", "p", buf, sizeof(buf),
					    slots, SLOTS, &a), 0);
	ck_assert_int_eq(a.argc, 1);
}
END_TEST

START_TEST(bootarg_stops_at_dashes)
{
	char v[16];

	ck_assert(bootarg("ip=1 -- app=shell", "ip", v, sizeof(v)));
	ck_assert(!bootarg("ip=1 -- app=shell", "app", v, sizeof(v)));
	ck_assert(!bootarg("-- app=shell", "app", v, sizeof(v)));
	/* Only a lone "--": an option value may hold dashes. */
	ck_assert(bootarg("x=--y app=a", "app", v, sizeof(v)));
	ck_assert_str_eq(v, "a");
	ck_assert(bootarg("--x app=b", "app", v, sizeof(v)));
	ck_assert_str_eq(v, "b");
}
END_TEST

Suite *program_args_suite(void)
{
	Suite *s = suite_create("program_args");
	TCase *tc = tcase_create("split");

	tcase_add_test(tc, words_after_dashes_are_argv);
	tcase_add_test(tc, no_dashes_no_arguments);
	tcase_add_test(tc, quotes_keep_spaces_and_go);
	tcase_add_test(tc, later_dashes_and_env_words_are_arguments);
	tcase_add_test(tc, many_env_words_keep_their_order);
	tcase_add_test(tc, too_small_or_open_quote_fails);
	tcase_add_test(tc, empty_and_null_bootargs);
	tcase_add_test(tc, bootarg_stops_at_dashes);
	suite_add_tcase(s, tc);
	return s;
}
