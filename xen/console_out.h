/*
 * Output to the PV console ring (xen/io/console.h): LF turned into CRLF,
 * waiting for the backend when the ring is full.  A wait that gives up
 * marks the backend stalled: from then on output is dropped, not waited
 * for (each wait costs up to its whole timeout, inside printk with IRQs
 * masked), until the ring has room again, when the console first says
 * "console: N bytes dropped".  The event channel and the wait are the
 * caller's, passed in, so that this is pure code the host unit tests run.
 * No locking: printk serialises writes.
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
	bool stalled;		/* a wait gave up, and no room since */
	uint64_t dropped;	/* bytes never written, in all */
	uint64_t lost;		/* of those, in this stall: not yet reported */
};

/* Write len bytes of s; what cannot be written is counted as dropped. */
void console_out_write(struct console_out *c, const char *s, size_t len);

#endif
