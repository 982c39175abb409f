/*
 * Grant tables, v1 entries.  Our table's frames are mapped with
 * XENMEM_add_to_physmap into the region the DT's /hypervisor reg[0] gives.
 * Functions return >= 0 or a negative errno: Xen's error for a failed
 * hypercall, or a failed grant operation's GNTST status turned into an
 * errno (xen/gnttab_status.h has the table; the log line names the
 * status).  Mapping another domain's grant: xen/gnttab_map.h.
 */
#ifndef XEN_GNTTAB_H
#define XEN_GNTTAB_H

#include <stdbool.h>
#include <stdint.h>

#include "fdt/platform.h"
#include "xen/hypercall.h"

/*
 * Map our table's frames (up to 4) where the DT's /hypervisor reg[0]
 * says.  0; -EINVAL when that region is missing or unmappable; Xen's
 * error (or the GNTST status's errno) when it refuses the table.
 */
int gnttab_init(const struct platform *p);

/*
 * Let domid access the page at gpa.  Returns the grant reference (>= 0),
 * or -ENOSPC when every reference is in use.
 */
long gnttab_grant_access(domid_t domid, uint64_t gpa, bool readonly);
/*
 * The same with a reference the caller chose (both ends of a test agree
 * on it through bootargs): returns ref, -EBUSY if it is in use (or
 * reserved for the toolstack), -EINVAL if beyond the table.
 */
long gnttab_grant_access_ref(grant_ref_t ref, domid_t domid, uint64_t gpa,
			     bool readonly);
/*
 * Revoke a grant: 0.  -EBUSY (and the grant stays) while the peer still
 * has it mapped: reusing the entry then would hand the peer someone
 * else's page.  -EALREADY if ref is free already (ended twice): refused,
 * so that it cannot end up on the free list twice and be handed to two
 * users.  -EINVAL for a reserved or unmapped ref.
 */
long gnttab_end_access(grant_ref_t ref);
/* The entry's flags now (0: free and not in use by the peer; 0xffff for
 * a ref beyond the table). */
uint16_t gnttab_entry_flags(grant_ref_t ref);
/* True if ref is on our free list (false too for one we do not manage). */
bool gnttab_ref_is_free(grant_ref_t ref);

/* How many table frames gnttab_init mapped (0 before it). */
unsigned int gnttab_frames(void);

#endif
