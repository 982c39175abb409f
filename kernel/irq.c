#include <stddef.h>

#include "kernel/errno.h"
#include "kernel/irq.h"
#include "kernel/printk.h"

#define IRQ_SLOTS	16
#define IRQ_PRIORITY	0xa0

struct irq_slot {
	uint32_t intid;
	irq_handler_t handler;
	void *ctx;
};

/* Owned by this file; written by irq_connect() with IRQs masked. */
static struct irq_slot slots[IRQ_SLOTS];
static unsigned int slot_count;
static unsigned int active_depth;	/* nesting of irq_dispatch() */
/* Set once by the boot wiring (init/main.c) before any irq_connect(). */
static const struct irq_controller *controller;

void irq_set_controller(const struct irq_controller *c)
{
	controller = c;
}

int irq_connect(uint32_t intid, irq_handler_t handler, void *ctx, bool edge)
{
	unsigned long flags = irq_save();
	unsigned int i;
	int err = 0;

	for (i = 0; i < slot_count; i++)
		if (slots[i].intid == intid)
			err = -EBUSY;
	if (!err && slot_count == IRQ_SLOTS)
		err = -ENOSPC;
	/* The controller checks the INTID before any register is touched. */
	if (!err)
		err = controller->enable(intid, IRQ_PRIORITY, edge);
	if (!err) {
		slots[slot_count].intid = intid;
		slots[slot_count].handler = handler;
		slots[slot_count].ctx = ctx;
		slot_count++;
	}
	irq_restore(flags);
	return err;
}

void irq_dispatch(void)
{
	uint32_t raw, intid;
	unsigned int i;

	active_depth++;
	for (;;) {
		raw = controller->ack();
		intid = raw & IRQ_INTID_MASK;
		if (intid >= IRQ_INTID_SPURIOUS_MIN)
			break;
		for (i = 0; i < slot_count; i++)
			if (slots[i].intid == intid)
				break;
		if (i < slot_count)
			slots[i].handler(intid, slots[i].ctx);
		else
			printk("irq: unexpected INTID %u\n", intid);
		controller->eoi(raw);
	}
	active_depth--;
}

bool irq_active(void)
{
	return active_depth != 0;
}
