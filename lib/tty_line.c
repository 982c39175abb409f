#include <string.h>

#include "lib/tty_line.h"

#define KEY_ERASE	0x7f	/* what Backspace sends */
#define KEY_BACKSPACE	'\b'	/* Ctrl-H, the other erase */
#define KEY_KILL	0x15	/* Ctrl-U */
#define KEY_EOF		0x04	/* Ctrl-D */

static bool is_control(unsigned char c)
{
	return (c < 0x20 && c != '\t') || c == KEY_ERASE;
}

static bool is_utf8_continuation(unsigned char c)
{
	return (c & 0xc0) == 0x80;
}

void tty_line_init(struct tty_line *t)
{
	t->len = 0;
	t->taken = 0;
	t->done = false;
	t->eof = false;
}

/* Erase the last character: one UTF-8 sequence, or a control key, which
 * was echoed as two columns (^X).  A tab's erase moves back one column
 * only: the column it started from is not kept. */
static void erase_one(struct tty_line *t, tty_echo_fn echo)
{
	unsigned char c;

	if (t->len == 0)
		return;
	/* Back to the sequence's first byte; a stray continuation byte
	 * after ASCII goes alone. */
	c = (unsigned char)t->buf[--t->len];
	while (is_utf8_continuation(c) && t->len > 0 &&
	       (unsigned char)t->buf[t->len - 1] >= 0x80)
		c = (unsigned char)t->buf[--t->len];
	echo("\b \b", 3);
	if (is_control(c))
		echo("\b \b", 3);
}

static void store(struct tty_line *t, char c, tty_echo_fn echo)
{
	char caret[2] = { '^', (char)((unsigned char)c ^ 0x40) };

	/* The last byte is kept for the line's '\n'. */
	if (t->len >= TTY_LINE_MAX - 1) {
		echo("\a", 1);
		return;
	}
	t->buf[t->len++] = c;
	if (is_control((unsigned char)c))
		echo(caret, sizeof(caret));
	else
		echo(&c, 1);
}

bool tty_line_key(struct tty_line *t, char c, tty_echo_fn echo)
{
	if (t->done)
		return true;
	switch (c) {
	case '\r':	/* ICRNL: a terminal sends CR for Enter */
	case '\n':
		t->buf[t->len++] = '\n';
		echo("\n", 1);	/* the console writes it as CR LF */
		t->done = true;
		break;
	case KEY_ERASE:
	case KEY_BACKSPACE:
		erase_one(t, echo);
		break;
	case KEY_KILL:
		while (t->len > 0)
			erase_one(t, echo);
		break;
	case KEY_EOF:
		t->eof = t->len == 0;
		t->done = true;
		break;
	default:
		store(t, c, echo);
		break;
	}
	return t->done;
}

bool tty_line_ready(const struct tty_line *t)
{
	return t->done;
}

size_t tty_line_take(struct tty_line *t, char *buf, size_t len)
{
	size_t n;

	if (!t->done)
		return 0;
	if (t->eof) {
		tty_line_init(t);
		return 0;
	}
	n = t->len - t->taken;
	if (n > len)
		n = len;
	memcpy(buf, t->buf + t->taken, n);
	t->taken += n;
	if (t->taken == t->len)
		tty_line_init(t);
	return n;
}
