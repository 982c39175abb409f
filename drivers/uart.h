/*
 * UART consoles.  A driver lists the compatible strings it handles (of
 * those fdt/bindings.c knows as UARTs; see drivers/gic.h for why both);
 * uart.c's table is tried in order.  The console is the UART
 * /chosen/stdout-path names, else the first one found.
 */
#ifndef DRIVERS_UART_H
#define DRIVERS_UART_H

#include "fdt/platform.h"
#include "kernel/printk.h"

struct uart_driver {
	const char *name;
	const char *compatibles;	/* drivers/compatible.h */
	/* Start it and return its console, or NULL. */
	const struct console *(*start)(const struct platform_uart *u);
};

/* The first driver in uart.c's table that can drive u, or NULL. */
const struct uart_driver *uart_driver_for(const struct platform_uart *u);

/* The chosen UART's console, started; NULL if there is none. */
const struct console *uart_console_start(const struct platform *p);

#endif
