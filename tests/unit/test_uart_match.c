/*
 * Which UART driver takes which UART: the registry (drivers/uart.c) and
 * every UART driver, built for the host.  A UART is probed from a DTB, as
 * the kernel does, and handed to the registry; starting a driver only
 * maps its registers (stubbed here), so no device register is touched.
 * Where a test writes through a console, the registers are memory.
 */
#include <string.h>

#include "helpers.h"

#include "boot/mmu.h"
#include "drivers/uart.h"

/* What the drivers asked mmu_map() for, last call; reset by each test. */
static uint64_t mapped_base, mapped_size;
static enum mmu_attr mapped_attr;

int mmu_map(uint64_t base, uint64_t size, enum mmu_attr attr)
{
	mapped_base = base;
	mapped_size = size;
	mapped_attr = attr;
	return 0;
}

static void reset_mapped(void)
{
	mapped_base = 0;
	mapped_size = 0;
	mapped_attr = MMU_NORMAL;
}

/* The console for the stdout UART of path: driver name and mapping. */
static void assert_console(const char *path, const char *driver,
			   uint64_t base)
{
	struct platform p;
	const struct console *c;

	reset_mapped();
	probe_file(path, &p);
	ck_assert_uint_ge(p.uart_count, 1);
	ck_assert_int_ge(p.stdout_uart, 0);
	ck_assert_ptr_nonnull(uart_driver_for(&p.uart[p.stdout_uart]));
	ck_assert_str_eq(uart_driver_for(&p.uart[p.stdout_uart])->name,
			 driver);
	c = uart_console_start(&p);
	ck_assert_ptr_nonnull(c);
	ck_assert_str_eq(c->name, driver);
	ck_assert_uint_eq(mapped_base, base);
	ck_assert_uint_gt(mapped_size, 0);
	ck_assert_int_eq(mapped_attr, MMU_DEVICE);
}

START_TEST(pl011_on_qemu)
{
	assert_console(QEMU_DTB("virt-gicv3-smp1-512M"), "pl011", 0x9000000);
}
END_TEST

/* Xen's vpl011: the SBSA subset, driven by the PL011 driver. */
START_TEST(sbsa_uart)
{
	assert_console(CRAFTED_DTB("disabled-nodes"), "pl011", 0x9001000);
}
END_TEST

/* The 8250 family: a DesignWare APB UART as stdout, then an ns16550a. */
START_TEST(ns16550)
{
	struct platform p;

	assert_console(CRAFTED_DTB("uart-8250"), "ns16550", 0x1c28000);
	probe_file(CRAFTED_DTB("uart-8250"), &p);
	ck_assert_str_eq(p.uart[1].compatible, "ns16550a");
	ck_assert_ptr_nonnull(uart_driver_for(&p.uart[1]));
	ck_assert_str_eq(uart_driver_for(&p.uart[1])->name, "ns16550");
}
END_TEST

/*
 * The ns16550 driver places registers by reg-shift and accesses them
 * reg-io-width wide: started on a register block in memory with the
 * transmitter empty, it must write THR (register 0) at that width and
 * read LSR (register 5) from where the shift puts it.
 */
START_TEST(ns16550_register_layout)
{
	uint32_t words[8] = { 0 };
	uint8_t bytes[8] = { 0 };
	struct platform p;
	const struct console *c;

	memset(&p, 0, sizeof(p));
	p.uart_count = 1;
	p.stdout_uart = 0;
	strcpy(p.uart[0].compatible, "snps,dw-apb-uart");
	p.uart[0].reg.base = (uint64_t)(uintptr_t)words;
	p.uart[0].reg.size = sizeof(words);
	p.uart[0].reg_shift = 2;
	p.uart[0].reg_io_width = 4;
	words[5] = 0x60;		/* LSR: THRE and TEMT */
	c = uart_console_start(&p);
	ck_assert_ptr_nonnull(c);
	c->write("x", 1);
	ck_assert_uint_eq(words[0], 'x');

	strcpy(p.uart[0].compatible, "ns16550a");
	p.uart[0].reg.base = (uint64_t)(uintptr_t)bytes;
	p.uart[0].reg.size = sizeof(bytes);
	p.uart[0].reg_shift = 0;
	p.uart[0].reg_io_width = 0;
	bytes[5] = 0x60;
	bytes[1] = 0xaa;		/* IER: must stay untouched */
	c = uart_console_start(&p);
	ck_assert_ptr_nonnull(c);
	c->write("y", 1);
	ck_assert_uint_eq(bytes[0], 'y');
	ck_assert_uint_eq(bytes[1], 0xaa);
}
END_TEST

/* A UART no driver lists gets no console, and nothing is mapped. */
START_TEST(no_driver)
{
	struct platform p;

	memset(&p, 0, sizeof(p));
	p.stdout_uart = 0;
	p.uart_count = 1;
	strcpy(p.uart[0].compatible, "vendor,no-such-uart");
	p.uart[0].reg.base = 0x1000000;
	p.uart[0].reg.size = 0x1000;
	reset_mapped();
	ck_assert_ptr_null(uart_driver_for(&p.uart[0]));
	ck_assert_ptr_null(uart_console_start(&p));
	ck_assert_uint_eq(mapped_base, 0);
}
END_TEST

START_TEST(no_uart)
{
	struct platform p;

	memset(&p, 0, sizeof(p));
	p.stdout_uart = -1;
	ck_assert_ptr_null(uart_console_start(&p));
}
END_TEST

Suite *uart_match_suite(void)
{
	Suite *s = suite_create("uart-match");
	TCase *tc = tcase_create("registry");

	tcase_add_test(tc, pl011_on_qemu);
	tcase_add_test(tc, sbsa_uart);
	tcase_add_test(tc, ns16550);
	tcase_add_test(tc, ns16550_register_layout);
	tcase_add_test(tc, no_driver);
	tcase_add_test(tc, no_uart);
	suite_add_tcase(s, tc);
	return s;
}
