/* domctl.h is the toolstack's interface and is only visible to it. */
#define __XEN_TOOLS__ 1

#include <string.h>

#include "kernel/errno.h"
#include "tests/guest/xen-watch/domctl.h"
#include "xen/hypercall.h"

#include <xen/domctl.h>

/*
 * The domctl interface is the toolstack's and changes its version with
 * Xen's releases (0x15 in 4.17, 0x17 in 4.20); Xen refuses any other
 * version with -EACCES.  The getdomaininfo fields read here are the same
 * in all of them, so the first call tries the header's version and the
 * next few, and keeps the one Xen takes.  Owned by xen_domain_state(),
 * called from the watcher thread only.
 */
#define DOMCTL_VERSIONS_TRIED	4
static uint32_t domctl_version = XEN_DOMCTL_INTERFACE_VERSION;
static bool domctl_version_known;

static long getdomaininfo(struct xen_domctl *op, uint16_t domid)
{
	unsigned int i;
	long err = -EACCES;

	for (i = 0; i < DOMCTL_VERSIONS_TRIED && err == -EACCES; i++) {
		memset(op, 0, sizeof(*op));
		op->cmd = XEN_DOMCTL_getdomaininfo;
		op->interface_version = domctl_version;
		op->domain = domid;
		err = xen_hypercall(__HYPERVISOR_domctl, XEN_ARG(op), 0, 0, 0,
				    0);
		if (err != -EACCES || domctl_version_known)
			break;
		domctl_version++;
	}
	if (err == 0)
		domctl_version_known = true;
	else if (!domctl_version_known)
		domctl_version = XEN_DOMCTL_INTERFACE_VERSION;
	return err;
}

long xen_domain_state(uint16_t domid, struct domain_state *out)
{
	struct xen_domctl op;
	uint32_t flags;
	long err;

	err = getdomaininfo(&op, domid);
	if (err)
		return err;
	/* getdomaininfo answers for the next domain at or after domid. */
	if (op.u.getdomaininfo.domain != domid)
		return -ESRCH;
	flags = op.u.getdomaininfo.flags;
	out->shutdown = flags & XEN_DOMINF_shutdown;
	out->shutdown_reason = (flags >> XEN_DOMINF_shutdownshift) &
			       XEN_DOMINF_shutdownmask;
	out->dying = flags & XEN_DOMINF_dying;
	out->pages = op.u.getdomaininfo.tot_pages;
	return 0;
}

const char *xen_shutdown_reason_name(unsigned int reason)
{
	switch (reason) {
	case SHUTDOWN_poweroff: return "poweroff";
	case SHUTDOWN_reboot: return "reboot";
	case SHUTDOWN_suspend: return "suspend";
	case SHUTDOWN_crash: return "crash";
	case SHUTDOWN_watchdog: return "watchdog";
	default: return "unknown";
	}
}
