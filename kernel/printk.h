#ifndef KERNEL_PRINTK_H
#define KERNEL_PRINTK_H

#include <stddef.h>

/*
 * Where console output goes.  The start of the log is kept and replayed
 * to each console chosen later, so nothing printed early is lost.
 */
struct console {
	const char *name;
	void (*write)(const char *s, size_t len);
	/* Pending input, up to len bytes, without waiting; may be NULL. */
	long (*read)(char *buf, size_t len);
};

void console_set(const struct console *c);
/* A second console that gets everything written from now on. */
void console_set_mirror(const struct console *c);
const struct console *console_get(void);
void console_write(const char *s, size_t len);

/* Input from the console (or its mirror): bytes, 0 if none, < 0 error. */
long console_read(char *buf, size_t len);

int printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
