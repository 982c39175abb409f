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
#include "lib/fd.h"

#define STDOUT_LINE	128

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

/* One byte of the console's input (lib/fd.c), or end of input. */
static int stdin_get(FILE *f)
{
	int c = fd_console_getc();

	(void)f;
	return c < 0 ? _FDEV_EOF : c;
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
