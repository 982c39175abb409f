/* domctl.h is the toolstack's interface and is only visible to it. */
#define __XEN_TOOLS__ 1

#include <string.h>

#include "kernel/errno.h"
#include "xen/domctl.h"
#include "xen/hypercall.h"

#include <xen/domctl.h>

long xen_domain_state(uint16_t domid, struct domain_state *out)
{
	struct xen_domctl op;
	uint32_t flags;
	long err;

	memset(&op, 0, sizeof(op));
	op.cmd = XEN_DOMCTL_getdomaininfo;
	op.interface_version = XEN_DOMCTL_INTERFACE_VERSION;
	op.domain = domid;
	err = xen_hypercall(__HYPERVISOR_domctl, XEN_ARG(&op), 0, 0, 0, 0);
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
