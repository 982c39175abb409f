#include "kernel/errno.h"
#include "kernel/printk.h"
#include "tests/guest/xen-peer/gnttab_map.h"
#include "xen/gnttab.h"
#include "xen/gnttab_status.h"
#include "xen/physmap.h"

static long map_grant(domid_t domid, grant_ref_t ref, bool readonly,
		      struct gnttab_mapping *out, bool report)
{
	struct gnttab_map_grant_ref op = {
		.flags = GNTMAP_host_map | (readonly ? GNTMAP_readonly : 0),
		.ref = ref,
		.dom = domid,
	};
	long err;

	/* The page of space is kept for the next try after a failure. */
	static uint64_t spare;

	if (!spare)
		spare = xen_physmap_alloc(1);
	if (!spare)
		return -ENOMEM;
	op.host_addr = spare;
	err = hyp_grant_table_op(GNTTABOP_map_grant_ref, &op, 1);
	if (err)
		return err;
	if (op.status != GNTST_okay) {
		if (report)
			printk("xen: map grant %u of d%u: %s (GNTST %d)\n",
			       ref, domid, gnttab_status_name(op.status),
			       op.status);
		return gnttab_status_errno(op.status);
	}
	spare = 0;
	out->gpa = op.host_addr;
	out->handle = op.handle;
	return 0;
}

long gnttab_map(domid_t domid, grant_ref_t ref, bool readonly,
		struct gnttab_mapping *out)
{
	return map_grant(domid, ref, readonly, out, true);
}

long gnttab_map_quiet(domid_t domid, grant_ref_t ref, bool readonly,
		      struct gnttab_mapping *out)
{
	return map_grant(domid, ref, readonly, out, false);
}

long gnttab_unmap(const struct gnttab_mapping *m)
{
	struct gnttab_unmap_grant_ref op = {
		.host_addr = m->gpa,
		.handle = m->handle,
	};
	long err = hyp_grant_table_op(GNTTABOP_unmap_grant_ref, &op, 1);

	if (err)
		return err;
	if (op.status != GNTST_okay) {
		printk("xen: unmap grant handle %u: %s (GNTST %d)\n",
		       m->handle, gnttab_status_name(op.status), op.status);
		return gnttab_status_errno(op.status);
	}
	return 0;
}
