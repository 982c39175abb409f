#ifndef XEN_CONSOLE_IO_H
#define XEN_CONSOLE_IO_H

#include "kernel/printk.h"

#include <stdbool.h>

/* The console_io console (never NULL; writes Xen refuses are dropped). */
const struct console *xen_console_io(void);
/* False where Xen refuses this guest console_io (XSM, e.g. xl guests). */
bool xen_console_io_allowed(void);

#endif
