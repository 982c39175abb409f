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
static uint32_t cpu_on_id;

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

static const struct cpu_ops psci_cpu_on_ops = {
	.name = "psci",
	.start = psci_cpu_on,
};

const struct cpu_ops *psci_cpu_ops(const struct platform *p)
{
	if (p->psci == PSCI_NONE || !p->psci_cpu_on)
		return NULL;
	method = p->psci;
	cpu_on_id = p->psci_cpu_on;
	return &psci_cpu_on_ops;
}
