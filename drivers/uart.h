/*
 * UART consoles.  A driver declares the DT binding kinds it handles; the
 * console is the UART /chosen/stdout-path names, else the first one found.
 */
#ifndef DRIVERS_UART_H
#define DRIVERS_UART_H

#include "fdt/platform.h"
#include "kernel/printk.h"

struct uart_driver {
	const char *name;
	enum uart_kind kinds[2];
	/* Start it and return its console, or NULL. */
	const struct console *(*start)(const struct platform_uart *u);
};

extern const struct uart_driver pl011_driver;

/* The chosen UART's console, started; NULL if there is none. */
const struct console *uart_console_start(const struct platform *p);

#endif
