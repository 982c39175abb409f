/*
 * Apps that stop on purpose, so the boot tests can prove each way out: an
 * unexpected exception dumps the registers, a panic stops as a crash, an
 * app that returns powers off, and one that asks reboots.
 */
#include <stdint.h>

#include "apps/app.h"
#include "kernel/board.h"
#include "kernel/bootargs.h"
#include "kernel/panic.h"
#include "kernel/power.h"
#include "kernel/printk.h"
#include "kernel/thread.h"

/* bootargs delay=MS: wait first, e.g. until a watcher in dom0 is ready. */
static void wait_requested(void)
{
	unsigned long ms = bootarg_ulong(board->bootargs, "delay", 0);

	if (ms)
		thread_sleep_ms(ms);
}

/* An address no DT maps: the top of the 48-bit space. */
#define UNMAPPED_ADDRESS 0xfffffffff000ULL

static void fault_main(void)
{
	volatile uint64_t *p = (volatile uint64_t *)UNMAPPED_ADDRESS;

	printk("fault: reading 0x%llx\n", UNMAPPED_ADDRESS);
	(void)*p;
	printk("fault: the read did not fault\n");
}

static void panic_main(void)
{
	wait_requested();
	panic("requested by app=panic");
}

static void hello_main(void)
{
	wait_requested();
	printk("hello: done\n");
}

static void reboot_main(void)
{
	wait_requested();
	printk("reboot: asking for a reboot\n");
	machine_stop(STOP_REBOOT);
}

APP_REGISTER("fault", fault_main);
APP_REGISTER("reboot", reboot_main);
APP_REGISTER("panic", panic_main);
APP_REGISTER("hello", hello_main);
