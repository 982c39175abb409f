/*
 * Mapping another domain's grant into free guest-physical space
 * (xen/physmap.h), as app=xen-peer's mapper does; the granting side is
 * the kernel's (xen/gnttab.h).  Grant-op failures are reported with Xen's
 * GNTST status, which gnttab_status_name() spells.
 */
#ifndef TESTS_GUEST_XEN_PEER_GNTTAB_MAP_H
#define TESTS_GUEST_XEN_PEER_GNTTAB_MAP_H

#include <stdbool.h>
#include <stdint.h>

#include "xen/hypercall.h"

struct gnttab_mapping {
	uint64_t gpa;			/* where the page now appears */
	grant_handle_t handle;
};

/* Map domid's grant ref; returns 0 or the GNTST status (negative). */
long gnttab_map(domid_t domid, grant_ref_t ref, bool readonly,
		struct gnttab_mapping *out);
/* The same without a log line, for callers that expect to retry. */
long gnttab_map_quiet(domid_t domid, grant_ref_t ref, bool readonly,
		      struct gnttab_mapping *out);
long gnttab_unmap(const struct gnttab_mapping *m);

#endif
