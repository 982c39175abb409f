/*
 * PL011 UART, polled both ways.  The SBSA generic UART (Xen's vpl011)
 * is the subset with DR and FR at the same offsets, so one driver serves
 * both; the firmware or Xen has already set the line up.
 */
#include "boot/mmu.h"
#include "drivers/mmio.h"
#include "drivers/uart.h"

#define UART_DR			0x00
#define UART_FR			0x18
#define UART_FR_RXFE		(1u << 4)
#define UART_FR_TXFF		(1u << 5)

/* Base of the UART in use; set once by pl011_start() at boot. */
static uint64_t base;

static void put_char(char c)
{
	while (mmio_read32(base + UART_FR) & UART_FR_TXFF)
		;
	mmio_write32(base + UART_DR, (unsigned char)c);
}

static void pl011_write(const char *s, size_t len)
{
	while (len--) {
		if (*s == '\n')
			put_char('\r');
		put_char(*s++);
	}
}

/* Polled: what the receive FIFO holds now. */
static long pl011_read(char *buf, size_t len)
{
	size_t n = 0;

	while (n < len && !(mmio_read32(base + UART_FR) & UART_FR_RXFE))
		buf[n++] = (char)(mmio_read32(base + UART_DR) & 0xff);
	return (long)n;
}

static const struct console pl011_console = {
	.name = "pl011",
	.write = pl011_write,
	.read = pl011_read,
};

static const struct console *pl011_start(const struct platform_uart *u)
{
	if (mmu_map(u->reg.base, u->reg.size ? u->reg.size : 0x1000,
		    MMU_DEVICE))
		return NULL;
	base = u->reg.base;
	return &pl011_console;
}

static const char pl011_compatibles[] =
	"arm,pl011\0"
	"arm,sbsa-uart\0";

const struct uart_driver pl011_driver = {
	.name = "pl011",
	.compatibles = pl011_compatibles,
	.start = pl011_start,
};
