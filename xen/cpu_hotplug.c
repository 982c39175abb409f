/*
 * `xl vcpu-set`: the toolstack writes cpu/N/availability ("online" or
 * "offline") in the domain's XenStore home for every vCPU N, and the
 * guest acts on it itself, as Linux's drivers/xen/cpu_hotplug.c does.  A
 * missing key or another value changes nothing (init-dom0less wrote
 * misplaced keys before Xen 4.21); vCPU 0 never goes down.
 */
#include <stdio.h>
#include <string.h>

#include "boot/cpu.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "kernel/smp.h"
#include "xen/cpu_hotplug.h"
#include "xen/vcpu_id.h"
#include "xen/xenstore.h"

static void apply(unsigned int vcpu)
{
	char path[32], value[16];
	bool online;
	int cpu, err;

	snprintf(path, sizeof(path), "cpu/%u/availability", vcpu);
	if (xs_read(XS_NO_TRANSACTION, path, value, sizeof(value)) < 0)
		return;
	if (strcmp(value, "online") == 0)
		online = true;
	else if (strcmp(value, "offline") == 0)
		online = false;
	else
		return;
	cpu = smp_cpu_by_mpidr(xen_vcpu_mpidr(vcpu));
	if (cpu < 0)
		return;		/* not a CPU of ours: never started */
	if (cpu == 0) {
		if (!online)
			printk("cpu-hotplug: vCPU %u stays online\n", vcpu);
		return;
	}
	err = smp_cpu_set_online((unsigned int)cpu, online);
	if (err)
		printk("cpu-hotplug: vCPU %u %s: %s\n", vcpu, value,
		       errno_name(err));
}

static void cpu_changed(const char *path, void *ctx)
{
	int vcpu = cpu_hotplug_vcpu(path);
	unsigned int i;

	(void)ctx;
	if (vcpu >= 0) {
		apply((unsigned int)vcpu);
		return;
	}
	/* The watch's first firing names "cpu" itself: look at them all. */
	for (i = 0; i < CPU_MAX; i++)
		if (smp_cpu_by_mpidr(cpus[i].mpidr) == (int)i)
			apply(xen_vcpu_id(cpus[i].mpidr));
}

int cpu_hotplug_start(void)
{
	return xs_watch("cpu", cpu_changed, NULL);
}
