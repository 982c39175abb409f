#ifndef KERNEL_PANIC_H
#define KERNEL_PANIC_H

/* Print why, then stop the machine as a crash (see power.h). */
void panic(const char *fmt, ...)
	__attribute__((noreturn, format(printf, 1, 2)));

#endif
