#ifndef XEN_SHUTDOWN_H
#define XEN_SHUTDOWN_H

#include "kernel/power.h"

/* SCHEDOP_shutdown: poweroff, reboot, or crash (kept by on_crash). */
extern const struct power_ops xen_power_ops;

#endif
