/*
 * The grant-table and extended regions of /hypervisor are guest-physical
 * space where Xen maps its frames (grant tables, shared info): a region
 * that overlaps our RAM or our image would have those frames replace our
 * own pages.  Such a region is dropped, by name.
 */
#include <stdio.h>

#include "platform.h"

static void record(struct platform *p, const char *what,
		   const struct region *r, const char *other,
		   uint64_t base, uint64_t end)
{
	if (p->error_count >= PLATFORM_MAX_ERRORS)
		return;
	snprintf(p->errors[p->error_count++], PLATFORM_ERROR_LEN,
		 "fdt: /hypervisor: %s 0x%llx size 0x%llx overlaps %s "
		 "0x%llx-0x%llx; dropped", what,
		 (unsigned long long)r->base, (unsigned long long)r->size,
		 other, (unsigned long long)base, (unsigned long long)end);
}

/* Does r meet [base, end)?  A region that wraps meets everything. */
static bool meets(const struct region *r, uint64_t base, uint64_t end)
{
	if (!r->size)
		return false;
	if (r->base + r->size < r->base)
		return true;
	return r->base < end && base < r->base + r->size;
}

unsigned int platform_xen_drop_overlaps(struct platform *p, uint64_t base,
					uint64_t size, const char *what)
{
	struct platform_xen *x = &p->xen;
	uint64_t end = base + size < base ? UINT64_MAX : base + size;
	unsigned int i, kept = 0, dropped = 0;

	if (!x->present || !size)
		return 0;
	if (meets(&x->gnttab, base, end)) {
		record(p, "grant-table region", &x->gnttab, what, base, end);
		x->gnttab.base = 0;
		x->gnttab.size = 0;
		dropped++;
	}
	for (i = 0; i < x->ext_count; i++) {
		if (meets(&x->ext[i], base, end)) {
			record(p, "extended region", &x->ext[i], what, base,
			       end);
			dropped++;
			continue;
		}
		x->ext[kept++] = x->ext[i];
	}
	x->ext_count = kept;
	return dropped;
}
