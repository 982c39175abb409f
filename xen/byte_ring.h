/*
 * A one-way byte ring shared with another domain, as the PV console and
 * XenStore rings lay them out: a power-of-two array and two free-running
 * 32-bit indices, one written by each side.  The other side's index is
 * read once and checked; a distance larger than the ring means it lied,
 * and nothing is copied.  Pure code: the host tests and fuzzers run it.
 */
#ifndef XEN_BYTE_RING_H
#define XEN_BYTE_RING_H

#include <stddef.h>
#include <stdint.h>

#include "kernel/errno.h"

#define BYTE_RING_CORRUPT (-EIO)

/* Producer side: copy up to len bytes in; returns bytes copied or CORRUPT. */
long byte_ring_put(char *ring, uint32_t size, uint32_t *prod,
		   const uint32_t *cons, const char *buf, size_t len);

/* Consumer side: copy up to len bytes out; returns bytes or CORRUPT. */
long byte_ring_get(const char *ring, uint32_t size, const uint32_t *prod,
		   uint32_t *cons, char *buf, size_t len);

/* Bytes waiting to be consumed, or CORRUPT. */
long byte_ring_avail(uint32_t size, const uint32_t *prod,
		     const uint32_t *cons);

#endif
