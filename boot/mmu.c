#include <stdbool.h>
#include <stddef.h>

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
#define DESC_SH_INNER	(3ULL << 8)
#define DESC_AF		(1ULL << 10)
#define DESC_PXN	(1ULL << 53)
#define DESC_UXN	(1ULL << 54)
#define DESC_ADDR_MASK	0x0000fffffffff000ULL

/* MAIR_EL1: index 0 Device-nGnRE, index 1 Normal inner/outer WB RA WA. */
#define MAIR_VALUE	((0x04ULL << 0) | (0xffULL << 8))
#define ATTR_DEVICE	(DESC_ATTRIDX(0) | DESC_AF | DESC_PXN | DESC_UXN)
#define ATTR_NORMAL	(DESC_ATTRIDX(1) | DESC_SH_INNER | DESC_AF | DESC_UXN)

/* TCR_EL1: 48-bit VA in TTBR0, 4K granule, WBWA inner-shareable walks,
 * TTBR1 walks disabled (EPD1); IPS is filled from ID_AA64MMFR0_EL1. */
#define TCR_T0SZ_48	16ULL
#define TCR_IRGN0_WBWA	(1ULL << 8)
#define TCR_ORGN0_WBWA	(1ULL << 10)
#define TCR_SH0_INNER	(3ULL << 12)
#define TCR_EPD1	(1ULL << 23)
#define TCR_IPS_SHIFT	32

/*
 * Translation tables.  Owned by this file; written only during boot and by
 * mmu_map(), which callers use before threads start or with IRQs masked.
 */
static uint64_t tables[MMU_TABLES][ENTRIES] __attribute__((aligned(4096)));
static unsigned int tables_used = 1;	/* tables[0] is the level-0 root */

void mmu_turn_on(uint64_t mair, uint64_t tcr, uint64_t ttbr0,
		 uint64_t inval_start, uint64_t inval_end);

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

static int map_level(uint64_t *table, int level, uint64_t va, uint64_t end,
		     uint64_t attr)
{
	unsigned int shift = level_shift(level);
	uint64_t block = 1ULL << shift;

	while (va < end) {
		uint64_t *slot = &table[(va >> shift) & (ENTRIES - 1)];
		uint64_t next = (va & ~(block - 1)) + block;
		uint64_t stop = next < end ? next : end;
		bool whole = (va & (block - 1)) == 0 && stop == next;
		/* Level 0 has no blocks with a 4K granule; 1 and 2 do. */
		bool leaf_ok = level == 3 || (level >= 1 && whole);

		if (*slot & DESC_VALID) {
			bool is_table = level < 3 && (*slot & DESC_TABLE);

			if (!is_table) {
				/* Already a block or page: same kind only. */
				if ((*slot & ~DESC_ADDR_MASK & ~DESC_TABLE) !=
				    (attr | DESC_VALID))
					return -1;
			} else if (map_level((uint64_t *)(uintptr_t)
					     (*slot & DESC_ADDR_MASK),
					     level + 1, va, stop, attr)) {
				return -1;
			}
		} else if (leaf_ok && whole) {
			publish(slot, (va & ~(block - 1)) | attr | DESC_VALID |
				(level == 3 ? DESC_TABLE : 0));
		} else {
			uint64_t *sub = new_table();

			if (!sub)
				return -1;
			publish(slot, (uint64_t)(uintptr_t)sub | DESC_TABLE |
				DESC_VALID);
			if (map_level(sub, level + 1, va, stop, attr))
				return -1;
		}
		va = stop;
	}
	return 0;
}

int mmu_map(uint64_t base, uint64_t size, enum mmu_attr attr)
{
	uint64_t start = base & ~(PAGE_SIZE - 1);
	uint64_t end = (base + size + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);

	if (size == 0 || end <= start || end > (1ULL << 48))
		return -1;
	return map_level(tables[0], 0, start, end,
			 attr == MMU_NORMAL ? ATTR_NORMAL : ATTR_DEVICE);
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
	mmu_map(image_start, image_end - image_start, MMU_NORMAL);
	if (dtb_size)
		mmu_map(dtb, dtb_size, MMU_NORMAL);
	mmu_turn_on(MAIR_VALUE, tcr, (uint64_t)(uintptr_t)tables[0],
		    image_start, image_end);
}

unsigned int mmu_tables_used(void)
{
	return tables_used;
}
