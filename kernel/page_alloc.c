#include <string.h>

#include "kernel/errno.h"
#include "kernel/irq.h"
#include "kernel/page_alloc.h"

#define MAX_RANGES 24

struct range {
	uint64_t start;
	uint64_t end;
};

/* Free ranges, page aligned, unordered.  Owned by this file; IRQs masked. */
static struct range ranges[MAX_RANGES];
static unsigned int range_count;

int page_alloc_add(uint64_t base, uint64_t size)
{
	uint64_t start = (base + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
	uint64_t end = (base + size) & ~(PAGE_SIZE - 1);

	if (end <= start)
		return 0;
	if (range_count == MAX_RANGES)
		return -ENOSPC;
	ranges[range_count].start = start;
	ranges[range_count].end = end;
	range_count++;
	return 0;
}

void page_alloc_reserve(uint64_t base, uint64_t size)
{
	uint64_t rs = base & ~(PAGE_SIZE - 1);
	uint64_t re = (base + size + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
	unsigned int i;

	for (i = 0; i < range_count; i++) {
		struct range *r = &ranges[i];

		if (re <= r->start || rs >= r->end)
			continue;
		if (rs > r->start && re < r->end) {
			/* Split; if no slot is left, lose the upper part. */
			if (range_count < MAX_RANGES) {
				ranges[range_count].start = re;
				ranges[range_count].end = r->end;
				range_count++;
			}
			r->end = rs;
		} else if (rs > r->start) {
			r->end = rs;
		} else if (re < r->end) {
			r->start = re;
		} else {
			r->start = r->end;	/* fully covered: now empty */
		}
	}
}

void *page_alloc(size_t npages)
{
	uint64_t bytes = (uint64_t)npages * PAGE_SIZE;
	unsigned long flags = irq_save();
	void *p = NULL;
	unsigned int i;

	for (i = 0; i < range_count; i++) {
		if (ranges[i].end - ranges[i].start >= bytes) {
			p = (void *)(uintptr_t)ranges[i].start;
			ranges[i].start += bytes;
			break;
		}
	}
	irq_restore(flags);
	if (p)
		memset(p, 0, bytes);
	return p;
}

uint64_t page_alloc_free_bytes(void)
{
	uint64_t total = 0;
	unsigned int i;

	for (i = 0; i < range_count; i++)
		total += ranges[i].end - ranges[i].start;
	return total;
}
