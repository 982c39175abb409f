/*
 * Dom0 app: watch another domain until it shuts down and say why, as the
 * toolstack would see it.  Proves a guest's SCHEDOP_shutdown reason
 * (poweroff, reboot, crash) reaches Xen, and VIRQ binding: Xen raises
 * VIRQ_DOM_EXC in dom0 when a domain shuts down, which wakes us.
 *
 *   app=xen-watch domid=1
 */
#include "kernel/errno.h"
#include "lib/board.h"
#include "kernel/app.h"
#include "kernel/bootargs.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "kernel/sem.h"
#include "kernel/thread.h"
#include "tests/guest/xen-watch/domctl.h"
#include "xen/events.h"
#include "xen/hypercall.h"
#include "xen/guest.h"

#define POLL_MS		20
#define WATCH_MS	20000
#define VIRQ_LATE_MS	5000

/* Given by the VIRQ handler, taken by the app's thread. */
static struct sem dom_exc;
static volatile unsigned int dom_exc_count;

static void on_dom_exc(evtchn_port_t port, void *ctx)
{
	(void)port;
	(void)ctx;
	dom_exc_count++;
	ksem_give(&dom_exc);
}

static void xen_watch_main(void)
{
	uint16_t domid = (uint16_t)bootarg_ulong(board->bootargs, "domid", 1);
	/* Read only after a poll that filled it; zeroed because GCC cannot
	 * tell so once LTO inlines xen_domain_state() (-Wmaybe-uninitialized). */
	struct domain_state st = { 0 };
	unsigned int waited;
	long err;

	if (!xen->present || !xen->dom0)
		panic("watch: needs to run as dom0 under Xen");
	ksem_init(&dom_exc, 0, 100);
	err = evtchn_bind_virq(VIRQ_DOM_EXC, on_dom_exc, NULL);
	if (err < 0)
		panic("watch: cannot bind VIRQ_DOM_EXC: %ld", err);
	/* Woken by the VIRQ; the timeout is only a safety net. */
	for (waited = 0; waited < WATCH_MS; waited += POLL_MS) {
		err = xen_domain_state(domid, &st);
		if (err)
			printk("watch: d%u: getdomaininfo: %ld (%s)\n", domid,
			       err, errno_name(err));
		else if (st.shutdown)
			break;
		ksem_take(&dom_exc, POLL_MS);
	}
	/*
	 * The poll can see the shutdown before the VIRQ Xen raised for it
	 * has reached this vCPU (seen under load): it must still come.
	 */
	if (waited < WATCH_MS && dom_exc_count == 0)
		ksem_take(&dom_exc, VIRQ_LATE_MS);
	printk("watch: VIRQ_DOM_EXC raised %u time(s)\n", dom_exc_count);
	if (waited >= WATCH_MS)
		panic("watch: d%u still running after %d ms", domid,
		      WATCH_MS);
	printk("watch: d%u shut down, reason %s (%u)\n", domid,
	       xen_shutdown_reason_name(st.shutdown_reason),
	       st.shutdown_reason);
	/* dom0 stopping would halt the machine: idle instead. */
	for (;;)
		thread_sleep_ms(60000);
}

APP_REGISTER("xen-watch", xen_watch_main);
