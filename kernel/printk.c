#include <stdarg.h>
#include <stdio.h>

#include "kernel/irq.h"
#include "kernel/printk.h"

#define EARLY_LOG_SIZE	2048

/* Owned by this file; every access is under irq_save(). */
static const struct console *console;
static char early_log[EARLY_LOG_SIZE];
static size_t early_len;

void console_set(const struct console *c)
{
	unsigned long flags = irq_save();

	console = c;
	if (c && early_len)
		c->write(early_log, early_len);
	early_len = 0;
	irq_restore(flags);
}

const struct console *console_get(void)
{
	return console;
}

void console_write(const char *s, size_t len)
{
	unsigned long flags = irq_save();

	if (console) {
		console->write(s, len);
	} else {
		while (len-- && early_len < EARLY_LOG_SIZE)
			early_log[early_len++] = *s++;
	}
	irq_restore(flags);
}

int printk(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(buf) - 1)
		n = sizeof(buf) - 1;
	console_write(buf, (size_t)n);
	return n;
}
