/* PSCI (Arm DEN 0022) through the conduit the DT named: hvc or smc. */
#ifndef DRIVERS_PSCI_H
#define DRIVERS_PSCI_H

#include "fdt/platform.h"
#include "kernel/power.h"
#include "kernel/smp.h"

/* The power ops for p's PSCI, or NULL if the DT has none. */
const struct power_ops *psci_power_ops(const struct platform *p);

/* How CPUs are started (CPU_ON), or NULL if the DT's PSCI has none. */
const struct cpu_ops *psci_cpu_ops(const struct platform *p);

#endif
