#ifndef XEN_SHARED_INFO_H
#define XEN_SHARED_INFO_H

#include "xen/hypercall.h"

/* Set up by shared_info_init(); NULL before. */
extern struct shared_info *xen_shared_info;
extern struct vcpu_info *xen_vcpu_info;

/*
 * Map shared info and register vcpu 0's vcpu_info: 0; -ENOMEM when no
 * space or page is left; or Xen's error, logged.  A Xen that cannot move
 * vcpu_info is not an error: it stays in the shared page.
 */
long shared_info_init(void);

/*
 * The time of day by Xen's wallclock (xen/wallclock.h) and the virtual
 * counter: ns since 1970 in *now.  0; -ENOENT before shared_info_init()
 * (or without Xen); wallclock_read()'s errors.  The wallclock counts
 * from 1970 at Xen's boot until the control domain sets it (a Linux
 * dom0 does, from its RTC): the caller judges whether it was set.
 */
int xen_wallclock_now_ns(uint64_t *now);

#endif
