/* GICv2 (Arm IHI 0048B): memory-mapped distributor and CPU interface. */
#include "boot/mmu.h"
#include "boot/sysregs.h"
#include "drivers/gic.h"
#include "drivers/gic_cpus.h"
#include "drivers/gic_regs.h"
#include "drivers/mmio.h"
#include "kernel/errno.h"
#include "kernel/printk.h"

#define GICD_CTLR		0x000
#define GICD_TYPER		0x004
#define GICD_ISENABLER(n)	(0x100 + 4 * (n))
#define GICD_ICENABLER(n)	(0x180 + 4 * (n))
#define GICD_IPRIORITYR(n)	(0x400 + 4 * (n))
#define GICD_ITARGETSR(n)	(0x800 + 4 * (n))
#define GICD_ICFGR(n)		(0xc00 + 4 * (n))
#define GICD_SGIR		0xf00

#define GICC_CTLR		0x00
#define GICC_PMR		0x04
#define GICC_BPR		0x08
#define GICC_IAR		0x0c
#define GICC_EOIR		0x10

#define GICC_SIZE		0x2000

/*
 * Register bases and the INTIDs implemented, set once by gicv2_init() at
 * boot.
 */
static uint64_t dist, cpu;
static uint32_t lines;

/*
 * Each CPU's interface mask (the value), recorded by that CPU at the end
 * of gicv2_init_cpu().  Entry 0 is the boot CPU's: gicv2_init() records
 * it before any other CPU starts.
 */
static struct gic_cpus cpus;

/*
 * The calling CPU's part: its banked SGI/PPI enables and its CPU
 * interface registers.
 */
static int gicv2_init_cpu(void)
{
	uint64_t mpidr = read_sysreg(mpidr_el1);
	uint8_t mask;
	int err;

	/* Off until connected: a CPU back from CPU_OFF may have some on. */
	mmio_write32(dist + GICD_ICENABLER(0), 0xffffffff);
	/* Banked: the reader's own bit (Xen's vGICv2: 1 << vcpu_id). */
	mask = gic_v2_cpu_mask(mmio_read32(dist + GICD_ITARGETSR(0)), mpidr);
	if (!mask) {
		printk("gicv2: no CPU interface number for MPIDR 0x%lx\n",
		       (unsigned long)mpidr);
		return -ENODEV;
	}
	mmio_write32(cpu + GICC_PMR, 0xf0);
	mmio_write32(cpu + GICC_BPR, 0);
	mmio_write32(cpu + GICC_CTLR, 1);

	err = gic_cpus_record(&cpus, mpidr, mask);
	if (err)
		printk("gicv2: MPIDR 0x%lx: more than %u CPUs\n",
		       (unsigned long)mpidr, GIC_MAX_CPUS);
	return err;
}

static int gicv2_init(const struct platform *p)
{
	uint32_t i;

	dist = p->gic.dist.base;
	cpu = p->gic.cpu.base;
	if (mmu_map(dist, p->gic.dist.size ? p->gic.dist.size : 0x1000,
		    MMU_DEVICE) ||
	    mmu_map(cpu, GICC_SIZE, MMU_DEVICE))
		return -EFAULT;
	mmio_write32(dist + GICD_CTLR, 0);
	lines = 32 * ((mmio_read32(dist + GICD_TYPER) & 0x1f) + 1);
	if (lines > GIC_INTID_LIMIT)
		lines = GIC_INTID_LIMIT;
	for (i = 32; i < lines; i += 32)
		mmio_write32(dist + GICD_ICENABLER(i / 32), 0xffffffff);
	mmio_write32(dist + GICD_CTLR, 1);
	return gicv2_init_cpu();
}

static int gicv2_enable_irq(uint32_t intid, uint8_t priority, bool edge)
{
	if (intid >= lines)
		return -EINVAL;
	gic_set_byte(dist + GICD_IPRIORITYR(0), intid, priority);
	if (intid >= 32) {
		gic_set_trigger(dist + GICD_ICFGR(0), intid, edge);
		/* SPIs go to the boot CPU. */
		gic_set_byte(dist + GICD_ITARGETSR(0), intid,
			     (uint8_t)cpus.cpu[0].value);
	}
	mmio_write32(dist + GICD_ISENABLER(intid / 32), 1u << (intid % 32));
	return 0;
}

static void gicv2_disable_irq(uint32_t intid)
{
	if (intid >= lines)
		return;
	mmio_write32(dist + GICD_ICENABLER(intid / 32), 1u << (intid % 32));
}

/*
 * GICv2 INTIDs are 10 bits, and bits 10-12 of GICC_IAR name the CPU that
 * sent an SGI.  The kernel reads the INTID from bits 0-23 of what ack()
 * returns (kernel/irq.h), so the source moves up to bits 24-26 and back
 * for the EOI, which must name it.
 */
#define IAR_INTID		0x3ffu
#define IAR_SOURCE_SHIFT	10
#define ACK_SOURCE_SHIFT	24

static uint32_t gicv2_ack(void)
{
	uint32_t raw = mmio_read32(cpu + GICC_IAR);
	uint32_t intid = raw & IAR_INTID;

	if (intid >= 1020)
		return 1023;
	return intid | (raw >> IAR_SOURCE_SHIFT & 7) << ACK_SOURCE_SHIFT;
}

static void gicv2_eoi(uint32_t ack)
{
	mmio_write32(cpu + GICC_EOIR, (ack & IAR_INTID) |
		     (ack >> ACK_SOURCE_SHIFT & 7) << IAR_SOURCE_SHIFT);
}

static int gicv2_send_sgi(uint32_t sgi, uint64_t mpidr)
{
	const struct gic_cpu *target = gic_cpus_find(&cpus, mpidr);
	uint32_t sgir;
	int err;

	if (!target)
		return -ENOENT;
	err = gic_v2_sgir(sgi, (uint8_t)target->value, &sgir);
	if (err)
		return err;
	/* What we wrote before is seen by the target before the SGI. */
	dsb_ishst();
	mmio_write32(dist + GICD_SGIR, sgir);
	return 0;
}

static const struct gic_ops gicv2_ops = {
	.init = gicv2_init,
	.init_cpu = gicv2_init_cpu,
	.enable_irq = gicv2_enable_irq,
	.disable_irq = gicv2_disable_irq,
	.ack = gicv2_ack,
	.eoi = gicv2_eoi,
	.send_sgi = gicv2_send_sgi,
};

/* The GICv2 family in fdt/bindings.c: one register layout. */
static const char gicv2_compatibles[] =
	"arm,gic-400\0"
	"arm,cortex-a15-gic\0"
	"arm,cortex-a9-gic\0"
	"arm,cortex-a7-gic\0"
	"arm,pl390\0"
	"arm,arm11mp-gic\0"
	"arm,arm1176jzf-devchip-gic\0"
	"arm,eb11mp-gic\0"
	"arm,tc11mp-gic\0"
	"brcm,brahma-b15-gic\0"
	"nvidia,tegra210-agic\0"
	"qcom,msm-8660-qgic\0"
	"qcom,msm-qgic2\0";

const struct gic_driver gicv2_driver = {
	.name = "gicv2",
	.compatibles = gicv2_compatibles,
	.ops = &gicv2_ops,
};
