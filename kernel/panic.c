#include <stdarg.h>
#include <stdio.h>

#include "kernel/irq.h"
#include "kernel/panic.h"
#include "kernel/power.h"
#include "kernel/printk.h"

void panic(const char *fmt, ...)
{
	char buf[200];
	va_list ap;

	/* Kept: the other CPUs stop at their next kernel entry. */
	irq_save();
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	printk("PANIC: %s\n", buf);
	machine_stop(STOP_CRASH);
}
