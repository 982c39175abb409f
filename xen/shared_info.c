/*
 * The shared-info page ("enlighten" in Linux): event-channel bitmaps and
 * wallclock, mapped at a free guest-physical page with
 * XENMEM_add_to_physmap; and vcpu_info, moved into our own memory with
 * VCPUOP_register_vcpu_info as guests with more than one vCPU must.
 */
#include "kernel/errno.h"
#include "kernel/page_alloc.h"
#include "kernel/printk.h"
#include "kernel/thread.h"
#include "xen/physmap.h"
#include "xen/shared_info.h"
#include "xen/wallclock.h"

/* Written once by shared_info_init() at boot; the pages they point to
 * are shared with Xen and accessed with atomics (xen/events.c). */
struct shared_info *xen_shared_info;
struct vcpu_info *xen_vcpu_info;

long shared_info_init(void)
{
	uint64_t gpa = xen_physmap_alloc(1);
	struct xen_add_to_physmap xatp = {
		.domid = DOMID_SELF,
		.space = XENMAPSPACE_shared_info,
		.idx = 0,
		.gpfn = gpa >> 12,
	};
	struct vcpu_register_vcpu_info reg;
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

	vi = page_alloc(1);
	if (!vi)
		return -ENOMEM;
	reg.mfn = (uint64_t)(uintptr_t)vi >> 12;
	reg.offset = (uint32_t)((uintptr_t)vi & 0xfff);
	reg.rsvd = 0;
	err = hyp_vcpu_op(VCPUOP_register_vcpu_info, 0, &reg);
	if (err) {
		/* Older Xen: vCPU 0's info stays in the shared page. */
		printk("xen: VCPUOP_register_vcpu_info: %ld (%s), using the "
		       "shared page\n", err, errno_name(err));
		vi = &xen_shared_info->vcpu_info[0];
	}
	xen_vcpu_info = vi;
	printk("xen: shared info at 0x%llx, vcpu_info at %p\n",
	       (unsigned long long)gpa, (void *)vi);
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
