#include "kernel/errno.h"
#include "kernel/printk.h"
#include "xen/hypercall.h"
#include "xen/shutdown.h"

static void xen_stop(enum stop_reason why)
{
	static const unsigned int reasons[] = {
		[STOP_POWEROFF] = SHUTDOWN_poweroff,
		[STOP_REBOOT] = SHUTDOWN_reboot,
		[STOP_CRASH] = SHUTDOWN_crash,
	};
	struct sched_shutdown s = { .reason = reasons[why] };
	long err = hyp_sched_op(SCHEDOP_shutdown, &s);

	printk("xen: SCHEDOP_shutdown failed: %ld (%s)\n", err,
	       errno_name(err));
}

const struct power_ops xen_power_ops = {
	.name = "xen-schedop",
	.stop = xen_stop,
};
