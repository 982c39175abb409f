/*
 * Stage-1 identity map for EL1.  Built from what the DT described: RAM as
 * Normal write-back memory, device regions that drivers ask for as
 * Device-nGnRE.  Entries are only ever added (invalid -> valid), so the live
 * tables can grow without break-before-make.
 */
#ifndef BOOT_MMU_H
#define BOOT_MMU_H

#include <stdint.h>

enum mmu_attr {
	MMU_DEVICE,
	MMU_NORMAL,
};

/*
 * Map [base, base + size) at page granularity (rounded outwards).
 * Returns 0, or -1 when the range overlaps a mapping with other attributes
 * or the table pool is exhausted (the caller reports which region).
 */
int mmu_map(uint64_t base, uint64_t size, enum mmu_attr attr);

/* Map the image and the DTB, then turn the MMU and caches on. */
void mmu_init_early(uint64_t image_start, uint64_t image_end,
		    uint64_t dtb, uint64_t dtb_size);

/* Number of translation-table pages in use (for the boot log). */
unsigned int mmu_tables_used(void);

#endif
