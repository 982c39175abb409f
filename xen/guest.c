/*
 * xen_init(): the Xen services a guest needs, in dependency order, each
 * reported in the boot log.
 */
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "kernel/thread.h"
#include "xen/control.h"
#include "xen/cpu_hotplug.h"
#include "xen/events.h"
#include "xen/gnttab.h"
#include "xen/physmap.h"
#include "xen/shared_info.h"
#include "xen/xenbus.h"
#include "xen/xenstore.h"
#include "xen/guest.h"

int xen_init(const struct platform *p)
{
	long err;

	if (!xen->present)
		return 0;
	printk("xen: Xen %u.%u, %s, features 0x%x\n", xen->major, xen->minor,
	       xen->dom0 ? "dom0" : "domU", xen->features);
	if (xen->no_node) {
		printk("xen: found through SMCCC (no /hypervisor node): "
		       "console_io and SCHEDOP_shutdown only\n");
		return 0;
	}
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

#define SERVICES_PRIORITY 4

/*
 * XenStore, then what stands on it: who we are, the toolstack's shutdown
 * requests, XenBus.  On a thread, because XenStore calls block.
 */
static void services_thread(void *unused)
{
	char domid[8] = "?", name[64] = "?";
	int err;

	(void)unused;
	err = xenstore_init();
	if (err) {
		printk("xenstore: %s\n", err == -ENOENT ?
		       "none (no toolstack built this domain)" :
		       "failed to start");
		return;
	}
	/* Only for the log line: on failure it shows the "?". */
	(void)xs_read(XS_NO_TRANSACTION, "domid", domid, sizeof(domid));
	(void)xs_read(XS_NO_TRANSACTION, "name", name, sizeof(name));
	printk("xenstore: domid %s name %s\n", domid, name);
	err = control_start(NULL);
	if (err)
		printk("control: cannot watch control/shutdown: %d\n", err);
	err = xenbus_start();
	if (err)
		printk("xenbus: cannot watch device/: %d\n", err);
	err = cpu_hotplug_start();
	if (err)
		printk("cpu-hotplug: cannot watch cpu/: %d\n", err);
}

void xen_start_services(void)
{
	if (xen->present && !xen->dom0 && !xen->no_node &&
	    !thread_create("xenbus", services_thread, NULL, SERVICES_PRIORITY,
			   THREAD_STACK_DEFAULT))
		printk("xen: no memory for the XenStore thread\n");
}
