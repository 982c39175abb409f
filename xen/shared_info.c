/*
 * The shared-info page ("enlighten" in Linux): event-channel bitmaps and
 * wallclock, mapped at a free guest-physical page with
 * XENMEM_add_to_physmap; and each vCPU's vcpu_info, placed in our own
 * memory with VCPUOP_register_vcpu_info.  On Arm the shared page holds a
 * vcpu_info for vCPU 0 only (XEN_LEGACY_MAX_VCPUS is 1): every other vCPU
 * has none until it registers one, and arch-arm.h asks for all of them,
 * vCPU 0's included, to be registered.
 */
#include "boot/cpu.h"
#include "kernel/atomic.h"
#include "kernel/errno.h"
#include "kernel/page_alloc.h"
#include "kernel/printk.h"
#include "kernel/thread.h"
#include "xen/guest.h"
#include "xen/physmap.h"
#include "xen/shared_info.h"
#include "xen/vcpu_id.h"
#include "xen/wallclock.h"

/*
 * One page holds every CPU's area, CPU i's at i * VCPU_INFO_STRIDE: an
 * area must not cross a page (vcpu.h), and Xen wants it aligned for the
 * structure, which 64 bytes are.
 */
#define VCPU_INFO_STRIDE	64
_Static_assert(sizeof(struct vcpu_info) <= VCPU_INFO_STRIDE,
	       "vcpu_info outgrew its stride");
_Static_assert(CPU_MAX * VCPU_INFO_STRIDE <= 4096,
	       "vcpu_info areas outgrew their page");

/* Written once by shared_info_init() at boot; the pages they point to
 * are shared with Xen and accessed with atomics (xen/events.c). */
struct shared_info *xen_shared_info;
static uint8_t *vcpu_info_page;
/*
 * Entry i: written once, by CPU i itself (CPU 0 in shared_info_init(),
 * the others in xen_cpu_starting()) before it takes an upcall; read by
 * CPU i's upcall and, to see whether CPU i has one, by event-channel
 * binding under the kernel lock.  Non-NULL also says "registered": Xen
 * takes VCPUOP_register_vcpu_info only once per vCPU.
 */
struct vcpu_info *xen_vcpu_info[CPU_MAX];

/* Place CPU cpu's area for its vCPU: 0 or Xen's error.  Xen takes it
 * from the vCPU itself (or for one that is down). */
static long register_area(unsigned int cpu)
{
	uintptr_t area = (uintptr_t)vcpu_info_page + cpu * VCPU_INFO_STRIDE;
	struct vcpu_register_vcpu_info reg = {
		.mfn = (uint64_t)area >> 12,
		.offset = (uint32_t)(area & 0xfff),
		.rsvd = 0,
	};

	return hyp_vcpu_op(VCPUOP_register_vcpu_info,
			   xen_vcpu_id(cpus[cpu].mpidr), &reg);
}

long shared_info_init(void)
{
	uint64_t gpa = xen_physmap_alloc(1);
	struct xen_add_to_physmap xatp = {
		.domid = DOMID_SELF,
		.space = XENMAPSPACE_shared_info,
		.idx = 0,
		.gpfn = gpa >> 12,
	};
	struct vcpu_info *vi;
	long err;

	if (!gpa)
		return -ENOMEM;
	err = hyp_memory_op(XENMEM_add_to_physmap, &xatp);
	if (err) {
		printk("xen: XENMEM_add_to_physmap(shared_info) at 0x%llx: "
		       "%ld (%s)\n", (unsigned long long)gpa, err,
		       errno_name(err));
		return err;
	}
	xen_shared_info = (struct shared_info *)(uintptr_t)gpa;

	vcpu_info_page = page_alloc(1);
	if (!vcpu_info_page)
		return -ENOMEM;
	/* At boot, on the boot CPU: Xen's vCPU 0. */
	err = register_area(0);
	if (err) {
		/* Older Xen: vCPU 0's info stays in the shared page. */
		printk("xen: VCPUOP_register_vcpu_info: %ld (%s), using the "
		       "shared page\n", err, errno_name(err));
		vi = &xen_shared_info->vcpu_info[0];
	} else {
		vi = (struct vcpu_info *)vcpu_info_page;
	}
	xen_vcpu_info[0] = vi;
	printk("xen: shared info at 0x%llx, vcpu_info at %p\n",
	       (unsigned long long)gpa, (void *)vi);
	return 0;
}

int xen_cpu_starting(unsigned int cpu)
{
	struct vcpu_info *vi;
	long err;

	if (cpu >= CPU_MAX)
		return -EINVAL;
	if (!vcpu_info_page) {
		if (!xen->present || xen->no_node)
			return 0;	/* no event channels: nothing to do */
		printk("xen: cpu %u: started before the shared info was set "
		       "up: no vcpu_info\n", cpu);
		return -ENOENT;
	}
	/* The boot CPU registered in shared_info_init() and never goes
	 * down: its flags are live, not stale. */
	if (cpu == 0)
		return 0;
	vi = xen_vcpu_info[cpu];
	if (vi) {
		/*
		 * Back from CPU_OFF: Xen kept the area (CPU_ON sets the
		 * vCPU's context, it does not reset the vCPU), but a pending
		 * flag left from before would stop every later upcall: Arm's
		 * vcpu_mark_events_pending raises the PPI only when the flag
		 * goes 0 -> 1, and CPU_ON dropped the PPI it had raised
		 * (vgic_clear_pending_irqs).  What the flag and the selector
		 * said is stale: the CPU's ports were moved to CPU 0 before
		 * it went down (xen_cpu_dying), which re-delivered their
		 * events there.
		 */
		vi->evtchn_upcall_pending = 0;
		(void)atomic_xchg64(
			(volatile uint64_t *)&vi->evtchn_pending_sel, 0);
		return 0;
	}
	err = register_area(cpu);
	if (err) {
		printk("xen: cpu %u: VCPUOP_register_vcpu_info for vCPU %u: "
		       "%ld (%s)\n", cpu, xen_vcpu_id(cpus[cpu].mpidr), err,
		       errno_name(err));
		return (int)err;
	}
	xen_vcpu_info[cpu] = (struct vcpu_info *)(vcpu_info_page +
						   cpu * VCPU_INFO_STRIDE);
	return 0;
}

int xen_wallclock_now_ns(uint64_t *now)
{
	struct wallclock_fields f;
	uint64_t base;
	int err;

	if (!xen_shared_info)
		return -ENOENT;
	f.version = &xen_shared_info->wc_version;
	f.sec = &xen_shared_info->wc_sec;
	f.sec_hi = &xen_shared_info->wc_sec_hi;
	f.nsec = &xen_shared_info->wc_nsec;
	err = wallclock_read(&f, &base);
	if (err)
		return err;
	/* The scheduler's clock is the virtual counter: system time. */
	*now = base + sched_now_ns();
	return 0;
}
