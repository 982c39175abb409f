/*
 * Physical page allocator over the RAM banks the DT described, minus what
 * is in use (the image, the DTB, reserved regions).  Pages are never freed
 * yet: threads and buffers live as long as the kernel.
 */
#ifndef KERNEL_PAGE_ALLOC_H
#define KERNEL_PAGE_ALLOC_H

#include <stddef.h>
#include <stdint.h>

#define PAGE_SIZE 4096UL

/* Add RAM, then carve out what must not be handed out. */
int page_alloc_add(uint64_t base, uint64_t size);
void page_alloc_reserve(uint64_t base, uint64_t size);

/* npages contiguous zeroed pages, or NULL. */
void *page_alloc(size_t npages);

uint64_t page_alloc_free_bytes(void);

#endif
