/*
 * Which UART driver takes which UART: the registry (drivers/uart.c) and
 * every UART driver, built for the host.  A UART is probed from a DTB, as
 * the kernel does, and handed to the registry; starting a driver only
 * maps its registers (stubbed here), so no register is touched.
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
	tcase_add_test(tc, no_driver);
	tcase_add_test(tc, no_uart);
	suite_add_tcase(s, tc);
	return s;
}
