#ifndef XEN_CONSOLE_IO_H
#define XEN_CONSOLE_IO_H

#include "kernel/printk.h"

const struct console *xen_console_io(void);

#endif
