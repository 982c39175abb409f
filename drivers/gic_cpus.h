/*
 * How the GIC drivers name CPUs: a small table keyed by MPIDR (so that
 * no driver depends on the kernel's CPU numbering), and the register
 * values that send an SGI to one of them.  Pure, so the host unit tests
 * check them (tests/unit/test_gic_cpus.c).
 */
#ifndef DRIVERS_GIC_CPUS_H
#define DRIVERS_GIC_CPUS_H

#include <stdbool.h>
#include <stdint.h>

#include "fdt/platform.h"

/* GICv2 has at most 8 CPU interfaces; the platform lists as many CPUs. */
#define GIC_MAX_CPUS		PLATFORM_MAX_CPUS

/*
 * MPIDR's affinity fields, Aff3 [39:32] and Aff2-Aff0 [23:0]: a DT's cpu
 * reg holds only these, while MPIDR_EL1 also has RES1 bit 31, U and MT.
 */
#define GIC_MPIDR_AFFINITY	0xff00ffffffULL

struct gic_cpu {
	uint64_t mpidr;		/* affinity fields only */
	uint64_t value;		/* the driver's: see gicv2.c and gicv3.c */
	bool ready;		/* set (release) once the two above are */
};

/*
 * Each CPU records only itself, possibly while others do; any CPU may
 * look up any entry.  Slots are claimed atomically and an entry is never
 * removed, so a CPU that goes down and comes back keeps its slot.
 */
struct gic_cpus {
	struct gic_cpu cpu[GIC_MAX_CPUS];
	unsigned int claimed;
};

/*
 * Record (or, for a CPU recorded before, update) mpidr's value.
 * 0, or -ENOSPC when GIC_MAX_CPUS other CPUs are recorded already.
 */
int gic_cpus_record(struct gic_cpus *t, uint64_t mpidr, uint64_t value);

/* The entry for mpidr (only its affinity fields count), or NULL. */
const struct gic_cpu *gic_cpus_find(const struct gic_cpus *t,
				    uint64_t mpidr);

/*
 * The GICv2 CPU interface mask of the CPU that read itargetsr0
 * (GICD_ITARGETSR0, banked: each byte is the reader's own bit), falling
 * back to 1 << Aff0 when it reads as zero.  0 when neither names one.
 */
uint8_t gic_v2_cpu_mask(uint32_t itargetsr0, uint64_t mpidr);

/*
 * GICD_SGIR sending SGI sgi (0-15) to the CPU interfaces in mask:
 * 0, or -EINVAL for a larger sgi or an empty mask.
 */
int gic_v2_sgir(uint32_t sgi, uint8_t mask, uint32_t *sgir);

/*
 * ICC_SGI1R_EL1 sending Group 1 SGI sgi (0-15) to the CPU with that
 * MPIDR: 0, or -EINVAL for a larger sgi or an Aff0 of 16 or more (which
 * needs the range selector, GICD_TYPER.RSS, that we do not use).
 */
int gic_v3_sgi1r(uint32_t sgi, uint64_t mpidr, uint64_t *sgi1r);

#endif
