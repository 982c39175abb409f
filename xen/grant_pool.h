/*
 * Pages a frontend lends its backend through grants, and what becomes of
 * those the backend will not give back.  Pure code, the grant calls
 * handed in, so that the host unit tests can play a backend that keeps
 * its mappings.
 *
 * The rule: a page whose grant cannot be ended (the end call says -EBUSY:
 * the backend still maps it) is kept out of the pool for good, and its
 * grant reference stays allocated: it is never ended again, never freed,
 * never overwritten.  Ending it later would give the page back while the
 * backend may map it again until the end succeeds, for nothing much: the
 * page allocator never frees, and an honest backend unmaps before it
 * answers and before it closes.  What a backend can take that way is
 * bounded instead, per device (struct grant_budget below).
 *
 * A reset, at each new connection, clears every page before it is
 * lent again: the next backend, perhaps another domain, never reads what
 * the pool held for the last one.  Results are >= 0 or a negative errno.
 */
#ifndef XEN_GRANT_POOL_H
#define XEN_GRANT_POOL_H

#include <stdbool.h>
#include <stdint.h>

#include <xen/xen.h>
#include <xen/grant_table.h>

#include "kernel/errno.h"

#define GRANT_POOL_MAX		256
#define GRANT_POOL_NO_REF	(-1L)
#define GRANT_POOL_PAGE_SIZE	4096u

struct grant_pool_ops {
	/* gnttab_grant_access and gnttab_end_access, or a test's. */
	long (*grant)(domid_t domid, uint64_t gpa, bool readonly);
	long (*end)(grant_ref_t ref);
};

/* count pages from base; page n is at base + n * GRANT_POOL_PAGE_SIZE. */
struct grant_pool {
	const struct grant_pool_ops *ops;
	uint8_t *base;
	unsigned int count;
	long ref[GRANT_POOL_MAX];		/* its grant, or NO_REF */
	uint16_t free[GRANT_POOL_MAX];		/* a LIFO, as blkif.h advises */
	unsigned int nfree;
	uint64_t free_bits[GRANT_POOL_MAX / 64];
	uint64_t kept_bits[GRANT_POOL_MAX / 64];
	unsigned int kept;			/* pages kept for good */
};

/*
 * Take over count pages at base, none granted, none free until the first
 * grant_pool_reset.  -EINVAL for a count of 0 or over GRANT_POOL_MAX.
 */
int grant_pool_init(struct grant_pool *p, const struct grant_pool_ops *ops,
		    void *base, unsigned int count);

/*
 * Ready for a new connection: end every grant still out (a page whose
 * grant the backend keeps is kept for good), then clear every other page
 * and make it free.  Returns how many pages this call kept.
 */
unsigned int grant_pool_reset(struct grant_pool *p);

/* End every grant still out; how many pages this call kept. */
unsigned int grant_pool_end_all(struct grant_pool *p);

/* A free page's number, now taken, or -ENOSPC. */
int grant_pool_take(struct grant_pool *p);

/*
 * Page n back on the free list; its grant, if any, stays (persistent
 * grants).  -EBUSY for a kept page, -EALREADY for a free one, -EINVAL
 * beyond the pool.
 */
int grant_pool_put(struct grant_pool *p, unsigned int n);

/*
 * Grant page n to domid: the reference (>= 0), or the grant call's error;
 * -EBUSY if n is granted already or kept, -EINVAL beyond the pool.
 */
long grant_pool_grant(struct grant_pool *p, unsigned int n, domid_t domid,
		      bool readonly);

/*
 * End page n's grant: 0 (also when it had none); -EBUSY when the backend
 * keeps it, and the page is kept from now; -EINVAL beyond the pool.
 */
int grant_pool_end(struct grant_pool *p, unsigned int n);

/* Page n's grant reference, or GRANT_POOL_NO_REF. */
long grant_pool_ref(const struct grant_pool *p, unsigned int n);
uint8_t *grant_pool_page(const struct grant_pool *p, unsigned int n);
bool grant_pool_is_kept(const struct grant_pool *p, unsigned int n);

/*
 * One device's connections and the grants its backends kept, for its
 * lifetime, so that a backend that cycles its state or keeps its
 * mappings costs a bounded number of grant references and pages, not the
 * whole table: after GRANT_BUDGET_CONNECTS_MAX connections, or once its
 * backends kept more than GRANT_BUDGET_KEPT_MAX grants, the device stays
 * closed.  An honest backend keeps none.
 */
#define GRANT_BUDGET_CONNECTS_MAX	9	/* the first and 8 more */
#define GRANT_BUDGET_KEPT_MAX		64

struct grant_budget {
	unsigned int connects;
	unsigned int kept;
};

/*
 * Count a new connection: 0; -ENOSPC when the backends kept more than
 * GRANT_BUDGET_KEPT_MAX grants, -ELOOP after GRANT_BUDGET_CONNECTS_MAX
 * connections (nothing counted either way).
 */
int grant_budget_connect(struct grant_budget *b);

/* The backend kept count more grants. */
void grant_budget_kept(struct grant_budget *b, unsigned int count);

#endif
