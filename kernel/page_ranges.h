/*
 * The page allocator's bookkeeping, apart from the hardware (no IRQ
 * masking, no touching the pages) so that the host unit tests run it.
 * Two sets of page-aligned, sorted, disjoint ranges: the free pages, and
 * every page ever handed out.  Adding RAM adds only pages never handed
 * out, and adding a page twice frees it once: a caller that frees a
 * region twice, or frees one overlapping memory in use, cannot make a
 * page be handed out twice.
 */
#ifndef KERNEL_PAGE_RANGES_H
#define KERNEL_PAGE_RANGES_H

#include <stdint.h>

#define PAGE_RANGES_PAGE	4096UL
#define PAGE_RANGES_MAX		24

struct page_range {
	uint64_t start;
	uint64_t end;
};

struct page_set {
	struct page_range range[PAGE_RANGES_MAX];
	unsigned int count;
};

struct page_ranges {
	struct page_set free;
	struct page_set used;		/* handed out, never free again */
};

/*
 * Make the whole pages of [base, base + size) free, except those handed
 * out.  0, or -ENOSPC if the free set has no slot left (some pages are
 * then not added: lost, never doubled).  -EINVAL if the region wraps.
 */
int page_ranges_add(struct page_ranges *pr, uint64_t base, uint64_t size);

/*
 * Take every page touching [base, base + size) out of the free set.  When
 * a split finds no slot left, the upper part is lost rather than left
 * free.
 */
void page_ranges_reserve(struct page_ranges *pr, uint64_t base,
			 uint64_t size);

/*
 * Take npages contiguous free pages (first fit, lowest address).  0 and
 * *addr, or -ENOMEM (none big enough, or no slot left to record them as
 * handed out).
 */
int page_ranges_take(struct page_ranges *pr, uint64_t npages,
		     uint64_t *addr);

uint64_t page_ranges_free_bytes(const struct page_ranges *pr);

#endif
