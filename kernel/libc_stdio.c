/*
 * picolibc's stdin, stdout and stderr (tinystdio FILEs) on the console,
 * for programs; the kernel itself prints with printk.
 *
 * stdout is line-buffered in each thread's own TLS buffer: no lock, and
 * lines of two threads never interleave.  stderr is unbuffered, so that
 * what assert() and abort() print is out before the machine stops.  Not
 * from interrupt handlers: they would write into the interrupted
 * thread's line (printk is for them).
 */
#include <stdio.h>

#include "kernel/printk.h"
#include "kernel/thread.h"

#define STDOUT_LINE	128
#define STDIN_POLL_MS	10	/* as apps/shell.c polls: no input IRQ yet */

struct stdout_line {
	size_t len;
	char buf[STDOUT_LINE];
};

/* The calling thread's pending stdout line; only that thread touches it. */
static __thread struct stdout_line stdout_line;

static int stdout_flush(FILE *f)
{
	(void)f;
	console_write(stdout_line.buf, stdout_line.len);
	stdout_line.len = 0;
	return 0;
}

static int stdout_put(char c, FILE *f)
{
	stdout_line.buf[stdout_line.len++] = c;
	if (c == '\n' || stdout_line.len == sizeof(stdout_line.buf))
		stdout_flush(f);
	return (unsigned char)c;
}

static int stderr_put(char c, FILE *f)
{
	(void)f;
	console_write(&c, 1);
	return (unsigned char)c;
}

/* One byte, waiting for it; a terminal sends CR for Enter, and C programs
 * expect '\n' (a tty's ICRNL). */
static int stdin_get(FILE *f)
{
	char c;
	long n;

	(void)f;
	while ((n = console_read(&c, 1)) == 0)
		thread_sleep_ms(STDIN_POLL_MS);
	if (n < 0)
		return _FDEV_ERR;
	return c == '\r' ? '\n' : (unsigned char)c;
}

static FILE console_stdin =
	FDEV_SETUP_STREAM(NULL, stdin_get, NULL, _FDEV_SETUP_READ);
static FILE console_stdout =
	FDEV_SETUP_STREAM(stdout_put, NULL, stdout_flush, _FDEV_SETUP_WRITE);
static FILE console_stderr =
	FDEV_SETUP_STREAM(stderr_put, NULL, NULL, _FDEV_SETUP_WRITE);

FILE *const stdin = &console_stdin;
FILE *const stdout = &console_stdout;
FILE *const stderr = &console_stderr;
