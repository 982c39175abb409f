#include <stddef.h>

#include "drivers/uart.h"

static const struct uart_driver *const uart_drivers[] = {
	&pl011_driver,
};

static const struct uart_driver *driver_for(enum uart_kind kind)
{
	unsigned int i, k;

	for (i = 0; i < sizeof(uart_drivers) / sizeof(uart_drivers[0]); i++)
		for (k = 0; k < 2; k++)
			if (uart_drivers[i]->kinds[k] == kind)
				return uart_drivers[i];
	return NULL;
}

const struct console *uart_console_start(const struct platform *p)
{
	const struct platform_uart *u;
	const struct uart_driver *d;

	if (p->uart_count == 0)
		return NULL;
	u = &p->uart[p->stdout_uart >= 0 ? p->stdout_uart : 0];
	d = driver_for(u->kind);
	return d ? d->start(u) : NULL;
}
