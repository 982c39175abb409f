/*
 * Physical page allocator over the RAM banks the DT described, minus what
 * is in use (the image, the DTB, reserved regions).  Pages are never freed
 * yet: threads and buffers live as long as the kernel.
 */
#ifndef KERNEL_PAGE_ALLOC_H
#define KERNEL_PAGE_ALLOC_H

#include <stddef.h>
#include <stdint.h>

#include "kernel/page_ranges.h"

#define PAGE_SIZE PAGE_RANGES_PAGE

/*
 * Add RAM, then carve out what must not be handed out (see page_ranges.h:
 * a page already handed out is never added again, and a page added twice
 * is free once).  page_alloc_add() returns 0, -ENOSPC when some pages
 * could not be recorded (they are lost, not doubled), -EINVAL when the
 * region wraps around.
 */
int page_alloc_add(uint64_t base, uint64_t size);
void page_alloc_reserve(uint64_t base, uint64_t size);

/* npages contiguous zeroed pages, or NULL. */
void *page_alloc(size_t npages);

uint64_t page_alloc_free_bytes(void);

#endif
