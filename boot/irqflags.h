/*
 * Masking IRQs at the CPU (PSTATE.DAIF.I).  One CPU: masking IRQs is the
 * only lock the kernel needs, and every layer takes it, so it sits here at
 * the bottom beside the system registers; the INTID -> handler table is
 * kernel/irq.h's.
 */
#ifndef BOOT_IRQFLAGS_H
#define BOOT_IRQFLAGS_H

static inline unsigned long irq_save(void)
{
	unsigned long flags;

	__asm__ volatile("mrs %0, daif\n msr daifset, #2"
			 : "=r"(flags) : : "memory");
	return flags;
}

static inline void irq_restore(unsigned long flags)
{
	__asm__ volatile("msr daif, %0" : : "r"(flags) : "memory");
}

static inline void irq_enable(void)
{
	__asm__ volatile("msr daifclr, #2" : : : "memory");
}

#endif
