/*
 * trap_dispatch(): every exception comes here with its saved frame.
 * svc #0 and IRQs may switch threads; anything else is a bug and ends in a
 * register dump and a crash stop, after a line naming the fault when it is
 * one the memory layout explains (a stack overflow, a W^X violation).
 */
#include <stdint.h>

#include "boot/cpu.h"
#include "boot/image.h"
#include "boot/sysregs.h"
#include "boot/trap_frame.h"
#include "kernel/irq.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "kernel/thread.h"

#define ESR_EC_SHIFT	26
#define EC_SVC64	0x15
#define EC_IABT_CUR	0x21	/* instruction abort, same EL */
#define EC_DABT_CUR	0x25	/* data abort, same EL */
#define ESR_WNR		(1UL << 6)
#define ESR_FSC_MASK	0x3c	/* fault status, level bits dropped */
#define FSC_PERMISSION	0x0c

struct trap_frame *trap_dispatch(struct trap_frame *f, unsigned long kind);
void trap_exception_stack_overflow(void) __attribute__((noreturn));

static int in_page(uint64_t addr, const char *page)
{
	uint64_t base = (uint64_t)(uintptr_t)page;

	return addr >= base && addr - base < 4096;
}

/* Says which stack overflowed, if the fault or sp is in a guard page. */
static int report_overflow(const struct trap_frame *f, unsigned long kind)
{
	const struct thread *t = thread_current();
	const char *guard = t ? (const char *)(uintptr_t)t->stack_guard :
				boot_stack_guard;
	const char *exc_guard =
		(const char *)(uintptr_t)this_cpu()->exception_stack_guard;
	uint64_t far = f->far, sp = f->sp;

	if (in_page(far, guard) || in_page(sp, guard)) {
		if (t)
			printk("fault: stack overflow in thread %s\n", t->name);
		else
			printk("fault: stack overflow in the boot stack\n");
		return 1;
	}
	if (kind == TRAP_NESTED && (in_page(far, exc_guard) ||
				    in_page(sp, exc_guard))) {
		printk("fault: stack overflow in the exception stack\n");
		return 1;
	}
	return 0;
}

/* Names a permission fault on the image or on data (W^X, boot/mmu.c). */
static void report_permission(const struct trap_frame *f, unsigned int ec)
{
	uint64_t far = f->far;
	uint64_t text = (uint64_t)(uintptr_t)_head;
	uint64_t rw = (uint64_t)(uintptr_t)__rw_start;

	if ((f->esr & ESR_FSC_MASK) != FSC_PERMISSION)
		return;
	if (ec == EC_IABT_CUR)
		printk("fault: execute from non-executable memory at 0x%lx\n",
		       (unsigned long)far);
	else if (ec == EC_DABT_CUR && (f->esr & ESR_WNR) && far >= text &&
		 far < (uint64_t)(uintptr_t)__text_end)
		printk("fault: write to read-only kernel text at 0x%lx\n",
		       (unsigned long)far);
	else if (ec == EC_DABT_CUR && (f->esr & ESR_WNR) && far >= text &&
		 far < rw)
		printk("fault: write to read-only kernel data at 0x%lx\n",
		       (unsigned long)far);
}

static const char *ec_name(unsigned int ec)
{
	switch (ec) {
	case 0x00: return "unknown instruction";
	case 0x01: return "wfi/wfe trapped";
	case 0x07: return "FP/SIMD access (disabled)";
	case 0x0e: return "illegal execution state";
	case 0x15: return "svc";
	case 0x16: return "hvc";
	case 0x17: return "smc";
	case 0x18: return "system register access";
	case 0x21: return "instruction abort";
	case 0x22: return "PC alignment fault";
	case 0x25: return "data abort";
	case 0x26: return "SP alignment fault";
	case 0x2f: return "SError";
	case 0x3c: return "brk";
	default: return "other";
	}
}

/* Arrays, not pointers: no relocations in the PIE image. */
static const char kind_names[][16] = {
	[TRAP_SYNC] = "synchronous",
	[TRAP_IRQ] = "IRQ",
	[TRAP_FIQ] = "FIQ",
	[TRAP_SERROR] = "SError",
	[TRAP_NESTED] = "in a handler",
	[TRAP_BAD_LOWER] = "from a lower EL",
};

static void __attribute__((noreturn))
fatal(struct trap_frame *f, unsigned long kind)
{
	unsigned int ec = (unsigned int)(f->esr >> ESR_EC_SHIFT) & 0x3f;
	struct thread *t = thread_current();
	int i;

	irq_save();
	printk("\nunexpected exception (%s): %s\n", kind_names[kind],
	       ec_name(ec));
	if (!report_overflow(f, kind))
		report_permission(f, ec);
	printk("  ESR  0x%016lx  ELR 0x%016lx\n", (unsigned long)f->esr,
	       (unsigned long)f->elr);
	printk("  FAR  0x%016lx  SPSR 0x%016lx\n", (unsigned long)f->far,
	       (unsigned long)f->spsr);
	for (i = 0; i < 30; i += 2)
		printk("  x%-2d  0x%016lx  x%-2d 0x%016lx\n", i,
		       (unsigned long)f->x[i], i + 1,
		       (unsigned long)f->x[i + 1]);
	printk("  x30  0x%016lx  sp  0x%016lx\n", (unsigned long)f->x[30],
	       (unsigned long)f->sp);
	panic("unexpected exception in %s", t ? t->name : "boot");
}

/* From boot/vectors.S, on a reset exception stack: the frame is lost. */
void trap_exception_stack_overflow(void)
{
	printk("\nfault: stack overflow in the exception stack\n");
	printk("  ESR  0x%016lx  ELR 0x%016lx\n",
	       (unsigned long)read_sysreg(esr_el1),
	       (unsigned long)read_sysreg(elr_el1));
	printk("  FAR  0x%016lx\n", (unsigned long)read_sysreg(far_el1));
	panic("stack overflow in the exception stack");
}

struct trap_frame *trap_dispatch(struct trap_frame *f, unsigned long kind)
{
	unsigned int ec = (unsigned int)(f->esr >> ESR_EC_SHIFT) & 0x3f;

	/*
	 * Handlers and the scheduler run under the kernel lock
	 * (boot/irqflags.h), one level of its own: a switch hands the rest
	 * of the depth over to the next thread, and this level is dropped on
	 * the way out.  IRQs stay masked until the eret.
	 */
	if (kind == TRAP_SYNC && ec == EC_SVC64) {
		kernel_lock_acquire();
		f = sched_switch(f);
		kernel_lock_release();
		return f;
	}
	if (kind == TRAP_IRQ) {
		kernel_lock_acquire();
		irq_dispatch();
		if (sched_need_switch())
			f = sched_switch(f);
		kernel_lock_release();
		return f;
	}
	fatal(f, kind);
}
