/*
 * The one domain-control call the kernel makes: asking about another
 * domain, as dom0 (the toolstack's xl list does the same).
 */
#ifndef XEN_DOMCTL_H
#define XEN_DOMCTL_H

#include <stdbool.h>
#include <stdint.h>

struct domain_state {
	bool shutdown;			/* XEN_DOMINF_shutdown */
	unsigned int shutdown_reason;	/* SHUTDOWN_* when shutdown */
	bool dying;
	uint64_t pages;
};

/*
 * Fill *out for domid: 0; -ESRCH when no domain has that id; or Xen's
 * error (-EPERM when we are not privileged).
 */
long xen_domain_state(uint16_t domid, struct domain_state *out);

/* "poweroff", "reboot", ... for a SHUTDOWN_* reason; "unknown" else. */
const char *xen_shutdown_reason_name(unsigned int reason);

#endif
