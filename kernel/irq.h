/*
 * Interrupt masking and the INTID -> handler table.  One CPU: masking IRQs
 * is the only lock the kernel needs.
 */
#ifndef KERNEL_IRQ_H
#define KERNEL_IRQ_H

#include <stdbool.h>
#include <stdint.h>

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

typedef void (*irq_handler_t)(uint32_t intid, void *ctx);

/* Route intid to handler and enable it at the GIC.  -ENOSPC, -EBUSY. */
int irq_connect(uint32_t intid, irq_handler_t handler, void *ctx,
		bool edge);

/* Called from the IRQ vector: acknowledge, dispatch, end. */
void irq_dispatch(void);

/* True while an interrupt handler runs. */
bool irq_active(void);

#endif
