/*
 * Stopping the machine.  The mechanism is chosen at boot from what the DT
 * offered: Xen's SCHEDOP_shutdown under Xen, else PSCI, else a wfi loop.
 */
#ifndef KERNEL_POWER_H
#define KERNEL_POWER_H

enum stop_reason {
	STOP_POWEROFF,
	STOP_REBOOT,
	STOP_CRASH,
};

struct power_ops {
	const char *name;
	void (*stop)(enum stop_reason why);	/* returns only on failure */
};

void power_set(const struct power_ops *ops);
const char *power_name(void);
/*
 * Stop now, from any context (panic, IRQs masked): nothing is synced.
 * The orderly stop, which syncs first, is kernel/shutdown.h's.
 */
void machine_stop(enum stop_reason why) __attribute__((noreturn));

#endif
