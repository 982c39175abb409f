#include "kernel/errno.h"
#include "kernel/printk.h"
#include "xen/gnttab_map.h"
#include "xen/gnttab.h"
#include "xen/gnttab_status.h"
#include "xen/physmap.h"

static long map_grant_at(domid_t domid, grant_ref_t ref, bool readonly,
			 uint64_t gpa, struct gnttab_mapping *out,
			 bool report)
{
	struct gnttab_map_grant_ref op = {
		.host_addr = gpa,
		.flags = GNTMAP_host_map | (readonly ? GNTMAP_readonly : 0),
		.ref = ref,
		.dom = domid,
	};
	long err = hyp_grant_table_op(GNTTABOP_map_grant_ref, &op, 1);

	if (err) {
		if (report)
			printk("xen: map grant %u of d%u: %ld (%s)\n", ref,
			       domid, err, errno_name(err));
		return err;
	}
	if (op.status != GNTST_okay) {
		if (report)
			printk("xen: map grant %u of d%u: %s (GNTST %d)\n",
			       ref, domid, gnttab_status_name(op.status),
			       op.status);
		return gnttab_status_errno(op.status);
	}
	out->gpa = gpa;
	out->handle = op.handle;
	return 0;
}

static long map_grant(domid_t domid, grant_ref_t ref, bool readonly,
		      struct gnttab_mapping *out, bool report)
{
	long err;

	/*
	 * The page of space is kept for the next try after a failure;
	 * owned by this function, whose callers (app=xen-peer's) are one
	 * thread.
	 */
	static uint64_t spare;

	if (!spare)
		spare = xen_physmap_alloc(1);
	if (!spare)
		return -ENOMEM;
	err = map_grant_at(domid, ref, readonly, spare, out, report);
	if (!err)
		spare = 0;
	return err;
}

long gnttab_map_at(domid_t domid, grant_ref_t ref, bool readonly,
		   uint64_t gpa, struct gnttab_mapping *out)
{
	return map_grant_at(domid, ref, readonly, gpa, out, true);
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
