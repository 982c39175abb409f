#ifndef XEN_SHARED_INFO_H
#define XEN_SHARED_INFO_H

#include "boot/cpu.h"
#include "xen/hypercall.h"

/* Set up by shared_info_init(); NULL before. */
extern struct shared_info *xen_shared_info;
/* CPU i's vcpu_info once registered (xen_cpu_starting()); NULL before,
 * and for a CPU that never started. */
extern struct vcpu_info *xen_vcpu_info[CPU_MAX];

/*
 * Map shared info and register vcpu 0's vcpu_info: 0; -ENOMEM when no
 * space or page is left; or Xen's error, logged.  A Xen that cannot move
 * vcpu_info is not an error: it stays in the shared page.
 */
long shared_info_init(void);

/*
 * On CPU cpu as it starts, before its upcall (PPI) is enabled: register
 * its vcpu_info for the vCPU its MPIDR names (xen/vcpu_id.h).  Only the
 * first start registers (Xen takes it once per vCPU, and keeps it across
 * CPU_OFF and CPU_ON); a later one clears what the vCPU's flags said
 * before it went down, which needs its ports moved off first
 * (xen_cpu_dying(), xen/events.h).  0, also without Xen or without
 * event channels (nothing to do); -EINVAL for cpu >= CPU_MAX; -ENOENT,
 * logged, with event channels but before shared_info_init() (the boot
 * starts CPUs after xen_init()); or Xen's error, logged with the CPU.
 * On an error the CPU must stay off: it could take no event.  For CPU
 * 0, registered by shared_info_init(), it does nothing.
 */
int xen_cpu_starting(unsigned int cpu);

/*
 * The time of day by Xen's wallclock (xen/wallclock.h) and the virtual
 * counter: ns since 1970 in *now.  0; -ENOENT before shared_info_init()
 * (or without Xen); wallclock_read()'s errors.  The wallclock counts
 * from 1970 at Xen's boot until the control domain sets it (a Linux
 * dom0 does, from its RTC): the caller judges whether it was set.
 */
int xen_wallclock_now_ns(uint64_t *now);

#endif
