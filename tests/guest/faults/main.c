/*
 * Apps that stop on purpose, so the boot tests can prove each way out: an
 * unexpected exception dumps the registers, a panic stops as a crash, an
 * app that returns powers off, and one that asks reboots.  Others break
 * the memory rules (boot/mmu.c, boot/vectors.S) that must stop them: a
 * thread stack or the exception stack overflowing into its guard page,
 * a write to kernel text, a jump into data or a stack.
 */
#include <stdint.h>

#include "kernel/app.h"
#include "lib/board.h"
#include "boot/sysregs.h"
#include "kernel/bootargs.h"
#include "kernel/irq.h"
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

/*
 * Recursion without end; a bound the compiler cannot see keeps it from
 * calling this infinite (or turning it into a loop).
 */
static volatile unsigned long recursion_bound;

static unsigned long __attribute__((noinline)) recurse(unsigned long depth)
{
	volatile uint8_t frame[64];

	frame[0] = (uint8_t)depth;
	if (recursion_bound && depth >= recursion_bound)
		return depth;
	return recurse(depth + 1) + frame[0];
}

static void stack_overflow_main(void)
{
	printk("stack-overflow: recursing\n");
	recurse(0);
	printk("stack-overflow: the recursion returned\n");
}

/* The physical timer's interrupt, handled by recursing: the IRQ path's
 * stack is the exception stack. */
static void recurse_in_irq(uint32_t intid, void *ctx)
{
	(void)intid;
	(void)ctx;
	recurse(0);
}

static void irq_overflow_main(void)
{
	uint32_t intid = board->timer.phys_intid;

	printk("irq-overflow: recursing in the handler of INTID %u\n", intid);
	if (irq_connect(intid, recurse_in_irq, NULL, false))
		panic("irq-overflow: cannot connect INTID %u", intid);
	/* A deadline in the past fires at once. */
	write_sysreg(0, cntp_cval_el0);
	write_sysreg(1, cntp_ctl_el0);
	isb();
	thread_sleep_ms(1000);
	printk("irq-overflow: no interrupt came\n");
}

static void write_text_main(void)
{
	volatile uint32_t *text = (volatile uint32_t *)(uintptr_t)fault_main;

	printk("write-text: writing to %p\n", (void *)(uintptr_t)text);
	*text = 0;
	printk("write-text: the write did not fault\n");
}

#define INSN_RET	0xd65f03c0U

/* Code copied to where code must not run. */
static void run_copy(const char *app, uint32_t *where)
{
	void (*fn)(void) = (void (*)(void))(uintptr_t)where;

	*where = INSN_RET;
	printk("%s: jumping to %p\n", app, (void *)where);
	fn();
	printk("%s: the jump did not fault\n", app);
}

static uint32_t data_code;

static void exec_data_main(void)
{
	run_copy("exec-data", &data_code);
}

static void exec_stack_main(void)
{
	uint32_t stack_code[1];

	run_copy("exec-stack", stack_code);
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
APP_REGISTER("stack-overflow", stack_overflow_main);
APP_REGISTER("irq-overflow", irq_overflow_main);
APP_REGISTER("write-text", write_text_main);
APP_REGISTER("exec-data", exec_data_main);
APP_REGISTER("exec-stack", exec_stack_main);
