#include <string.h>

#include "kernel/irq.h"
#include "kernel/page_alloc.h"
#include "kernel/page_ranges.h"

/* The free and handed-out pages.  Owned by this file; IRQs masked. */
static struct page_ranges pages;

int page_alloc_add(uint64_t base, uint64_t size)
{
	unsigned long flags = irq_save();
	int err = page_ranges_add(&pages, base, size);

	irq_restore(flags);
	return err;
}

void page_alloc_reserve(uint64_t base, uint64_t size)
{
	unsigned long flags = irq_save();

	page_ranges_reserve(&pages, base, size);
	irq_restore(flags);
}

void *page_alloc(size_t npages)
{
	unsigned long flags = irq_save();
	uint64_t addr;
	int err = page_ranges_take(&pages, npages, &addr);

	irq_restore(flags);
	if (err)
		return NULL;
	memset((void *)(uintptr_t)addr, 0, npages * PAGE_SIZE);
	return (void *)(uintptr_t)addr;
}

uint64_t page_alloc_free_bytes(void)
{
	unsigned long flags = irq_save();
	uint64_t total = page_ranges_free_bytes(&pages);

	irq_restore(flags);
	return total;
}
