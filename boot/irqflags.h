/*
 * The kernel lock: masking IRQs at the CPU (PSTATE.DAIF.I) and holding
 * one recursive spinlock that a CPU owns (boot/kernel_lock.c).  Every
 * layer takes it where it once only masked IRQs, so "while I hold it,
 * nothing else in the kernel runs" stays true with several CPUs: the
 * code written for one CPU keeps its meaning.  Threads computing without
 * it run in parallel.  It sits here at the bottom beside the system
 * registers because boot/mmu.c takes it too; the INTID -> handler table
 * is kernel/irq.h's.
 *
 * The lock is held across a thread switch: a thread that blocks inside
 * irq_save() resumes, on whichever CPU picks it, still holding it
 * (kernel/sched.c hands the depth over).  Lock order: this lock is the
 * only one; nothing spins for another CPU while holding it.
 */
#ifndef BOOT_IRQFLAGS_H
#define BOOT_IRQFLAGS_H

#include <stdbool.h>

void kernel_lock_acquire(void);
void kernel_lock_release(void);
/* Whether this CPU holds it (IRQs masked). */
bool kernel_lock_held(void);

/* Mask IRQs on this CPU only, for reading this CPU's own state. */
static inline unsigned long irq_mask_local(void)
{
	unsigned long flags;

	__asm__ volatile("mrs %0, daif\n msr daifset, #2"
			 : "=r"(flags) : : "memory");
	return flags;
}

static inline void irq_restore_local(unsigned long flags)
{
	__asm__ volatile("msr daif, %0" : : "r"(flags) : "memory");
}

static inline unsigned long irq_save(void)
{
	unsigned long flags = irq_mask_local();

	kernel_lock_acquire();
	return flags;
}

static inline void irq_restore(unsigned long flags)
{
	kernel_lock_release();
	irq_restore_local(flags);
}

#endif
