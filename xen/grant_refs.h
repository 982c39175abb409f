/*
 * Which grant references are free: a stack to hand them out in O(1) and a
 * bitmap so that a reference given back twice is caught (a second copy on
 * the stack would later hand one entry to two users).  Pure code, no
 * locking: the caller serialises (gnttab.c masks IRQs); the host unit
 * tests run it.
 */
#ifndef XEN_GRANT_REFS_H
#define XEN_GRANT_REFS_H

#include <stdbool.h>
#include <stdint.h>

#include <xen/xen.h>
#include <xen/grant_table.h>

#include "kernel/errno.h"

/* 4 frames of v1 entries, what gnttab.c maps at most. */
#define GRANT_REFS_MAX	2048

struct grant_refs {
	grant_ref_t stack[GRANT_REFS_MAX];	/* free ones, next on top */
	uint64_t free_bits[GRANT_REFS_MAX / 64];
	unsigned int count;			/* on the stack */
	unsigned int first, limit;		/* refs we manage: [first, limit) */
};

/*
 * Make [first, limit) free, first handed out first.  -EINVAL if the range
 * is empty or limit exceeds GRANT_REFS_MAX.
 */
int grant_refs_init(struct grant_refs *g, unsigned int first,
		    unsigned int limit);

/* A free reference, now in use, or -ENOSPC. */
long grant_refs_get(struct grant_refs *g);

/*
 * Take this particular reference: 0, -EBUSY if it is in use, -EINVAL if
 * we do not manage it.
 */
int grant_refs_take(struct grant_refs *g, grant_ref_t ref);

/*
 * Give a reference back: 0, -EALREADY if it is free already (a double
 * free: nothing changes), -EINVAL if we do not manage it.
 */
int grant_refs_put(struct grant_refs *g, grant_ref_t ref);

bool grant_refs_is_free(const struct grant_refs *g, grant_ref_t ref);

#endif
