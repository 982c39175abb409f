/*
 * Internal to lib/: the console's input line, edited as a terminal in
 * canonical mode edits it before a program reads it (POSIX termios
 * ICANON with ECHO, ECHOE, ECHOCTL, ICRNL and IUTF8, as Linux's default
 * for a terminal).  Nothing else does it for us: `xl console` and a
 * serial line send raw keys and show only what the guest echoes, and a
 * program such as Lua's REPL reads its lines with fgets, leaving the
 * editing to the terminal.
 *
 *   Enter (CR or LF)   ends the line; the program reads it with '\n'
 *   Backspace or DEL   erases the last character (a whole UTF-8 one)
 *   Ctrl-U             erases the line
 *   Ctrl-D             on an empty line, end of input (read gives 0);
 *                      after some text, hands that text over without '\n'
 *   another control    kept, echoed as ^X
 *
 * A line is at most TTY_LINE_MAX - 1 bytes and its '\n': past that,
 * keys are refused (echoed as BEL) until Enter, as Linux does.
 * Pure code (no console, no lock): lib/fd.c feeds it keys and reads it
 * under its own lock; the host unit tests run it.
 */
#ifndef LIB_TTY_LINE_H
#define LIB_TTY_LINE_H

#include <stdbool.h>
#include <stddef.h>

#define TTY_LINE_MAX	4096	/* Linux's N_TTY_BUF_SIZE */

struct tty_line {
	char buf[TTY_LINE_MAX];
	size_t len;	/* bytes typed, or of the finished line */
	size_t taken;	/* of a finished line, bytes already read */
	bool done;	/* finished: to be read, no more editing */
	bool eof;	/* Ctrl-D on an empty line: one end of input */
};

/* How a key shows on the terminal (the console's write). */
typedef void (*tty_echo_fn)(const char *s, size_t len);

/* An empty line; a zeroed struct is one too. */
void tty_line_init(struct tty_line *t);

/*
 * One key: edits the line and echoes it.  Returns true once the line is
 * finished (or end of input was typed): tty_line_take() then has
 * something, and keys are refused until it is all taken (the caller
 * leaves them in the console meanwhile).
 */
bool tty_line_key(struct tty_line *t, char c, tty_echo_fn echo);

/* Whether the line is finished and not yet all taken. */
bool tty_line_ready(const struct tty_line *t);

/*
 * Up to len bytes of the finished line, as read() gives a terminal's:
 * never past its end, so that the next read waits for the next line.
 * Returns the count; 0 at end of input (which it consumes: the next
 * line may follow) or when the line is not finished.
 */
size_t tty_line_take(struct tty_line *t, char *buf, size_t len);

#endif
