#include <stddef.h>

#include "boot/cpu.h"
#include "kernel/errno.h"
#include "kernel/irq.h"
#include "kernel/printk.h"

#define IRQ_SLOTS	16
#define IRQ_PRIORITY	0xa0

struct irq_slot {
	uint32_t intid;
	irq_handler_t handler;
	void *ctx;
	bool edge;	/* for enabling SGIs and PPIs on each CPU */
};

/* Owned by this file; written by irq_connect() under the kernel lock. */
static struct irq_slot slots[IRQ_SLOTS];
static unsigned int slot_count;
/* Nesting of irq_dispatch(), per CPU: each CPU only touches its own. */
static unsigned int active_depth[CPU_MAX];
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
		slots[slot_count].edge = edge;
		slot_count++;
	}
	irq_restore(flags);
	return err;
}

void irq_dispatch(void)
{
	uint32_t raw, intid;
	unsigned int i;

	unsigned int me = cpu_index();

	active_depth[me]++;
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
	active_depth[me]--;
}

bool irq_active(void)
{
	/* Masked: a thread must not move between the two reads. */
	unsigned long flags = irq_mask_local();
	bool active = active_depth[cpu_index()] != 0;

	irq_restore_local(flags);
	return active;
}

int irq_cpu_init(void)
{
	unsigned long flags = irq_save();
	unsigned int i;
	int err = controller->init_cpu ? controller->init_cpu() : -ENOSYS;

	for (i = 0; !err && i < slot_count; i++)
		if (slots[i].intid < 32)
			err = controller->enable(slots[i].intid, IRQ_PRIORITY,
						 slots[i].edge);
	irq_restore(flags);
	return err;
}

int irq_send_ipi(uint32_t sgi, unsigned int cpu)
{
	if (cpu >= CPU_MAX || !controller->send_sgi)
		return -EINVAL;
	return controller->send_sgi(sgi, cpus[cpu].mpidr);
}
