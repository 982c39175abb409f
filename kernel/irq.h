/*
 * The INTID -> handler table, on an interrupt controller the boot wiring
 * hands in.  Masking (irq_save() and friends) is boot/irqflags.h's,
 * included here for the table's users.
 */
#ifndef KERNEL_IRQ_H
#define KERNEL_IRQ_H

#include <stdbool.h>
#include <stdint.h>

#include "boot/irqflags.h"

/*
 * The acknowledge value as the GIC architecture defines it for every
 * version: the INTID in bits 23:0, 1020-1023 when nothing is pending.
 */
#define IRQ_INTID_MASK		0xffffff
#define IRQ_INTID_SPURIOUS_MIN	1020

struct irq_controller {
	/* 0, or -EINVAL (nothing touched) for an INTID it lacks. */
	int (*enable)(uint32_t intid, uint8_t priority, bool edge);
	uint32_t (*ack)(void);		/* the raw acknowledge value */
	void (*eoi)(uint32_t raw);	/* what ack() returned */
	/* Set up the calling CPU's interface (a CPU other than the boot
	 * one, as it starts): 0 or a negative errno. */
	int (*init_cpu)(void);
	/* Software-generated interrupt sgi (0-15) to the CPU with that
	 * MPIDR: 0, or -EINVAL for one it cannot name. */
	int (*send_sgi)(uint32_t sgi, uint64_t mpidr);
};

/* Once, at boot, before the first irq_connect(). */
void irq_set_controller(const struct irq_controller *c);

typedef void (*irq_handler_t)(uint32_t intid, void *ctx);

/*
 * Route intid to handler and enable it at the controller.  -ENOSPC,
 * -EBUSY, or the controller's error.
 */
int irq_connect(uint32_t intid, irq_handler_t handler, void *ctx,
		bool edge);

/* Called from the IRQ vector: acknowledge, dispatch, end. */
void irq_dispatch(void);

/* True while an interrupt handler runs. */
bool irq_active(void);

#endif
