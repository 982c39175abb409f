/*
 * Guest-physical space that is neither RAM nor a device, for Xen to map
 * things into (shared info, foreign grants): an extended region from
 * /hypervisor when Xen gave one, else the hole above the highest RAM bank.
 */
#ifndef XEN_PHYSMAP_H
#define XEN_PHYSMAP_H

#include <stdint.h>

#include "fdt/platform.h"

/* No result: with no space found it says so, and every alloc gives 0. */
void xen_physmap_init(const struct platform *p);
/* npages of free guest-physical space, mapped Normal; 0 when none left. */
uint64_t xen_physmap_alloc(unsigned int npages);

#endif
