/*
 * The one domain-control call a guest here makes (app=xen-watch): asking
 * about another domain, as dom0 (the toolstack's xl list does the same).
 */
#ifndef TESTS_GUEST_XEN_WATCH_DOMCTL_H
#define TESTS_GUEST_XEN_WATCH_DOMCTL_H

#include <stdbool.h>
#include <stdint.h>

struct domain_state {
	bool shutdown;			/* XEN_DOMINF_shutdown */
	unsigned int shutdown_reason;	/* SHUTDOWN_* when shutdown */
	bool dying;
	uint64_t pages;
};

/*
 * 0, or a negative errno: Xen's (-EPERM when not privileged, -EACCES when
 * no domctl interface version it knows was accepted), or -ESRCH when no
 * domain has that id.
 */
long xen_domain_state(uint16_t domid, struct domain_state *out);

const char *xen_shutdown_reason_name(unsigned int reason);

#endif
