#include <stdint.h>

#include "drivers/psci.h"

#define PSCI_SYSTEM_OFF		0x84000008u
#define PSCI_SYSTEM_RESET	0x84000009u

/* Conduit chosen at boot by psci_power_ops(). */
static enum psci_method method;

static uint64_t psci_call(uint32_t function)
{
	register uint64_t x0 __asm__("x0") = function;

	if (method == PSCI_HVC)
		__asm__ volatile("hvc #0" : "+r"(x0) : : "x1", "x2", "x3",
				 "memory");
	else
		__asm__ volatile("smc #0" : "+r"(x0) : : "x1", "x2", "x3",
				 "memory");
	return x0;
}

/* A crash has no PSCI call of its own: off is the clean stop. */
static void psci_stop(enum stop_reason why)
{
	psci_call(why == STOP_REBOOT ? PSCI_SYSTEM_RESET : PSCI_SYSTEM_OFF);
}

static const struct power_ops psci_ops = {
	.name = "psci",
	.stop = psci_stop,
};

const struct power_ops *psci_power_ops(const struct platform *p)
{
	if (p->psci == PSCI_NONE)
		return NULL;
	method = p->psci;
	return &psci_ops;
}
