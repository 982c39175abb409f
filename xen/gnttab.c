#include <stddef.h>

#include "boot/mmu.h"
#include "kernel/atomic.h"
#include "kernel/errno.h"
#include "kernel/irq.h"
#include "kernel/page_alloc.h"
#include "kernel/printk.h"
#include "xen/gnttab.h"
#include "xen/gnttab_status.h"
#include "xen/grant_refs.h"

#define ENTRIES_PER_FRAME	(PAGE_SIZE / sizeof(grant_entry_v1_t))
/* Frames we map; 4 give 2048 grants, plenty for a small guest. */
#define WANT_FRAMES		4

_Static_assert(WANT_FRAMES * ENTRIES_PER_FRAME <= GRANT_REFS_MAX,
	       "the free set must cover every entry we map");

/*
 * The table (shared with Xen and the peers we grant to) and our set of
 * free references, owned by this file; the set is changed with IRQs
 * masked.
 */
static volatile grant_entry_v1_t *table;
static unsigned int entries;
static struct grant_refs free_refs;
static unsigned int frames;

unsigned int gnttab_frames(void)
{
	return frames;
}

int gnttab_init(const struct platform *p)
{
	struct gnttab_query_size q = { .dom = DOMID_SELF };
	uint64_t base = p->xen.gnttab.base;
	unsigned int i, want;
	long err;

	err = hyp_grant_table_op(GNTTABOP_query_size, &q, 1);
	if (err || q.status != GNTST_okay) {
		printk("xen: GNTTABOP_query_size: %ld, status %d (%s)\n", err,
		       q.status, gnttab_status_name(q.status));
		return err ? (int)err : gnttab_status_errno(q.status);
	}
	want = WANT_FRAMES < q.max_nr_frames ? WANT_FRAMES : q.max_nr_frames;
	if ((uint64_t)want * PAGE_SIZE > p->xen.gnttab.size)
		want = (unsigned int)(p->xen.gnttab.size / PAGE_SIZE);
	if (!want || mmu_map(base, (uint64_t)want * PAGE_SIZE, MMU_NORMAL)) {
		printk("xen: grant-table region 0x%llx+0x%llx unusable\n",
		       (unsigned long long)base,
		       (unsigned long long)p->xen.gnttab.size);
		return -EINVAL;
	}
	for (i = 0; i < want; i++) {
		struct xen_add_to_physmap xatp = {
			.domid = DOMID_SELF,
			.space = XENMAPSPACE_grant_table,
			.idx = i,
			.gpfn = (base >> 12) + i,
		};

		err = hyp_memory_op(XENMEM_add_to_physmap, &xatp);
		if (err) {
			printk("xen: XENMEM_add_to_physmap(grant frame %u): "
			       "%ld (%s)\n", i, err, errno_name(err));
			if (i == 0)
				return (int)err;
			break;
		}
	}
	frames = i;
	table = (volatile grant_entry_v1_t *)(uintptr_t)base;
	entries = frames * ENTRIES_PER_FRAME;
	/* The first entries are reserved for the toolstack (grant_table.h). */
	return grant_refs_init(&free_refs, GNTTAB_NR_RESERVED_ENTRIES,
			       entries);
}

static long fill_entry(grant_ref_t ref, domid_t domid, uint64_t gpa,
		       bool readonly)
{
	table[ref].frame = (uint32_t)(gpa >> 12);
	table[ref].domid = domid;
	/* Frame and domid must be visible before the entry is valid. */
	smp_wmb();
	table[ref].flags = GTF_permit_access | (readonly ? GTF_readonly : 0);
	return ref;
}

long gnttab_grant_access(domid_t domid, uint64_t gpa, bool readonly)
{
	unsigned long flags = irq_save();
	long ref = grant_refs_get(&free_refs);

	irq_restore(flags);
	if (ref < 0)
		return ref;
	return fill_entry((grant_ref_t)ref, domid, gpa, readonly);
}

long gnttab_grant_access_ref(grant_ref_t ref, domid_t domid, uint64_t gpa,
			     bool readonly)
{
	unsigned long flags = irq_save();
	int err = grant_refs_take(&free_refs, ref);

	irq_restore(flags);
	/* The reserved entries are in use: the toolstack's. */
	if (err == -EINVAL && ref < entries)
		return -EBUSY;
	if (err)
		return err;
	return fill_entry(ref, domid, gpa, readonly);
}

long gnttab_end_access(grant_ref_t ref)
{
	uint16_t old;
	unsigned long flags;
	int err;

	if (ref < GNTTAB_NR_RESERVED_ENTRIES || ref >= entries)
		return -EINVAL;
	if (grant_refs_is_free(&free_refs, ref))
		goto twice;
	old = table[ref].flags;
	do {
		if (old & (GTF_reading | GTF_writing))
			return -EBUSY;
	} while (!atomic_cmpxchg16(&table[ref].flags, &old, 0));
	flags = irq_save();
	err = grant_refs_put(&free_refs, ref);
	irq_restore(flags);
	if (err == -EALREADY)
		goto twice;
	return err;
twice:
	printk("xen: grant %u ended twice; refused\n", ref);
	return -EALREADY;
}

uint16_t gnttab_entry_flags(grant_ref_t ref)
{
	return ref < entries ? table[ref].flags : 0xffff;
}

bool gnttab_ref_is_free(grant_ref_t ref)
{
	return grant_refs_is_free(&free_refs, ref);
}
