/*
 * Stage-1 map for EL1: the identity map built from what the DT described
 * (RAM as Normal write-back memory, never executable; device regions that
 * drivers ask for as Device-nGnRE), the image W^X inside it, and a window
 * of thread stacks with guard pages.  Entries are only ever added
 * (invalid -> valid), so the live tables can grow without
 * break-before-make.
 */
#ifndef BOOT_MMU_H
#define BOOT_MMU_H

#include <stdint.h>

enum mmu_attr {
	MMU_DEVICE,
	MMU_NORMAL,	/* read-write, not executable */
	MMU_TEXT,	/* read-only, executable */
	MMU_RODATA,	/* read-only, not executable */
};

/*
 * Identity-map [base, base + size) at page granularity (rounded outwards).
 * Pages already mapped with the same memory type keep their permissions
 * (the image stays W^X inside RAM); guard pages stay unmapped.
 * Returns 0, or -1 when the range overlaps a mapping of another type or
 * the table pool is exhausted (the caller reports which region).  Safe
 * from threads: IRQs are masked while the tables change.
 */
int mmu_map(uint64_t base, uint64_t size, enum mmu_attr attr);

/*
 * Map size bytes of RAM at pa (page aligned) as a stack in the stack
 * window, above an unmapped guard page; *stack gets its lowest address.
 * Returns 0, -ENOMEM when the window or the table pool is exhausted,
 * -EINVAL for a bad pa, -EEXIST if the window collides with a mapping.
 */
int mmu_map_stack(uint64_t pa, uint64_t size, uint64_t *stack);
/*
 * The same for an exception stack (boot/image.h's size and alignment,
 * from 1 << EXCEPTION_STACK_SHIFT bytes at pa): a CPU's other than the
 * boot one.
 */
int mmu_map_exception_stack(uint64_t pa, uint64_t *stack);

/* Map the image and the DTB, then turn the MMU and caches on. */
void mmu_init_early(uint64_t image_start, uint64_t image_end,
		    uint64_t dtb, uint64_t dtb_size);

/* Number of translation-table pages in use (for the boot log). */
unsigned int mmu_tables_used(void);

#endif
