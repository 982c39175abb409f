#include <stddef.h>

#include "drivers/gic_cpus.h"
#include "kernel/errno.h"

const struct gic_cpu *gic_cpus_find(const struct gic_cpus *t,
				    uint64_t mpidr)
{
	unsigned int i;

	mpidr &= GIC_MPIDR_AFFINITY;
	/* Acquire: an entry seen ready is seen whole. */
	for (i = 0; i < GIC_MAX_CPUS; i++)
		if (__atomic_load_n(&t->cpu[i].ready, __ATOMIC_ACQUIRE) &&
		    t->cpu[i].mpidr == mpidr)
			return &t->cpu[i];
	return NULL;
}

int gic_cpus_record(struct gic_cpus *t, uint64_t mpidr, uint64_t value)
{
	const struct gic_cpu *known = gic_cpus_find(t, mpidr);
	struct gic_cpu *c;
	unsigned int i;

	if (known) {
		/* Its own entry: only this CPU writes it. */
		c = &t->cpu[known - t->cpu];
		__atomic_store_n(&c->value, value, __ATOMIC_RELAXED);
		return 0;
	}
	i = __atomic_fetch_add(&t->claimed, 1, __ATOMIC_RELAXED);
	if (i >= GIC_MAX_CPUS)
		return -ENOSPC;
	c = &t->cpu[i];
	c->mpidr = mpidr & GIC_MPIDR_AFFINITY;
	c->value = value;
	__atomic_store_n(&c->ready, true, __ATOMIC_RELEASE);
	return 0;
}

uint8_t gic_v2_cpu_mask(uint32_t itargetsr0, uint64_t mpidr)
{
	uint8_t read_back = itargetsr0 & 0xff;
	unsigned int aff0 = mpidr & 0xff;

	if (read_back)
		return read_back;
	/*
	 * A GIC with one CPU interface makes ITARGETSR RAZ/WI (IHI 0048B,
	 * GICD_ITARGETSRn).  Its one CPU is then taken to be interface
	 * Aff0: 1 for a boot CPU with MPIDR 0, as the driver always had.
	 */
	return aff0 < 8 ? (uint8_t)(1u << aff0) : 0;
}

int gic_v2_sgir(uint32_t sgi, uint8_t mask, uint32_t *sgir)
{
	if (sgi > 15 || !mask)
		return -EINVAL;
	/* TargetListFilter [25:24] = 0: the CPUs in the list [23:16]. */
	*sgir = (uint32_t)mask << 16 | sgi;
	return 0;
}

int gic_v3_sgi1r(uint32_t sgi, uint64_t mpidr, uint64_t *sgi1r)
{
	uint64_t aff0 = mpidr & 0xff;

	if (sgi > 15 || aff0 >= 16)
		return -EINVAL;
	/* IRM [40] = 0: the one CPU Aff3.Aff2.Aff1.<TargetList>. */
	*sgi1r = ((mpidr >> 32) & 0xff) << 48 |
		 ((mpidr >> 16) & 0xff) << 32 |
		 (uint64_t)sgi << 24 |
		 ((mpidr >> 8) & 0xff) << 16 |
		 1ULL << aff0;
	return 0;
}
