/*
 * xen_init(): the Xen services a guest needs, in dependency order, each
 * reported in the boot log.
 */
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "xen/events.h"
#include "xen/gnttab.h"
#include "xen/physmap.h"
#include "xen/shared_info.h"
#include "xen/guest.h"

int xen_init(const struct platform *p)
{
	long err;

	if (!xen->present)
		return 0;
	printk("xen: Xen %u.%u, %s, features 0x%x\n", xen->major, xen->minor,
	       xen->dom0 ? "dom0" : "domU", xen->features);
	xen_physmap_init(p);
	err = shared_info_init();
	if (err)
		return (int)err;
	if (!p->xen.evtchn_intid) {
		printk("xen: /hypervisor gives no event-channel interrupt\n");
		return -ENOENT;
	}
	err = events_init(p->xen.evtchn_intid);
	if (err) {
		printk("xen: cannot take event upcall INTID %u: %ld\n",
		       p->xen.evtchn_intid, err);
		return (int)err;
	}
	err = gnttab_init(p);
	if (err)
		return (int)err;
	printk("xen: event channels on INTID %u, grant table %u frames at "
	       "0x%llx\n", p->xen.evtchn_intid, gnttab_frames(),
	       (unsigned long long)p->xen.gnttab.base);
	return 0;
}
