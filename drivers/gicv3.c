/*
 * GICv3 (Arm IHI 0069): memory-mapped distributor and redistributors,
 * system-register CPU interface.  Each CPU's redistributor is found by
 * walking every region the DT gave and matching GICR_TYPER's affinity to
 * that CPU's MPIDR.
 */
#include "boot/mmu.h"
#include "boot/sysregs.h"
#include "drivers/gic.h"
#include "drivers/gic_cpus.h"
#include "drivers/gic_regs.h"
#include "drivers/mmio.h"
#include "kernel/errno.h"
#include "kernel/printk.h"

#define GICD_CTLR		0x0000
#define GICD_CTLR_RWP		(1u << 31)
#define GICD_CTLR_ARE		(1u << 4)
#define GICD_CTLR_GRP1		(1u << 1)
#define GICD_TYPER		0x0004
#define GICD_IGROUPR(n)		(0x0080 + 4 * (n))
#define GICD_ISENABLER(n)	(0x0100 + 4 * (n))
#define GICD_ICENABLER(n)	(0x0180 + 4 * (n))
#define GICD_IPRIORITYR(n)	(0x0400 + 4 * (n))
#define GICD_ICFGR(n)		(0x0c00 + 4 * (n))
#define GICD_IROUTER(n)		(0x6000 + 8 * (n))

#define GICR_CTLR		0x0000
#define GICR_CTLR_RWP		(1u << 3)
#define GICR_WAKER		0x0014
#define GICR_WAKER_SLEEP	(1u << 1)
#define GICR_WAKER_ASLEEP	(1u << 2)
#define GICR_TYPER		0x0008
#define GICR_TYPER_VLPIS	(1u << 1)
#define GICR_TYPER_LAST		(1u << 4)
#define GICR_FRAME		0x10000		/* 64 KiB frames */
#define GICR_SGI_BASE		GICR_FRAME
#define GICR_IGROUPR0		(GICR_SGI_BASE + 0x0080)
#define GICR_ISENABLER0		(GICR_SGI_BASE + 0x0100)
#define GICR_ICENABLER0		(GICR_SGI_BASE + 0x0180)
#define GICR_IPRIORITYR(n)	(GICR_SGI_BASE + 0x0400 + 4 * (n))
#define GICR_ICFGR0		(GICR_SGI_BASE + 0x0c00)

#define POLL_LIMIT		1000000

/*
 * The distributor, the platform (whose redistributor regions the other
 * CPUs search; init/main.c's, which lives as long as the kernel), the
 * SPIs' route (the boot CPU) and the INTIDs implemented, set once by
 * gicv3_init() at boot.
 */
static uint64_t dist;
static const struct platform *platform;
static uint64_t route_affinity;
static uint32_t lines;

/*
 * Each CPU's redistributor base (the value), recorded by that CPU at the
 * end of gicv3_init_cpu(); the calling CPU's SGI/PPI registers are in
 * its own.
 */
static struct gic_cpus cpus;

static int wait_clear(uint64_t reg, uint32_t mask)
{
	unsigned int n;

	for (n = 0; n < POLL_LIMIT; n++)
		if (!(mmio_read32(reg) & mask))
			return 0;
	return -ETIMEDOUT;
}

static uint32_t mpidr_affinity32(uint64_t mpidr)
{
	return (uint32_t)(((mpidr >> 32) & 0xff) << 24 | (mpidr & 0xffffff));
}

static uint64_t find_redistributor(const struct platform *p, uint64_t mpidr)
{
	uint32_t want = mpidr_affinity32(mpidr);
	unsigned int r;

	for (r = 0; r < p->gic.redist_count; r++) {
		uint64_t base = p->gic.redist[r].base;
		uint64_t end = base + p->gic.redist[r].size;

		while (base + 2 * GICR_FRAME <= end) {
			uint64_t typer = mmio_read64(base + GICR_TYPER);
			uint64_t stride = p->gic.redist_stride;

			if ((uint32_t)(typer >> 32) == want)
				return base;
			if (typer & GICR_TYPER_LAST)
				break;
			if (!stride)
				stride = (typer & GICR_TYPER_VLPIS) ?
					 4 * GICR_FRAME : 2 * GICR_FRAME;
			/* Past the region, without wrapping around. */
			if (stride >= end - base)
				break;
			base += stride;
		}
	}
	return 0;
}

/* The calling CPU's redistributor, or 0 before it was set up. */
static uint64_t this_redist(void)
{
	const struct gic_cpu *c = gic_cpus_find(&cpus, read_sysreg(mpidr_el1));

	return c ? c->value : 0;
}

/*
 * The calling CPU's part: wake its redistributor, its SGIs and PPIs off
 * and in group 1, then its system-register CPU interface.
 */
static int gicv3_init_cpu(void)
{
	uint64_t mpidr = read_sysreg(mpidr_el1);
	uint64_t redist = find_redistributor(platform, mpidr);
	int err;

	if (!redist) {
		printk("gicv3: no redistributor for MPIDR 0x%lx\n",
		       (unsigned long)mpidr);
		return -ENOENT;
	}
	mmio_write32(redist + GICR_WAKER,
		     mmio_read32(redist + GICR_WAKER) & ~GICR_WAKER_SLEEP);
	if (wait_clear(redist + GICR_WAKER, GICR_WAKER_ASLEEP)) {
		printk("gicv3: redistributor of MPIDR 0x%lx stays asleep\n",
		       (unsigned long)mpidr);
		return -ETIMEDOUT;
	}
	mmio_write32(redist + GICR_ICENABLER0, 0xffffffff);
	if (wait_clear(redist + GICR_CTLR, GICR_CTLR_RWP)) {
		printk("gicv3: redistributor of MPIDR 0x%lx stays busy\n",
		       (unsigned long)mpidr);
		return -ETIMEDOUT;
	}
	mmio_write32(redist + GICR_IGROUPR0, 0xffffffff);

	write_sysreg(read_sysreg(ICC_SRE_EL1) | 1, ICC_SRE_EL1);
	isb();
	if (!(read_sysreg(ICC_SRE_EL1) & 1)) {
		printk("gicv3: MPIDR 0x%lx: system register interface "
		       "disabled by EL2\n", (unsigned long)mpidr);
		return -EPERM;
	}
	write_sysreg(0xf0, ICC_PMR_EL1);
	write_sysreg(0, ICC_BPR1_EL1);
	write_sysreg(0, ICC_CTLR_EL1);
	write_sysreg(1, ICC_IGRPEN1_EL1);
	isb();

	err = gic_cpus_record(&cpus, mpidr, redist);
	if (err)
		printk("gicv3: MPIDR 0x%lx: more than %u CPUs\n",
		       (unsigned long)mpidr, GIC_MAX_CPUS);
	return err;
}

static int gicv3_init(const struct platform *p)
{
	uint32_t i;
	unsigned int r;

	platform = p;
	dist = p->gic.dist.base;
	if (mmu_map(dist, p->gic.dist.size ? p->gic.dist.size : 0x10000,
		    MMU_DEVICE))
		return -EFAULT;
	for (r = 0; r < p->gic.redist_count; r++)
		if (mmu_map(p->gic.redist[r].base, p->gic.redist[r].size,
			    MMU_DEVICE))
			return -EFAULT;
	route_affinity = read_sysreg(mpidr_el1) & GIC_MPIDR_AFFINITY;

	mmio_write32(dist + GICD_CTLR, 0);
	if (wait_clear(dist + GICD_CTLR, GICD_CTLR_RWP))
		return -ETIMEDOUT;
	lines = 32 * ((mmio_read32(dist + GICD_TYPER) & 0x1f) + 1);
	if (lines > GIC_INTID_LIMIT)
		lines = GIC_INTID_LIMIT;
	for (i = 32; i < lines; i += 32) {
		mmio_write32(dist + GICD_ICENABLER(i / 32), 0xffffffff);
		mmio_write32(dist + GICD_IGROUPR(i / 32), 0xffffffff);
	}
	mmio_write32(dist + GICD_CTLR, GICD_CTLR_ARE | GICD_CTLR_GRP1);
	if (wait_clear(dist + GICD_CTLR, GICD_CTLR_RWP))
		return -ETIMEDOUT;
	return gicv3_init_cpu();
}

static int gicv3_enable_irq(uint32_t intid, uint8_t priority, bool edge)
{
	uint64_t redist;

	if (intid >= lines)
		return -EINVAL;
	if (intid < 32) {
		redist = this_redist();
		if (!redist)
			return -ENODEV;
		gic_set_byte(redist + GICR_IPRIORITYR(0), intid, priority);
		/* ICFGR0 (SGIs) is read-only; PPIs are in ICFGR1. */
		if (intid >= 16)
			gic_set_trigger(redist + GICR_ICFGR0, intid, edge);
		mmio_write32(redist + GICR_ISENABLER0, 1u << intid);
		return 0;
	}
	gic_set_byte(dist + GICD_IPRIORITYR(0), intid, priority);
	gic_set_trigger(dist + GICD_ICFGR(0), intid, edge);
	mmio_write64(dist + GICD_IROUTER(intid), route_affinity);
	mmio_write32(dist + GICD_ISENABLER(intid / 32), 1u << (intid % 32));
	return 0;
}

static void gicv3_disable_irq(uint32_t intid)
{
	uint64_t redist;

	if (intid >= lines)
		return;
	if (intid >= 32) {
		mmio_write32(dist + GICD_ICENABLER(intid / 32),
			     1u << (intid % 32));
		return;
	}
	redist = this_redist();
	if (redist)
		mmio_write32(redist + GICR_ICENABLER0, 1u << intid);
}

static uint32_t gicv3_ack(void)
{
	uint32_t raw = (uint32_t)read_sysreg(ICC_IAR1_EL1);

	__asm__ volatile("dsb sy" : : : "memory");
	return raw;
}

static void gicv3_eoi(uint32_t raw)
{
	write_sysreg(raw, ICC_EOIR1_EL1);
	isb();
}

static int gicv3_send_sgi(uint32_t sgi, uint64_t mpidr)
{
	uint64_t sgi1r;
	int err = gic_v3_sgi1r(sgi, mpidr, &sgi1r);

	if (err)
		return err;
	/* What we wrote before is seen by the target before the SGI. */
	dsb_ishst();
	write_sysreg(sgi1r, ICC_SGI1R_EL1);
	isb();
	return 0;
}

static const struct gic_ops gicv3_ops = {
	.init = gicv3_init,
	.init_cpu = gicv3_init_cpu,
	.enable_irq = gicv3_enable_irq,
	.disable_irq = gicv3_disable_irq,
	.ack = gicv3_ack,
	.eoi = gicv3_eoi,
	.send_sgi = gicv3_send_sgi,
};

/* GICv4 shares the binding: it is found in GICD_TYPER, not the DT. */
static const char gicv3_compatibles[] = "arm,gic-v3\0";

const struct gic_driver gicv3_driver = {
	.name = "gicv3",
	.compatibles = gicv3_compatibles,
	.ops = &gicv3_ops,
};
