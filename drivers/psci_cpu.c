/*
 * Starting CPUs with PSCI CPU_ON (Arm DEN 0022), for kernel/smp.c, with
 * the function ID fdt/ found: PSCI 0.2's (SMC64), or the one a PSCI 0.1
 * DT names.
 */
#include <stdint.h>

#include "drivers/psci.h"
#include "drivers/smccc.h"
#include "kernel/errno.h"
#include "kernel/printk.h"

/* Set once by psci_cpu_ops() at boot. */
static enum psci_method method;
static uint32_t cpu_on_id, cpu_off_id;

#define PSCI_AFFINITY_INFO_64	0xc4000004u

static const char *psci_error_name(int64_t code)
{
	switch (code) {
	case -1: return "NOT_SUPPORTED";
	case -2: return "INVALID_PARAMETERS";
	case -3: return "DENIED";
	case -4: return "ALREADY_ON";
	case -5: return "ON_PENDING";
	case -6: return "INTERNAL_FAILURE";
	case -7: return "NOT_PRESENT";
	case -8: return "DISABLED";
	case -9: return "INVALID_ADDRESS";
	default: return "unknown";
	}
}

static int psci_errno(int64_t code)
{
	switch (code) {
	case -1: return -ENOSYS;
	case -2: return -EINVAL;
	case -3: return -EPERM;
	case -4: return -EBUSY;
	case -5: return -EINPROGRESS;
	case -7: return -ENODEV;
	case -9: return -EFAULT;
	default: return -EIO;
	}
}

static int psci_cpu_on(uint64_t mpidr, uint64_t entry, uint64_t context)
{
	int64_t code = (int32_t)smccc_call(method, cpu_on_id, mpidr, entry,
					   context).x0;

	if (code == 0)
		return 0;
	printk("psci: CPU_ON of MPIDR 0x%llx: %lld %s\n",
	       (unsigned long long)mpidr, (long long)code,
	       psci_error_name(code));
	return psci_errno(code);
}

static int psci_cpu_off(void)
{
	int64_t code = (int32_t)smccc_call(method, cpu_off_id, 0, 0, 0).x0;

	printk("psci: CPU_OFF: %lld %s\n", (long long)code,
	       psci_error_name(code));
	return psci_errno(code);
}

/* AFFINITY_INFO (PSCI 0.2): 0 on, 1 off, 2 on pending. */
static int psci_is_off(uint64_t mpidr)
{
	int64_t code = (int32_t)smccc_call(method, PSCI_AFFINITY_INFO_64,
					   mpidr, 0, 0).x0;

	if (code < 0)
		return psci_errno(code);
	return code == 1;
}

static const struct cpu_ops psci_cpu_on_ops = {
	.name = "psci",
	.start = psci_cpu_on,
	.stop = psci_cpu_off,
	.is_off = psci_is_off,
};

/* PSCI 0.1 has no AFFINITY_INFO: CPUs start, but never go down. */
static const struct cpu_ops psci_0_1_cpu_ops = {
	.name = "psci-0.1",
	.start = psci_cpu_on,
};

const struct cpu_ops *psci_cpu_ops(const struct platform *p)
{
	if (p->psci == PSCI_NONE || !p->psci_cpu_on)
		return NULL;
	method = p->psci;
	cpu_on_id = p->psci_cpu_on;
	cpu_off_id = p->psci_cpu_off;
	return p->psci_0_2 && cpu_off_id ? &psci_cpu_on_ops :
					    &psci_0_1_cpu_ops;
}
