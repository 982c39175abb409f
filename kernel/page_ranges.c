#include <string.h>

#include "kernel/errno.h"
#include "kernel/page_ranges.h"

#define PAGE_MASK	(PAGE_RANGES_PAGE - 1)

/* Union [start, end) into set, merging what overlaps or touches it. */
static int set_add(struct page_set *set, uint64_t start, uint64_t end)
{
	unsigned int i = 0, j, n = set->count;

	if (end <= start)
		return 0;
	while (i < n && set->range[i].end < start)
		i++;
	for (j = i; j < n && set->range[j].start <= end; j++) {
		if (set->range[j].start < start)
			start = set->range[j].start;
		if (set->range[j].end > end)
			end = set->range[j].end;
	}
	if (i == j && n == PAGE_RANGES_MAX)
		return -ENOSPC;
	memmove(&set->range[i + 1], &set->range[j],
		(n - j) * sizeof(set->range[0]));
	set->range[i].start = start;
	set->range[i].end = end;
	set->count = n - (j - i) + 1;
	return 0;
}

/* Take [start, end) out of set. */
static void set_remove(struct page_set *set, uint64_t start, uint64_t end)
{
	unsigned int i;

	for (i = 0; i < set->count; i++) {
		struct page_range *r = &set->range[i];

		if (end <= r->start || start >= r->end)
			continue;
		if (start > r->start && end < r->end) {
			/* Split; with no slot left, lose the upper part. */
			if (set->count < PAGE_RANGES_MAX) {
				memmove(r + 2, r + 1, (set->count - i - 1) *
					sizeof(*r));
				r[1].start = end;
				r[1].end = r->end;
				set->count++;
			}
			r->end = start;
			return;
		}
		if (start > r->start)
			r->end = start;
		else if (end < r->end)
			r->start = end;
		else
			r->start = r->end;	/* covered: dropped below */
	}
	for (i = 0; i < set->count;) {
		if (set->range[i].start == set->range[i].end) {
			memmove(&set->range[i], &set->range[i + 1],
				(set->count - i - 1) * sizeof(set->range[0]));
			set->count--;
		} else {
			i++;
		}
	}
}

int page_ranges_add(struct page_ranges *pr, uint64_t base, uint64_t size)
{
	uint64_t start, end, at;
	unsigned int i;
	int err = 0;

	if (base + size < base || base > UINT64_MAX - PAGE_MASK)
		return -EINVAL;
	start = (base + PAGE_MASK) & ~PAGE_MASK;
	end = (base + size) & ~PAGE_MASK;
	if (end <= start)
		return 0;
	/* The gaps between handed-out ranges, within [start, end). */
	at = start;
	for (i = 0; i < pr->used.count && at < end; i++) {
		const struct page_range *u = &pr->used.range[i];

		if (u->end <= at)
			continue;
		if (u->start >= end)
			break;
		if (u->start > at && set_add(&pr->free, at, u->start))
			err = -ENOSPC;
		at = u->end;
	}
	if (at < end && set_add(&pr->free, at, end))
		err = -ENOSPC;
	return err;
}

void page_ranges_reserve(struct page_ranges *pr, uint64_t base,
			 uint64_t size)
{
	uint64_t start = base & ~PAGE_MASK;
	uint64_t end = base + size;

	/* Up to the end of the address space if it would round past it. */
	if (end < base || end > UINT64_MAX - PAGE_MASK)
		end = UINT64_MAX & ~PAGE_MASK;
	else
		end = (end + PAGE_MASK) & ~PAGE_MASK;
	set_remove(&pr->free, start, end);
}

int page_ranges_take(struct page_ranges *pr, uint64_t npages,
		     uint64_t *addr)
{
	uint64_t bytes = npages * PAGE_RANGES_PAGE;
	unsigned int i;

	if (npages == 0 || bytes / PAGE_RANGES_PAGE != npages)
		return -ENOMEM;
	for (i = 0; i < pr->free.count; i++) {
		struct page_range *r = &pr->free.range[i];
		uint64_t start = r->start;

		if (r->end - start < bytes)
			continue;
		/* Recorded first: a page we cannot record is not handed out. */
		if (set_add(&pr->used, start, start + bytes))
			return -ENOMEM;
		set_remove(&pr->free, start, start + bytes);
		*addr = start;
		return 0;
	}
	return -ENOMEM;
}

uint64_t page_ranges_free_bytes(const struct page_ranges *pr)
{
	uint64_t total = 0;
	unsigned int i;

	for (i = 0; i < pr->free.count; i++)
		total += pr->free.range[i].end - pr->free.range[i].start;
	return total;
}
