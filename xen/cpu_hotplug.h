/* vCPUs taken down and brought back by the toolstack (xen/cpu_hotplug.c). */
#ifndef XEN_CPU_HOTPLUG_H
#define XEN_CPU_HOTPLUG_H

/* Xen on Arm's vCPU ids: 16 per Aff1, as xen/vcpu_id.h maps them. */
#define CPU_HOTPLUG_MAX_VCPUS	4096

/* Watch cpu/ in our XenStore home: 0 or xs_watch()'s error. */
int cpu_hotplug_start(void);

/*
 * The vCPU a watch path names: "cpu/N" or "cpu/N/availability", relative
 * or under an absolute home, N in decimal without a leading zero and
 * below CPU_HOTPLUG_MAX_VCPUS; -1 for anything else ("cpu" itself).
 * Pure, for the host unit tests.
 */
int cpu_hotplug_vcpu(const char *path);

#endif
