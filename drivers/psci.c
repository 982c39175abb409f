#include <stdint.h>

#include "drivers/psci.h"
#include "drivers/smccc.h"

#define PSCI_SYSTEM_OFF		0x84000008u
#define PSCI_SYSTEM_RESET	0x84000009u

/* Conduit chosen at boot by psci_power_ops(). */
static enum psci_method method;

/* A crash has no PSCI call of its own: off is the clean stop. */
static void psci_stop(enum stop_reason why)
{
	smccc_call(method, why == STOP_REBOOT ? PSCI_SYSTEM_RESET :
		   PSCI_SYSTEM_OFF, 0, 0, 0);
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
