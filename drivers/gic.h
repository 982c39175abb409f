/*
 * The interrupt controller behind one interface.  Each GIC driver declares
 * the DT binding it handles (fdt/ classifies the node) and an ops table;
 * gic_init() picks the driver for what was probed.  Adding a GIC is one
 * driver file plus one entry in gic.c's table.
 */
#ifndef DRIVERS_GIC_H
#define DRIVERS_GIC_H

#include <stdbool.h>
#include <stdint.h>

#include "fdt/platform.h"

#define GIC_INTID_MASK		0xffffff
#define GIC_INTID_SPURIOUS_MIN	1020

/*
 * INTIDs the drivers take: SGIs, PPIs and the SPIs the distributor
 * implements (GICD_TYPER.ITLinesNumber), never past 1019: neither driver
 * handles the GICv3.1 extended ranges (1056-1119, 4096-5119), whose
 * registers lie elsewhere; indexing the classic arrays with them would
 * write to unrelated registers.
 */
#define GIC_INTID_LIMIT		GIC_INTID_SPURIOUS_MIN

struct gic_ops {
	int (*init)(const struct platform *p);
	/* 0, or -EINVAL (nothing touched) for an INTID the GIC lacks. */
	int (*enable_irq)(uint32_t intid, uint8_t priority, bool edge);
	void (*disable_irq)(uint32_t intid);
	uint32_t (*ack)(void);		/* raw IAR value */
	void (*eoi)(uint32_t raw);
};

struct gic_driver {
	const char *name;
	enum gic_version version;
	const struct gic_ops *ops;
};

extern const struct gic_driver gicv2_driver;
extern const struct gic_driver gicv3_driver;

/* Pick and start the driver for p->gic; 0, or negative with a message. */
int gic_init(const struct platform *p);
const char *gic_name(void);

/* 0, or -EINVAL for an INTID the GIC does not implement. */
int gic_enable_irq(uint32_t intid, uint8_t priority, bool edge);
uint32_t gic_ack(void);
void gic_eoi(uint32_t raw);

#endif
