#include <stdbool.h>
#include <stddef.h>

#include "boot/image.h"
#include "boot/irqflags.h"
#include "kernel/errno.h"
#include "mmu.h"
#include "sysregs.h"

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1ULL << PAGE_SHIFT)
#define ENTRIES		512
#define MMU_TABLES	32

/* Descriptor bits (Arm ARM D8.3, VMSAv8-64 translation table format). */
#define DESC_VALID	(1ULL << 0)
#define DESC_TABLE	(1ULL << 1)	/* table at levels 0-2, page at 3 */
#define DESC_ATTRIDX(i)	((uint64_t)(i) << 2)
#define DESC_ATTRIDX_MASK DESC_ATTRIDX(7)
#define DESC_AP_RO	(1ULL << 7)	/* AP[2]: read-only */
#define DESC_SH_INNER	(3ULL << 8)
#define DESC_AF		(1ULL << 10)
#define DESC_PXN	(1ULL << 53)
#define DESC_UXN	(1ULL << 54)
#define DESC_ADDR_MASK	0x0000fffffffff000ULL
/*
 * A guard page: an invalid level-3 entry (the walker ignores every other
 * bit of it) that software marks so that no later mapping fills the hole.
 */
#define DESC_GUARD	(1ULL << 55)

/* MAIR_EL1: index 0 Device-nGnRE, index 1 Normal inner/outer WB RA WA. */
#define MAIR_VALUE	((0x04ULL << 0) | (0xffULL << 8))
#define ATTR_DEVICE	(DESC_ATTRIDX(0) | DESC_AF | DESC_PXN | DESC_UXN)
#define ATTR_NORMAL	(DESC_ATTRIDX(1) | DESC_SH_INNER | DESC_AF | DESC_PXN | \
			 DESC_UXN)
#define ATTR_RODATA	(ATTR_NORMAL | DESC_AP_RO)
#define ATTR_TEXT	(DESC_ATTRIDX(1) | DESC_SH_INNER | DESC_AF | DESC_AP_RO | \
			 DESC_UXN)

/* TCR_EL1: 48-bit VA in TTBR0, 4K granule, WBWA inner-shareable walks,
 * TTBR1 walks disabled (EPD1); IPS is filled from ID_AA64MMFR0_EL1. */
#define TCR_T0SZ_48	16ULL
#define TCR_IRGN0_WBWA	(1ULL << 8)
#define TCR_ORGN0_WBWA	(1ULL << 10)
#define TCR_SH0_INNER	(3ULL << 12)
#define TCR_EPD1	(1ULL << 23)
#define TCR_IPS_SHIFT	32

/*
 * Thread stacks are mapped here, away from the identity map, each above an
 * unmapped guard page: stacks come from the page allocator, anywhere in
 * RAM, where carving a guard page out of a live 2 MiB block would need
 * break-before-make on memory in use.  New tables here only ever go from
 * invalid to valid.  The window sits high in the 48-bit space, above any
 * RAM or device the DT of a QEMU or Xen guest describes.
 */
#define STACK_WINDOW_BASE	0x0000fe0000000000ULL
#define STACK_WINDOW_END	0x0000ff0000000000ULL

/*
 * Translation tables and the next free address in the stack window.
 * Owned by this file; written only by the mapping calls, which mask IRQs
 * around each update: threads map too (stacks, Xen's foreign pages).
 */
static uint64_t tables[MMU_TABLES][ENTRIES] __attribute__((aligned(4096)));
static unsigned int tables_used = 1;	/* tables[0] is the level-0 root */
static uint64_t stack_window_next = STACK_WINDOW_BASE;

void mmu_turn_on(uint64_t mair, uint64_t tcr, uint64_t ttbr0,
		 uint64_t inval_start, uint64_t inval_end);

/* One request: map va to va + offset with attr (DESC_GUARD: a hole). */
struct map_request {
	uint64_t offset;
	uint64_t attr;
};

static unsigned int level_shift(int level)
{
	return PAGE_SHIFT + 9 * (unsigned int)(3 - level);
}

static uint64_t *new_table(void)
{
	if (tables_used == MMU_TABLES)
		return NULL;
	return tables[tables_used++];
}

static void publish(uint64_t *slot, uint64_t desc)
{
	*slot = desc;
	/* Make the entry visible to the table walker before it is used. */
	__asm__ volatile("dsb ishst\n isb" : : : "memory");
}

/*
 * An existing leaf may stay when it maps the same address with the same
 * memory type: the image's pages keep their stricter permissions when all
 * of RAM is mapped around them.  A hole stays too, unless a hole is asked.
 */
static int keep_existing(uint64_t desc, uint64_t out,
			 const struct map_request *req)
{
	if (!(desc & DESC_VALID))
		return 0;
	if (req->attr == DESC_GUARD)
		return -EEXIST;
	if ((desc & DESC_ADDR_MASK) != out ||
	    (desc & DESC_ATTRIDX_MASK) != (req->attr & DESC_ATTRIDX_MASK))
		return -EEXIST;
	return 0;
}

static int map_level(uint64_t *table, int level, uint64_t va, uint64_t end,
		     const struct map_request *req)
{
	unsigned int shift = level_shift(level);
	uint64_t block = 1ULL << shift;

	while (va < end) {
		uint64_t *slot = &table[(va >> shift) & (ENTRIES - 1)];
		uint64_t next = (va & ~(block - 1)) + block;
		uint64_t stop = next < end ? next : end;
		uint64_t out = (va & ~(block - 1)) + req->offset;
		bool whole = (va & (block - 1)) == 0 && stop == next &&
			     (req->offset & (block - 1)) == 0;
		/* Level 0 has no blocks with a 4K granule; 1 and 2 do.
		 * Holes are single pages. */
		bool leaf_ok = level == 3 ||
			       (level >= 1 && whole && req->attr != DESC_GUARD);
		int err;

		if ((*slot & DESC_VALID) && level < 3 && (*slot & DESC_TABLE)) {
			err = map_level((uint64_t *)(uintptr_t)
					(*slot & DESC_ADDR_MASK), level + 1,
					va, stop, req);
			if (err)
				return err;
		} else if ((*slot & DESC_VALID) || (*slot & DESC_GUARD)) {
			err = keep_existing(*slot, out, req);
			if (err)
				return err;
		} else if (leaf_ok && whole) {
			publish(slot, req->attr == DESC_GUARD ? DESC_GUARD :
				out | req->attr | DESC_VALID |
				(level == 3 ? DESC_TABLE : 0));
		} else {
			uint64_t *sub = new_table();

			if (!sub)
				return -ENOMEM;
			publish(slot, (uint64_t)(uintptr_t)sub | DESC_TABLE |
				DESC_VALID);
			err = map_level(sub, level + 1, va, stop, req);
			if (err)
				return err;
		}
		va = stop;
	}
	return 0;
}

static uint64_t attr_bits(enum mmu_attr attr)
{
	switch (attr) {
	case MMU_DEVICE: return ATTR_DEVICE;
	case MMU_TEXT: return ATTR_TEXT;
	case MMU_RODATA: return ATTR_RODATA;
	default: return ATTR_NORMAL;
	}
}

static int map_range(uint64_t va, uint64_t pa, uint64_t size, uint64_t attr)
{
	uint64_t start = va & ~(PAGE_SIZE - 1);
	uint64_t end = (va + size + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
	struct map_request req = { pa - va, attr };

	if (size == 0 || end <= start || end > (1ULL << 48) ||
	    ((pa ^ va) & (PAGE_SIZE - 1)))
		return -EINVAL;
	return map_level(tables[0], 0, start, end, &req);
}

int mmu_map(uint64_t base, uint64_t size, enum mmu_attr attr)
{
	unsigned long flags = irq_save();
	int err = map_range(base, base, size, attr_bits(attr));

	irq_restore(flags);
	return err ? -1 : 0;
}

/* align: 0, or where the stack must start (a power of two). */
static int map_stack(uint64_t pa, uint64_t size, uint64_t align,
		     uint64_t *stack)
{
	uint64_t pages = (size + PAGE_SIZE - 1) / PAGE_SIZE;
	unsigned long flags = irq_save();
	uint64_t guard = stack_window_next;
	int err = 0;

	if (align)
		guard = ((guard + PAGE_SIZE + align - 1) & ~(align - 1)) -
			PAGE_SIZE;

	if ((pa & (PAGE_SIZE - 1)) || pages == 0 || guard >= STACK_WINDOW_END ||
	    (pages + 1) * PAGE_SIZE > STACK_WINDOW_END - guard)
		err = -ENOMEM;
	if (!err)
		err = map_range(guard, 0, PAGE_SIZE, DESC_GUARD);
	if (!err)
		err = map_range(guard + PAGE_SIZE, pa, pages * PAGE_SIZE,
				ATTR_NORMAL);
	if (!err) {
		stack_window_next = guard + (pages + 1) * PAGE_SIZE;
		*stack = guard + PAGE_SIZE;
	}
	irq_restore(flags);
	return err;
}

int mmu_map_stack(uint64_t pa, uint64_t size, uint64_t *stack)
{
	return map_stack(pa, size, 0, stack);
}

int mmu_map_exception_stack(uint64_t pa, uint64_t *stack)
{
	const uint64_t size = 1ULL << EXCEPTION_STACK_SHIFT;

	/* Aligned to twice its size, as kernel.ld lays out the boot CPU's:
	 * boot/vectors.S tells an overflow by one bit of sp. */
	return map_stack(pa, size, 2 * size, stack);
}

/*
 * The image W^X (boot/kernel.ld has the boundaries), its stacks' guard
 * pages left unmapped.  Relocation is done: head.S applied it with the MMU
 * off, the last time anything writes text or rodata.
 */
static void map_image(uint64_t image_start, uint64_t image_end)
{
	uint64_t text_end = (uint64_t)(uintptr_t)__text_end;
	uint64_t rw_start = (uint64_t)(uintptr_t)__rw_start;

	map_range(image_start, image_start, text_end - image_start, ATTR_TEXT);
	map_range(text_end, text_end, rw_start - text_end, ATTR_RODATA);
	map_range((uint64_t)(uintptr_t)boot_stack_guard, 0, PAGE_SIZE,
		  DESC_GUARD);
	map_range((uint64_t)(uintptr_t)exception_stack_guard, 0, PAGE_SIZE,
		  DESC_GUARD);
	map_range(rw_start, rw_start, image_end - rw_start, ATTR_NORMAL);
}

void mmu_init_early(uint64_t image_start, uint64_t image_end,
		    uint64_t dtb, uint64_t dtb_size)
{
	uint64_t pa_range = read_sysreg(id_aa64mmfr0_el1) & 0xf;
	uint64_t tcr;

	/* IPS encodings 0-5 cover 32 to 48 bits; cap larger PAs at 48. */
	if (pa_range > 5)
		pa_range = 5;
	tcr = TCR_T0SZ_48 | TCR_IRGN0_WBWA | TCR_ORGN0_WBWA | TCR_SH0_INNER |
	      TCR_EPD1 | (pa_range << TCR_IPS_SHIFT);
	/* Failures here leave a region unmapped; the first access to it
	 * then faults into the exception dump, which is the best report
	 * available before a console exists. */
	map_image(image_start, image_end);
	if (dtb_size)
		mmu_map(dtb, dtb_size, MMU_NORMAL);
	mmu_turn_on(MAIR_VALUE, tcr, (uint64_t)(uintptr_t)tables[0],
		    image_start, image_end);
}

unsigned int mmu_tables_used(void)
{
	return tables_used;
}
