#include <stddef.h>

#include "boot/sysregs.h"
#include "kernel/irq.h"
#include "kernel/power.h"
#include "kernel/printk.h"

/* Set once at boot by kernel_main(); read by machine_stop(). */
static const struct power_ops *power;

void power_set(const struct power_ops *ops)
{
	power = ops;
}

const char *power_name(void)
{
	return power ? power->name : "none";
}

static const char reason_names[][9] = {
	[STOP_POWEROFF] = "poweroff",
	[STOP_REBOOT] = "reboot",
	[STOP_CRASH] = "crash",
};

void machine_stop(enum stop_reason why)
{
	irq_save();
	printk("stop: %s via %s\n", reason_names[why],
	       power ? power->name : "nothing (halting)");
	if (power)
		power->stop(why);
	/* No way to stop, or it failed: park the CPU with IRQs masked. */
	for (;;)
		wfi();
}
