/*
 * trap_dispatch(): every exception comes here with its saved frame.
 * svc #0 and IRQs may switch threads; anything else is a bug and ends in a
 * register dump and a crash stop.
 */
#include "boot/trap_frame.h"
#include "kernel/irq.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "kernel/thread.h"

#define ESR_EC_SHIFT	26
#define EC_SVC64	0x15

struct trap_frame *trap_dispatch(struct trap_frame *f, unsigned long kind);

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
	[TRAP_BAD_SP0] = "from EL1t",
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

struct trap_frame *trap_dispatch(struct trap_frame *f, unsigned long kind)
{
	unsigned int ec = (unsigned int)(f->esr >> ESR_EC_SHIFT) & 0x3f;

	if (kind == TRAP_SYNC && ec == EC_SVC64)
		return sched_switch(f);
	if (kind == TRAP_IRQ) {
		irq_dispatch();
		return sched_need_switch() ? sched_switch(f) : f;
	}
	fatal(f, kind);
}
