/* Formatting only: the kernel has no FILE. */
#ifndef KERNEL_LIBC_STDIO_H
#define KERNEL_LIBC_STDIO_H

#include <stdarg.h>
#include <stddef.h>

/* Conversions: d i u x X p s c %, flags 0 -, width, .precision, l ll z. */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));
int snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
