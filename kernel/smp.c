/*
 * Starting the other CPUs.  The boot CPU is cpus[0]; every other CPU the
 * DT lists gets the next slot, its exception stack (above a guard page,
 * aligned as boot/vectors.S wants), an idle thread pinned to it whose
 * stack it starts on, and a boot block in its struct cpu, which it reads
 * with its MMU off (boot/head.S secondary_entry).  Then CPU_ON, and up to
 * a second for it to say it is online.  A CPU that fails is named by
 * MPIDR and the others carry on.
 */
#include <stdint.h>

#include "boot/cpu.h"
#include "boot/image.h"
#include "boot/mmu.h"
#include "boot/sysregs.h"
#include "kernel/errno.h"
#include "kernel/irq.h"
#include "kernel/mutex.h"
#include "kernel/page_alloc.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "kernel/smp.h"
#include "kernel/thread.h"

#define START_WAIT_MS		1000
#define EXCEPTION_STACK_SIZE	(1UL << EXCEPTION_STACK_SHIFT)

/* Set once by the boot wiring (init/main.c) before smp_start_all(). */
static const struct cpu_ops *ops;
static const struct smp_hooks *hooks;
/* Why a CPU could not run: written by it before it says CPU_OFF. */
static int start_error[CPU_MAX];
/* The slots that ever got their stacks and idle thread (then kept for
 * good, to start again).  Written by smp_start_all() and under
 * hotplug_lock. */
static bool prepared[CPU_MAX];
static unsigned int slots_used = 1;
/* One CPU goes down or up at a time (all zeros: unlocked). */
static struct mutex hotplug_lock;

void smp_set_ops(const struct cpu_ops *o, const struct smp_hooks *h)
{
	ops = o;
	hooks = h;
}

/* Nothing to do: the sender set need_switch, and the IRQ exit switches. */
static void ipi_reschedule(uint32_t intid, void *ctx)
{
	(void)intid;
	(void)ctx;
}

static void __attribute__((noreturn)) park(void)
{
	for (;;)
		__asm__ volatile("msr daifset, #0xf\n wfi");
}

/*
 * The C entry of a starting CPU, on its idle thread's stack, IRQs masked.
 * No C library locks here (malloc, stdio): until its scheduler starts the
 * CPU has no current thread, and kernel/libc_lock.c takes none then.
 */
static void secondary_main(struct cpu *c)
{
	int expected = CPU_STARTING;
	int err = hooks && hooks->cpu_starting ?
		  hooks->cpu_starting(c->index) : 0;

	if (!err)
		err = irq_cpu_init();
	if (err) {
		start_error[c->index] = err;
		__atomic_store_n(&c->state, CPU_OFF, __ATOMIC_RELEASE);
		park();
	}
	/* Too late: the boot CPU gave up on us and said so. */
	if (!__atomic_compare_exchange_n(&c->state, &expected, CPU_ONLINE,
					 false, __ATOMIC_ACQ_REL,
					 __ATOMIC_ACQUIRE))
		park();
	sched_start_secondary();
}

/* Its exception stack and idle thread, kept for good. */
static int prepare(unsigned int index, uint64_t mpidr)
{
	struct cpu *c = &cpus[index];
	void *exc = page_alloc(EXCEPTION_STACK_SIZE / PAGE_SIZE);
	uint64_t stack;
	int err;

	if (!exc)
		return -ENOMEM;
	err = mmu_map_exception_stack((uint64_t)(uintptr_t)exc, &stack);
	if (err)
		return err;
	if (!sched_idle_thread(index))
		return -ENOMEM;
	c->index = index;
	c->mpidr = mpidr;
	c->exception_stack_top = stack + EXCEPTION_STACK_SIZE;
	c->exception_stack_guard = stack - PAGE_SIZE;
	prepared[index] = true;
	return 0;
}

/* CPU_ON, then up to START_WAIT_MS for it to say it is online. */
static int boot(unsigned int index, struct thread *idle)
{
	struct cpu *c = &cpus[index];
	uint64_t mpidr = c->mpidr;
	unsigned int ms;
	int expected = CPU_STARTING;
	int err;

	c->lock_depth = 0;
	c->state = CPU_STARTING;
	c->fpsimd_save_area = &idle->fpsimd;
	c->boot_mair = read_sysreg(mair_el1);
	c->boot_tcr = read_sysreg(tcr_el1);
	c->boot_ttbr0 = read_sysreg(ttbr0_el1);
	c->boot_sctlr = read_sysreg(sctlr_el1);
	c->boot_vbar = read_sysreg(vbar_el1);
	c->boot_sp = idle->context.sp;
	c->boot_tpidr_el0 = idle->context.tpidr;
	c->boot_entry = (uint64_t)(uintptr_t)secondary_main;
	dcache_clean_poc(c, sizeof(*c));
	/* The image is identity-mapped: these addresses are physical. */
	err = ops->start(mpidr, (uint64_t)(uintptr_t)secondary_entry,
			 (uint64_t)(uintptr_t)c);
	if (err) {
		c->state = CPU_OFF;
		return err;
	}
	for (ms = 0; ms < START_WAIT_MS; ms++) {
		int state = __atomic_load_n(&c->state, __ATOMIC_ACQUIRE);

		if (state == CPU_ONLINE)
			return 0;
		if (state == CPU_OFF)
			return start_error[index];
		thread_sleep_ms(1);
	}
	if (__atomic_compare_exchange_n(&c->state, &expected, CPU_ABANDONED,
					false, __ATOMIC_ACQ_REL,
					__ATOMIC_ACQUIRE))
		return -ETIMEDOUT;
	return c->state == CPU_ONLINE ? 0 : -EIO;
}

static int start_one(unsigned int index, uint64_t mpidr)
{
	int err = prepare(index, mpidr);

	return err ? err : boot(index, sched_idle_of(index));
}

unsigned int smp_start_all(const uint64_t *mpidrs, unsigned int count)
{
	uint64_t self = read_sysreg(mpidr_el1) & MPIDR_AFFINITY_MASK;
	unsigned int i, slot = 1, running = 1;
	int err;

	cpus[0].mpidr = self;
	if (count <= 1)
		return 1;
	if (!ops) {
		printk("smp: no PSCI CPU_ON to start CPUs with: 1 of %u CPUs "
		       "running\n", count);
		return 1;
	}
	if (irq_connect(IPI_RESCHEDULE, ipi_reschedule, NULL, true)) {
		printk("smp: cannot connect the IPI: 1 of %u CPUs running\n",
		       count);
		return 1;
	}
	for (i = 0; i < count && slot < CPU_MAX; i++) {
		uint64_t mpidr = mpidrs[i] & MPIDR_AFFINITY_MASK;

		if (mpidr == self)
			continue;
		err = start_one(slot, mpidr);
		if (err == -ETIMEDOUT)
			printk("smp: cpu %u (MPIDR 0x%llx) did not come up "
			       "within %u ms\n", slot,
			       (unsigned long long)mpidr, START_WAIT_MS);
		else if (err)
			printk("smp: cpu %u (MPIDR 0x%llx) did not start: %s\n",
			       slot, (unsigned long long)mpidr,
			       errno_name(err));
		else
			running++;
		slot++;	/* a late CPU may still use a failed slot's */
	}
	slots_used = slot;
	printk("smp: %u of %u CPUs running\n", running, count);
	return running;
}

int smp_cpu_by_mpidr(uint64_t mpidr)
{
	unsigned int i;

	for (i = 0; i < slots_used; i++)
		if (cpus[i].mpidr == (mpidr & MPIDR_AFFINITY_MASK))
			return (int)i;
	return -ENOENT;
}

/*
 * On the CPU going down, from its idle thread (kernel/sched.c): hand its
 * ports back, reset its idle thread, say CPU_OFF, and turn off.  The
 * kernel lock is let go first; nothing shared is touched after.
 */
static void die(void)
{
	struct cpu *c = this_cpu();
	int err;

	irq_save();
	if (hooks && hooks->cpu_dying) {
		err = hooks->cpu_dying(c->index);
		if (err)
			printk("smp: cpu %u: %s while going down\n", c->index,
			       errno_name(err));
	}
	sched_cpu_off();
	printk("smp: cpu %u offline\n", c->index);
	__atomic_store_n(&c->state, CPU_OFF, __ATOMIC_RELEASE);
	kernel_lock_release();		/* IRQs stay masked */
	err = ops->stop();
	irq_save();
	panic("smp: cpu %u did not turn off: %s", c->index, errno_name(err));
}

/* Sleep-poll up to START_WAIT_MS for cpu to be off, by itself and PSCI. */
static int wait_off(struct cpu *c)
{
	unsigned int ms;

	for (ms = 0; ms < START_WAIT_MS; ms++) {
		if (__atomic_load_n(&c->state, __ATOMIC_ACQUIRE) == CPU_OFF &&
		    ops->is_off(c->mpidr) == 1)
			return 0;
		thread_sleep_ms(1);
	}
	return -ETIMEDOUT;
}

int smp_cpu_set_online(unsigned int cpu, bool online)
{
	unsigned long flags;
	struct cpu *c;
	int err = 0, state;

	if (cpu == 0)
		return -EPERM;
	if (cpu >= CPU_MAX || !prepared[cpu])
		return -EINVAL;
	if (!ops || !ops->stop || !ops->is_off)
		return -ENOSYS;
	c = &cpus[cpu];
	mutex_lock(&hotplug_lock, WAIT_FOREVER);
	state = __atomic_load_n(&c->state, __ATOMIC_ACQUIRE);
	if (!online && state == CPU_ONLINE) {
		flags = irq_save();
		sched_cpu_going_down(cpu, die);
		irq_restore(flags);
		sched_preempt_point();
		err = wait_off(c);
	} else if (online && state == CPU_OFF) {
		err = boot(cpu, sched_idle_of(cpu));
		if (!err)
			printk("smp: cpu %u online\n", cpu);
	} else if (state != (online ? CPU_ONLINE : CPU_OFF)) {
		err = -EBUSY;	/* abandoned at start, or failed */
	}
	mutex_unlock(&hotplug_lock);
	return err;
}
