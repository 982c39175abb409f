/*
 * Output to the PV console ring (xen/io/console.h): LF turned into CRLF,
 * waiting for the backend when the ring is full.  The event channel and
 * the wait are the caller's, passed in, so that this is pure code the host
 * unit tests run.  No locking: printk serialises writes.
 */
#ifndef XEN_CONSOLE_OUT_H
#define XEN_CONSOLE_OUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "xen/console_ring.h"

struct console_out {
	struct xencons_interface *ring;
	/* Tell the backend there is output. */
	void (*notify)(void *ctx);
	/* Wait for the backend to make room: 0, or < 0 if it made none in
	 * time. */
	int (*wait)(void *ctx);
	void *ctx;
	bool corrupt;		/* the backend broke the ring: write no more */
	uint64_t dropped;	/* bytes never written, in all */
};

/* Write len bytes of s; what cannot be written is counted as dropped. */
void console_out_write(struct console_out *c, const char *s, size_t len);

#endif
