/*
 * Starting the CPUs the DT lists (kernel/smp.c).  How a CPU is started is
 * handed in (PSCI, drivers/psci.c), as is what the Xen layer must do on a
 * CPU before its interrupts are enabled: kernel/ calls neither.
 */
#ifndef KERNEL_SMP_H
#define KERNEL_SMP_H

#include <stdbool.h>
#include <stdint.h>

struct cpu_ops {
	const char *name;
	/* Start the CPU with that MPIDR at physical address entry, with
	 * context in x0: 0, or a negative errno (the PSCI code is logged by
	 * the driver). */
	int (*start)(uint64_t mpidr, uint64_t entry, uint64_t context);
	/* Turn the calling CPU off; returns only on failure, its errno. */
	int (*stop)(void);
	/* 1 when the CPU with that MPIDR is off, 0 when not (yet), or a
	 * negative errno. */
	int (*is_off)(uint64_t mpidr);
};

struct smp_hooks {
	/* On the starting CPU, before its SGIs and PPIs are enabled:
	 * 0, or a negative errno that keeps the CPU off. */
	int (*cpu_starting)(unsigned int cpu);
	/* On a CPU going down, under the kernel lock, IRQs masked: move
	 * what it serves elsewhere.  0 or a negative errno (logged). */
	int (*cpu_dying)(unsigned int cpu);
};

/* Once, at boot, before smp_start_all(). */
void smp_set_ops(const struct cpu_ops *ops, const struct smp_hooks *hooks);

/*
 * Start every CPU in mpidrs[0..count) other than the calling one, in
 * thread context; report each one that fails by MPIDR and carry on.
 * Returns how many CPUs run (the boot one included).
 */
unsigned int smp_start_all(const uint64_t *mpidrs, unsigned int count);

/*
 * Take CPU cpu (an index, as cpus[] numbers them) down or bring it back,
 * from a thread: down moves its threads elsewhere (a thread pinned to it
 * alone is unpinned, said by name), then it turns itself off; up starts
 * it again.  0 (also when it already was so); -EPERM for CPU 0; -EINVAL
 * for a CPU that never started; -ENOSYS without a way to stop CPUs;
 * -ETIMEDOUT when it did not get there within a second.
 */
int smp_cpu_set_online(unsigned int cpu, bool online);
/* The index of the CPU with that MPIDR, or -ENOENT. */
int smp_cpu_by_mpidr(uint64_t mpidr);

#endif
