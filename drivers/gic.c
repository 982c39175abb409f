#include <stddef.h>

#include "drivers/compatible.h"
#include "drivers/gic.h"
#include "kernel/errno.h"
#include "kernel/printk.h"

/*
 * The GIC drivers, tried in order; each is defined in its own file and
 * declared only here, beside its entry.
 */
extern const struct gic_driver gicv2_driver;
extern const struct gic_driver gicv3_driver;

static const struct gic_driver *const gic_drivers[] = {
	&gicv2_driver,
	&gicv3_driver,
};

/* The driver in use: set once by gic_init() during boot. */
static const struct gic_driver *gic;

int gic_init(const struct platform *p)
{
	unsigned int i;
	int err;

	for (i = 0; i < sizeof(gic_drivers) / sizeof(gic_drivers[0]); i++) {
		if (!compatible_listed(gic_drivers[i]->compatibles,
				       p->gic.compatible))
			continue;
		err = gic_drivers[i]->ops->init(p);
		if (err) {
			printk("gic: %s at %s failed to start: %d\n",
			       gic_drivers[i]->name, p->gic.path, err);
			return err;
		}
		gic = gic_drivers[i];
		return 0;
	}
	printk("gic: no driver for %s (%s)\n", p->gic.path,
	       p->gic.compatible);
	return -ENOENT;
}

const char *gic_name(void)
{
	return gic ? gic->name : "none";
}

int gic_init_cpu(void)
{
	return gic->ops->init_cpu();
}

int gic_enable_irq(uint32_t intid, uint8_t priority, bool edge)
{
	return gic->ops->enable_irq(intid, priority, edge);
}

uint32_t gic_ack(void)
{
	return gic->ops->ack();
}

void gic_eoi(uint32_t raw)
{
	gic->ops->eoi(raw);
}

int gic_send_sgi(uint32_t sgi, uint64_t mpidr)
{
	return gic->ops->send_sgi(sgi, mpidr);
}
