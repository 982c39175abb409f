/*
 * Xen guest support, enabled only when the DT has a "xen,xen" node or Xen
 * answered the SMCCC hypervisor UID (drivers/smccc.h): no hypercall is
 * ever made otherwise (on bare hardware at EL2 the hvc would hang).
 */
#ifndef XEN_GUEST_H
#define XEN_GUEST_H

#include <stdbool.h>
#include <stdint.h>

#include "fdt/platform.h"

struct xen_info {
	bool present;
	/*
	 * Found through SMCCC, no /hypervisor node: no grant-table region
	 * and no event-channel INTID, so console_io and SCHEDOP_shutdown
	 * are all there is.
	 */
	bool no_node;
	unsigned int major, minor;
	bool dom0;			/* XENFEAT_dom0 */
	uint32_t features;		/* XENVER_get_features submap 0 */
};

/* What xen_early_init() found; read-only afterwards. */
extern const struct xen_info *const xen;

/*
 * Version and features, and Xen's power ops (SCHEDOP_shutdown), when p
 * has a /hypervisor node or p->xen.found_by_smccc.  Needs only
 * hypercalls, so it runs before the console is chosen.
 */
void xen_early_init(const struct platform *p);

/*
 * Shared info, vcpu_info, event channels, grant tables: 0 (also without
 * Xen, or without /hypervisor: xen->no_node, nothing to start), or the
 * first failing step's negative errno, logged; -ENOENT when /hypervisor
 * names no event-channel interrupt.
 */
int xen_init(const struct platform *p);

/*
 * A domU's XenStore, control and XenBus, started on their own thread
 * (not without /hypervisor: they need event channels).
 */
void xen_start_services(void);

#endif
