/*
 * lib/tty_line.c: the console's input line, edited and echoed as a
 * terminal in canonical mode does before a program reads it.
 */
#include <string.h>

#include "lib/tty_line.h"
#include "helpers.h"

/* What the keys echoed, for the test to compare. */
static char echoed[8192];
static size_t echoed_len;

static void echo(const char *s, size_t len)
{
	ck_assert_uint_le(echoed_len + len, sizeof(echoed));
	memcpy(echoed + echoed_len, s, len);
	echoed_len += len;
}

/* Type each byte of keys[0..n), as the console hands them over. */
static bool type(struct tty_line *t, const char *keys, size_t n)
{
	bool done = false;
	size_t i;

	for (i = 0; i < n; i++)
		done = tty_line_key(t, keys[i], echo);
	return done;
}

#define TYPE(t, keys) type(t, keys, sizeof(keys) - 1)

static void setup(void)
{
	echoed_len = 0;
}

/* Take the finished line and compare it, and the echo, with what is
 * expected. */
static void expect(struct tty_line *t, const char *line, const char *shown)
{
	char buf[TTY_LINE_MAX + 1];
	size_t n = tty_line_take(t, buf, sizeof(buf));

	ck_assert_uint_eq(n, strlen(line));
	ck_assert_mem_eq(buf, line, n);
	ck_assert_uint_eq(echoed_len, strlen(shown));
	ck_assert_mem_eq(echoed, shown, echoed_len);
	ck_assert(!tty_line_ready(t));
}

START_TEST(enter_ends_the_line_with_newline)
{
	struct tty_line t = { 0 };

	ck_assert(!TYPE(&t, "print(6*7)"));
	ck_assert(!tty_line_ready(&t));
	ck_assert_uint_eq(tty_line_take(&t, (char[4]){ 0 }, 4), 0);
	ck_assert(TYPE(&t, "\r"));
	expect(&t, "print(6*7)\n", "print(6*7)\n");
	/* A newline (piped input) ends it too. */
	echoed_len = 0;
	ck_assert(TYPE(&t, "x\n"));
	expect(&t, "x\n", "x\n");
}
END_TEST

START_TEST(backspace_and_del_erase)
{
	struct tty_line t = { 0 };

	TYPE(&t, "ab\x7f" "c\b\bd\r");
	expect(&t, "d\n", "ab\b \bc\b \b\b \bd\n");
}
END_TEST

START_TEST(erase_on_an_empty_line_shows_nothing)
{
	struct tty_line t = { 0 };

	TYPE(&t, "\x7f\x7f\r");
	expect(&t, "\n", "\n");
}
END_TEST

START_TEST(erase_takes_a_whole_utf8_character)
{
	struct tty_line t = { 0 };

	/* e-acute (2 bytes), the euro sign (3), then a stray continuation
	 * byte after ASCII, erased alone. */
	TYPE(&t, "x\xc3\xa9\xe2\x82\xac\x7f\x7f" "a\x80\x7f\r");
	expect(&t, "xa\n", "x\xc3\xa9\xe2\x82\xac\b \b\b \b" "a\x80\b \b\n");
}
END_TEST

START_TEST(control_keys_show_as_caret)
{
	struct tty_line t = { 0 };

	/* An arrow key is ESC [ A: kept, and erased as two columns. */
	TYPE(&t, "\x1b[A\x7f\x7f\x7f\tz\r");
	expect(&t, "\tz\n", "^[[A\b \b\b \b\b \b\b \b\tz\n");
}
END_TEST

START_TEST(ctrl_u_erases_the_line)
{
	struct tty_line t = { 0 };

	TYPE(&t, "ab\x15" "c\r");
	expect(&t, "c\n", "ab\b \b\b \bc\n");
}
END_TEST

START_TEST(ctrl_d_on_an_empty_line_is_end_of_input)
{
	struct tty_line t = { 0 };
	char buf[8];

	ck_assert(TYPE(&t, "\x04"));
	ck_assert(tty_line_ready(&t));
	ck_assert_uint_eq(tty_line_take(&t, buf, sizeof(buf)), 0);
	/* Consumed: the next line is read as usual. */
	ck_assert(!tty_line_ready(&t));
	TYPE(&t, "next\r");
	expect(&t, "next\n", "next\n");
}
END_TEST

START_TEST(ctrl_d_after_text_hands_it_over)
{
	struct tty_line t = { 0 };

	ck_assert(TYPE(&t, "ab\x04"));
	expect(&t, "ab", "ab");
}
END_TEST

START_TEST(a_line_is_taken_in_pieces_never_past_its_end)
{
	struct tty_line t = { 0 };
	char buf[2];

	TYPE(&t, "abcd\r");
	/* Keys while the line waits for its reader are refused: the
	 * console keeps them until then. */
	ck_assert(TYPE(&t, "zz"));
	ck_assert_uint_eq(tty_line_take(&t, buf, 2), 2);
	ck_assert_mem_eq(buf, "ab", 2);
	ck_assert_uint_eq(tty_line_take(&t, buf, 2), 2);
	ck_assert_mem_eq(buf, "cd", 2);
	ck_assert_uint_eq(tty_line_take(&t, buf, 2), 1);
	ck_assert_int_eq(buf[0], '\n');
	ck_assert(!tty_line_ready(&t));
	ck_assert_uint_eq(tty_line_take(&t, buf, 2), 0);
}
END_TEST

START_TEST(a_full_line_refuses_keys_but_not_enter)
{
	struct tty_line t = { 0 };
	static char keys[TTY_LINE_MAX + 1], line[TTY_LINE_MAX + 1];
	char shown[TTY_LINE_MAX + 3];

	memset(keys, 'k', TTY_LINE_MAX + 1);
	ck_assert(!type(&t, keys, TTY_LINE_MAX + 1));
	ck_assert(TYPE(&t, "\r"));
	memset(line, 'k', TTY_LINE_MAX - 1);
	line[TTY_LINE_MAX - 1] = '\n';
	/* 4095 echoed, the last two refused with a bell each. */
	memset(shown, 'k', TTY_LINE_MAX - 1);
	memcpy(shown + TTY_LINE_MAX - 1, "\a\a\n", 3);
	shown[TTY_LINE_MAX + 2] = '\0';
	expect(&t, line, shown);
}
END_TEST

Suite *tty_line_suite(void)
{
	Suite *s = suite_create("tty_line");
	TCase *tc = tcase_create("edit");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, enter_ends_the_line_with_newline);
	tcase_add_test(tc, backspace_and_del_erase);
	tcase_add_test(tc, erase_on_an_empty_line_shows_nothing);
	tcase_add_test(tc, erase_takes_a_whole_utf8_character);
	tcase_add_test(tc, control_keys_show_as_caret);
	tcase_add_test(tc, ctrl_u_erases_the_line);
	tcase_add_test(tc, ctrl_d_on_an_empty_line_is_end_of_input);
	tcase_add_test(tc, ctrl_d_after_text_hands_it_over);
	tcase_add_test(tc, a_line_is_taken_in_pieces_never_past_its_end);
	tcase_add_test(tc, a_full_line_refuses_keys_but_not_enter);
	suite_add_tcase(s, tc);
	return s;
}
