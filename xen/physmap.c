#include "boot/mmu.h"
#include "kernel/page_alloc.h"
#include "kernel/printk.h"
#include "xen/physmap.h"

#define HOLE_ALIGN	(2ULL << 20)
#define HOLE_SIZE	(64ULL << 20)

/* The region handed out from, bump-allocated; owned by this file. */
static uint64_t next, limit;

static int overlaps(uint64_t a, uint64_t as, const struct region *r)
{
	return r->size && a < r->base + r->size && r->base < a + as;
}

/* Nothing the DT described may lie in [base, base + size). */
static int is_free(const struct platform *p, uint64_t base, uint64_t size)
{
	unsigned int i;

	for (i = 0; i < p->ram_count; i++)
		if (overlaps(base, size, &p->ram[i]))
			return 0;
	for (i = 0; i < p->uart_count; i++)
		if (overlaps(base, size, &p->uart[i].reg))
			return 0;
	for (i = 0; i < p->gic.redist_count; i++)
		if (overlaps(base, size, &p->gic.redist[i]))
			return 0;
	return !overlaps(base, size, &p->gic.dist) &&
	       !overlaps(base, size, &p->gic.cpu) &&
	       !overlaps(base, size, &p->xen.gnttab);
}

void xen_physmap_init(const struct platform *p)
{
	uint64_t top = 0;
	unsigned int i;

	if (p->xen.ext_count) {
		next = p->xen.ext[0].base;
		limit = next + p->xen.ext[0].size;
		return;
	}
	/* Xen older than 4.16 gives no extended regions. */
	for (i = 0; i < p->ram_count; i++)
		if (p->ram[i].base + p->ram[i].size > top)
			top = p->ram[i].base + p->ram[i].size;
	top = (top + HOLE_ALIGN - 1) & ~(HOLE_ALIGN - 1);
	if (is_free(p, top, HOLE_SIZE)) {
		next = top;
		limit = top + HOLE_SIZE;
	} else {
		printk("xen: no free guest-physical space for mappings\n");
	}
}

uint64_t xen_physmap_alloc(unsigned int npages)
{
	uint64_t bytes = (uint64_t)npages * PAGE_SIZE, at = next;

	if (!npages || limit - next < bytes)
		return 0;
	if (mmu_map(at, bytes, MMU_NORMAL)) {
		printk("xen: cannot map 0x%llx in the page tables\n",
		       (unsigned long long)at);
		return 0;
	}
	next += bytes;
	return at;
}
