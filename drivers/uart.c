#include <stddef.h>

#include "drivers/compatible.h"
#include "drivers/uart.h"

/*
 * The UART drivers, tried in order; each is defined in its own file and
 * declared only here, beside its entry.
 */
extern const struct uart_driver pl011_driver;
extern const struct uart_driver ns16550_driver;

static const struct uart_driver *const uart_drivers[] = {
	&pl011_driver,
	&ns16550_driver,
};

const struct uart_driver *uart_driver_for(const struct platform_uart *u)
{
	unsigned int i;

	for (i = 0; i < sizeof(uart_drivers) / sizeof(uart_drivers[0]); i++)
		if (compatible_listed(uart_drivers[i]->compatibles,
				      u->compatible))
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
	d = uart_driver_for(u);
	return d ? d->start(u) : NULL;
}
