/*
 * Mapping another domain's grant into free guest-physical space
 * (xen/physmap.h): a vchan client's rings (frontends/vchan.c), app=xen-peer's
 * mapper; the granting side is xen/gnttab.h.  A failed grant
 * operation's GNTST status is logged by name and returned as an errno
 * (xen/gnttab_status.h).
 */
#ifndef XEN_GNTTAB_MAP_H
#define XEN_GNTTAB_MAP_H

#include <stdbool.h>
#include <stdint.h>

#include "xen/hypercall.h"

struct gnttab_mapping {
	uint64_t gpa;			/* where the page now appears */
	grant_handle_t handle;
};

/*
 * Map domid's grant ref into free guest-physical space; *out says where.
 * 0; -ENOMEM when no space is left; Xen's error; or the status's errno,
 * e.g. -EINVAL for no such grant (GNTST_bad_gntref), -ESRCH for no such
 * domain, -EACCES when the grant does not allow it.  Logs the status.
 */
long gnttab_map(domid_t domid, grant_ref_t ref, bool readonly,
		struct gnttab_mapping *out);
/*
 * The same at gpa, a page of space the caller took from
 * xen_physmap_alloc() (several grants side by side make one ring).
 * The page of space stays the caller's, mapped or not.
 */
long gnttab_map_at(domid_t domid, grant_ref_t ref, bool readonly,
		   uint64_t gpa, struct gnttab_mapping *out);
/* The same as gnttab_map without a log line, for callers that retry. */
long gnttab_map_quiet(domid_t domid, grant_ref_t ref, bool readonly,
		      struct gnttab_mapping *out);
/*
 * Undo gnttab_map: 0; Xen's error; or the status's errno (-EBADF for a
 * handle Xen does not know).  The page of space is not reused.
 */
long gnttab_unmap(const struct gnttab_mapping *m);

#endif
