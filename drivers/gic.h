/*
 * The interrupt controller behind one interface.  Each GIC driver lists
 * the compatible strings it handles and an ops table; gic_init() starts
 * the first driver in gic.c's table that lists platform.gic.compatible.
 * A new GIC whose binding fdt/bindings.c knows is one driver file plus
 * one entry in that table (its declaration sits beside it).
 *
 * Why the binding tables stay in fdt/ and drivers name compatibles again:
 * the host tool (fdt/dtb-probe.c) and the unit tests must classify a GIC
 * without linking the drivers, which use aarch64 system registers.  So
 * fdt/ keeps the DT knowledge: which compatibles exist and which register
 * layout each has (enum gic_version, what the probe reads and the report
 * prints).  A driver says which of those compatibles it can drive, as
 * Linux's IRQCHIP_DECLARE does beside the binding documents; the layout
 * family is never a driver key.  A compatible fdt/bindings.c does not
 * list yet also needs its row there, and a layout other than those two
 * needs fdt/probe.c and fdt/report.c taught to read and print it.
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

/*
 * A driver keeps its own per-CPU state, keyed by MPIDR (drivers/gic_cpus.h):
 * it knows nothing of the kernel's CPU numbers.  SGIs and PPIs are banked
 * per CPU, so enable_irq and disable_irq act on the calling CPU's for
 * INTIDs below 32; the caller masks IRQs so that it stays on that CPU.
 * SPIs are routed to the boot CPU.
 */
struct gic_ops {
	/* On the boot CPU: the distributor, then that CPU's part. */
	int (*init)(const struct platform *p);
	/* On any other CPU, after init: that CPU's part. */
	int (*init_cpu)(void);
	/*
	 * 0, -EINVAL (nothing touched) for an INTID the GIC lacks, or
	 * -ENODEV for an SGI or PPI on a CPU init_cpu did not set up.
	 */
	int (*enable_irq)(uint32_t intid, uint8_t priority, bool edge);
	void (*disable_irq)(uint32_t intid);
	uint32_t (*ack)(void);		/* raw IAR value */
	void (*eoi)(uint32_t raw);
	/* See gic_send_sgi(). */
	int (*send_sgi)(uint32_t sgi, uint64_t mpidr);
};

struct gic_driver {
	const char *name;
	const char *compatibles;	/* drivers/compatible.h */
	const struct gic_ops *ops;
};

/* Pick and start the driver for p->gic; 0, or negative with a message. */
int gic_init(const struct platform *p);
const char *gic_name(void);

/*
 * Set up the calling CPU's interface: on a CPU other than the boot one,
 * after gic_init(), as it starts (again after each CPU_ON).  0, or
 * negative with a message naming the MPIDR: -ENOENT (GICv3: no
 * redistributor has its affinity), -ENODEV (GICv2: no CPU interface
 * number), -ENOSPC (more than GIC_MAX_CPUS CPUs), -ETIMEDOUT, -EPERM.
 */
int gic_init_cpu(void);

/*
 * 0, -EINVAL for an INTID the GIC does not implement, or -ENODEV for an
 * SGI or PPI on a CPU that gic_init_cpu() did not set up.
 */
int gic_enable_irq(uint32_t intid, uint8_t priority, bool edge);
uint32_t gic_ack(void);
void gic_eoi(uint32_t raw);

/*
 * Send SGI sgi (0-15) to the CPU with that MPIDR (only its affinity
 * fields count), after a dsb ishst so that the target sees what this CPU
 * wrote before.  0, or -EINVAL for a larger sgi or (GICv3) an Aff0 of 16
 * or more, or -ENOENT (GICv2) for a CPU not set up yet.
 */
int gic_send_sgi(uint32_t sgi, uint64_t mpidr);

#endif
