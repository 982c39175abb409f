/*
 * sbrk() for picolibc's malloc (nano-malloc), from the page allocator.
 *
 * malloc asks for what it lacks, often a few dozen bytes: each request is
 * carved from the current region, and only one that does not fit takes
 * new pages, which then become the region.  A new region is not
 * contiguous with the last; nano-malloc takes it as a new free chunk,
 * and the old region's tail (less than one request) is left unused.
 *
 * A new region holds twice the request, and more (HEAP_GROW_PAGES at
 * least), because nano-malloc expects its next requests to follow on:
 *  - a page-aligned block gets its head aligned by a second sbrk of 8
 *    bytes, which must come right after the first, or malloc fails;
 *  - growing its last chunk (malloc, realloc) asks for the difference;
 *    memory elsewhere becomes a free chunk, which it then tries to grow
 *    by the rest, and so on: with regions of just the request, the two
 *    sizes alternate, each taking new pages, until memory runs out.
 *    With twice the request, the second such call fits.
 * Memory is never given back: a negative increment is refused.
 *
 * This file sets the C library's errno (12, ENOMEM, in both numberings),
 * so it includes picolibc's <errno.h> and not kernel/errno.h
 * (tests/lint/layers.py allows it here only).
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <unistd.h>

#include "kernel/page_alloc.h"

#define HEAP_GROW_PAGES	4
#define HEAP_SLACK	16	/* malloc's head alignment, and then some */

/* The current region [heap_break, heap_limit): owned by this file, used
 * only under malloc's lock (picolibc takes it around every sbrk call). */
static uintptr_t heap_break, heap_limit;

void *sbrk(ptrdiff_t increment)
{
	size_t size = (size_t)increment, pages;
	uintptr_t old = heap_break;
	uint8_t *region;

	if (increment < 0) {
		errno = ENOMEM;
		return (void *)-1;
	}
	if (size <= heap_limit - heap_break) {
		heap_break += size;
		return (void *)old;
	}
	if (size > (SIZE_MAX - PAGE_SIZE - HEAP_SLACK) / 2) {
		errno = ENOMEM;
		return (void *)-1;
	}
	pages = (2 * size + HEAP_SLACK + PAGE_SIZE - 1) / PAGE_SIZE;
	if (pages < HEAP_GROW_PAGES)
		pages = HEAP_GROW_PAGES;
	region = page_alloc(pages);
	if (!region) {
		errno = ENOMEM;
		return (void *)-1;
	}
	heap_break = (uintptr_t)region + size;
	heap_limit = (uintptr_t)region + pages * PAGE_SIZE;
	return region;
}
