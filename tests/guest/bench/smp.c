/*
 * app=bench-smp: what several CPUs cost and give, for scripts/bench/smp.sh.
 *   sem-same-cpu    a semaphore round trip between two threads on CPU 0
 *   sem-cross-cpu   the same with the partner pinned to CPU 1
 *   wake-idle-cpu   from a semaphore given on CPU 0 to the thread it wakes
 *                   running on CPU 1, which was idle (the IPI, the
 *                   exception and the switch there)
 *   parallel        one CPU-bound job done by one thread, then split over
 *                   a thread pinned to each CPU: the speedup
 * Needs 2 CPUs; says so and stops otherwise.
 */
#include "boot/cpu.h"
#include "kernel/app.h"
#include "drivers/arm_timer.h"
#include "kernel/printk.h"
#include "kernel/sem.h"
#include "kernel/thread.h"
#include "tests/guest/common/bench_stats.h"

#define ROUNDS		1000
#define WORK		(64ULL << 20)	/* loop iterations of the job */

/* Shared by main and its partner threads. */
static struct sem ping, pong, done;
static uint64_t samples[ROUNDS];
static volatile uint64_t stamp;
static uint64_t sums[CPU_MAX];

static void ponger(void *unused)
{
	unsigned int i;

	(void)unused;
	for (i = 0; i < ROUNDS; i++) {
		ksem_take(&ping, WAIT_FOREVER);
		ksem_give(&pong);
	}
	ksem_give(&done);
}

static void round_trip(const char *name, unsigned int partner_cpu)
{
	struct thread *t;
	unsigned int i;

	ksem_init(&ping, 0, 1);
	ksem_init(&pong, 0, 1);
	ksem_init(&done, 0, 1);
	t = thread_create("ponger", ponger, NULL, 6, 4096);
	if (!t || thread_set_affinity(t, 1ULL << partner_cpu)) {
		printk("bench: %s: cannot start the partner\n", name);
		return;
	}
	for (i = 0; i < ROUNDS; i++) {
		uint64_t t0 = arm_timer_now();

		ksem_give(&ping);
		ksem_take(&pong, WAIT_FOREVER);
		samples[i] = arm_timer_now() - t0;
	}
	ksem_take(&done, WAIT_FOREVER);
	bench_report(name, samples, ROUNDS);
}

static void waker_target(void *unused)
{
	unsigned int i;

	(void)unused;
	for (i = 0; i < ROUNDS; i++) {
		ksem_take(&ping, WAIT_FOREVER);
		samples[i] = arm_timer_now() - stamp;
		ksem_give(&pong);
	}
	ksem_give(&done);
}

static void wake_idle(void)
{
	struct thread *t;
	unsigned int i;

	ksem_init(&ping, 0, 1);
	ksem_init(&pong, 0, 1);
	ksem_init(&done, 0, 1);
	t = thread_create("wakee", waker_target, NULL, 6, 4096);
	if (!t || thread_set_affinity(t, 1ULL << 1)) {
		printk("bench: wake-idle-cpu: cannot start the target\n");
		return;
	}
	for (i = 0; i < ROUNDS; i++) {
		/* Let CPU 1 go idle (to wfi) before each wake. */
		thread_sleep_ms(1);
		stamp = arm_timer_now();
		ksem_give(&ping);
		ksem_take(&pong, WAIT_FOREVER);
	}
	ksem_take(&done, WAIT_FOREVER);
	bench_report("wake-idle-cpu", samples, ROUNDS);
}

/* The job: an integer recurrence the compiler cannot fold. */
static uint64_t job(uint64_t n, uint64_t seed)
{
	uint64_t x = seed, i;

	for (i = 0; i < n; i++) {
		x = x * 6364136223846793005ULL + 1442695040888963407ULL;
		__asm__ volatile("" : "+r"(x));	/* one step at a time */
	}
	return x;
}

static void worker(void *arg)
{
	unsigned int cpu = (unsigned int)(uintptr_t)arg;

	sums[cpu] = job(WORK / sched_cpus_online(), cpu + 1);
	ksem_give(&done);
}

static void parallel(void)
{
	unsigned int n = sched_cpus_online(), c, started = 0;
	uint64_t t0, one, all;

	t0 = arm_timer_now();
	sums[0] = job(WORK, 1);
	one = arm_timer_now() - t0;
	ksem_init(&done, 0, CPU_MAX);
	t0 = arm_timer_now();
	for (c = 0; c < n; c++) {
		struct thread *t = thread_create("worker", worker,
						 (void *)(uintptr_t)c, 8, 4096);

		if (t && !thread_set_affinity(t, 1ULL << c))
			started++;
	}
	for (c = 0; c < started; c++)
		ksem_take(&done, WAIT_FOREVER);
	all = arm_timer_now() - t0;
	printk("bench: parallel cpus %u threads %u one-ticks %llu all-ticks "
	       "%llu speedup-x1000 %llu\n", n, started,
	       (unsigned long long)one, (unsigned long long)all,
	       (unsigned long long)(all ? one * 1000 / all : 0));
}

static void bench_smp_main(void)
{
	struct thread *self = thread_current();

	if (sched_cpus_online() < 2) {
		printk("bench: bench-smp needs 2 CPUs, has %u\n",
		       sched_cpus_online());
		return;
	}
	thread_set_affinity(self, 1ULL << 0);
	round_trip("sem-same-cpu", 0);
	round_trip("sem-cross-cpu", 1);
	wake_idle();
	parallel();
	printk("bench: done\n");
}

APP_REGISTER("bench-smp", bench_smp_main);
