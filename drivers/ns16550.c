/*
 * 8250-family UART: the 16550 and the DesignWare APB UART built on it,
 * polled both ways.  As with the PL011, the firmware has set the line up;
 * only the transmit and receive registers and the line status are used,
 * which every member of the family has at the same register numbers.
 * Registers are reg-shift apart and reg-io-width wide (serial/8250.yaml);
 * the DesignWare part needs 32-bit accesses where it says so.
 */
#include <stddef.h>

#include "boot/mmu.h"
#include "drivers/mmio.h"
#include "drivers/uart.h"

#define UART_RBR		0	/* receive buffer, read */
#define UART_THR		0	/* transmit holding, write */
#define UART_LSR		5
#define UART_LSR_DR		(1u << 0)
#define UART_LSR_THRE		(1u << 5)

/* The UART in use; set once by ns16550_start() at boot. */
static uint64_t base;
static uint32_t reg_shift, io_width;

static uint32_t reg_read(unsigned int reg)
{
	uint64_t addr = base + ((uint64_t)reg << reg_shift);

	if (io_width == 4)
		return mmio_read32(addr);
	if (io_width == 2)
		return mmio_read16(addr);
	return mmio_read8(addr);
}

static void reg_write(unsigned int reg, uint8_t v)
{
	uint64_t addr = base + ((uint64_t)reg << reg_shift);

	if (io_width == 4)
		mmio_write32(addr, v);
	else if (io_width == 2)
		mmio_write16(addr, v);
	else
		mmio_write8(addr, v);
}

static void put_char(char c)
{
	while (!(reg_read(UART_LSR) & UART_LSR_THRE))
		;
	reg_write(UART_THR, (uint8_t)c);
}

static void ns16550_write(const char *s, size_t len)
{
	while (len--) {
		if (*s == '\n')
			put_char('\r');
		put_char(*s++);
	}
}

/* Polled: what the receive FIFO holds now. */
static long ns16550_read(char *buf, size_t len)
{
	size_t n = 0;

	while (n < len && (reg_read(UART_LSR) & UART_LSR_DR))
		buf[n++] = (char)(reg_read(UART_RBR) & 0xff);
	return (long)n;
}

static const struct console ns16550_console = {
	.name = "ns16550",
	.write = ns16550_write,
	.read = ns16550_read,
};

static const struct console *ns16550_start(const struct platform_uart *u)
{
	if (mmu_map(u->reg.base, u->reg.size ? u->reg.size : 0x1000,
		    MMU_DEVICE))
		return NULL;
	base = u->reg.base;
	reg_shift = u->reg_shift;
	io_width = u->reg_io_width;
	return &ns16550_console;
}

static const char ns16550_compatibles[] =
	"ns16550a\0"
	"ns16550\0"
	"snps,dw-apb-uart\0";

const struct uart_driver ns16550_driver = {
	.name = "ns16550",
	.compatibles = ns16550_compatibles,
	.start = ns16550_start,
};
