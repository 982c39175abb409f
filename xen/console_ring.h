/*
 * The PV console ring's arithmetic (xen/io/console.h), kept free of
 * hypercalls and hardware so the host unit tests and fuzzers run this very
 * code.  The backend in another domain writes in_prod and out_cons and may
 * write anything: every index read from the ring is checked before use.
 */
#ifndef XEN_CONSOLE_RING_H
#define XEN_CONSOLE_RING_H

#include <stddef.h>
#include <stdint.h>

#include <xen/xen.h>
#include <xen/io/console.h>

#include "xen/byte_ring.h"

#define CONSOLE_RING_CORRUPT BYTE_RING_CORRUPT

/*
 * Copy up to len bytes into the out ring.  Returns how many were copied
 * (0 when full), or CONSOLE_RING_CORRUPT when out_prod - out_cons exceeds
 * the ring, in which case nothing is written.
 */
long console_ring_write(struct xencons_interface *ring, const char *buf,
			size_t len);

/* Free bytes in the out ring, or CONSOLE_RING_CORRUPT. */
long console_ring_room(const struct xencons_interface *ring);

/* Copy up to len pending input bytes out of the in ring, the same way. */
long console_ring_read(struct xencons_interface *ring, char *buf,
		       size_t len);

#endif
