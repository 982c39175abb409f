/*
 * Grant tables, v1 entries.  Our table's frames are mapped with
 * XENMEM_add_to_physmap into the region the DT's /hypervisor reg[0] gives.
 * Functions return >= 0 or a negative error; grant-op failures are
 * reported with Xen's GNTST status, which gnttab_status_name() spells.
 * Mapping a foreign grant only a test guest does
 * (tests/guest/xen-peer/gnttab_map.h).
 */
#ifndef XEN_GNTTAB_H
#define XEN_GNTTAB_H

#include <stdbool.h>
#include <stdint.h>

#include "fdt/platform.h"
#include "xen/hypercall.h"

int gnttab_init(const struct platform *p);

/* Let domid access the page at gpa.  Returns the grant reference. */
long gnttab_grant_access(domid_t domid, uint64_t gpa, bool readonly);
/*
 * The same with a reference the caller chose (both ends of a test agree
 * on it through bootargs): -EBUSY if it is in use, -EINVAL if too big.
 */
long gnttab_grant_access_ref(grant_ref_t ref, domid_t domid, uint64_t gpa,
			     bool readonly);
/*
 * Revoke a grant.  -EBUSY (and the grant stays) while the peer still has
 * it mapped: reusing the entry then would hand the peer someone else's
 * page.  -EALREADY if ref is free already (ended twice): refused, so that
 * it cannot end up on the free list twice and be handed to two users.
 * -EINVAL for a reserved or unmapped ref.
 */
long gnttab_end_access(grant_ref_t ref);
/* The entry's flags now (0: free and not in use by the peer). */
uint16_t gnttab_entry_flags(grant_ref_t ref);
bool gnttab_ref_is_free(grant_ref_t ref);

const char *gnttab_status_name(long status);
unsigned int gnttab_frames(void);

#endif
