#include <stdarg.h>
#include <stdio.h>

#include "boot/irqflags.h"
#include "kernel/printk.h"

#define LOG_SIZE	4096

/*
 * Owned by this file; every access is under irq_save().  The log keeps
 * the first LOG_SIZE bytes printed (the boot, with the discovered
 * platform), replayed to each newly chosen console: a console found late,
 * like the PV ring, then still shows the whole boot.
 */
static const struct console *console;
static const struct console *mirror;	/* also written, if set */
static char log_buf[LOG_SIZE];
static size_t log_len;

void console_set(const struct console *c)
{
	unsigned long flags = irq_save();

	if (c && c != console)
		c->write(log_buf, log_len);
	console = c;
	irq_restore(flags);
}

void console_set_mirror(const struct console *c)
{
	unsigned long flags = irq_save();

	mirror = c != console ? c : NULL;
	irq_restore(flags);
}

const struct console *console_get(void)
{
	return console;
}

void console_write(const char *s, size_t len)
{
	unsigned long flags = irq_save();
	size_t i;

	if (console)
		console->write(s, len);
	if (mirror)
		mirror->write(s, len);
	for (i = 0; i < len && log_len < LOG_SIZE; i++)
		log_buf[log_len++] = s[i];
	irq_restore(flags);
}

long console_read(char *buf, size_t len)
{
	long n = 0;

	if (console && console->read)
		n = console->read(buf, len);
	if (n == 0 && mirror && mirror->read)
		n = mirror->read(buf, len);
	return n;
}

int printk(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	/* A line cut short still ends, so the next does not run on. */
	if (n > (int)sizeof(buf) - 1) {
		n = sizeof(buf) - 1;
		buf[n - 1] = '\n';
	}
	console_write(buf, (size_t)n);
	return n;
}
