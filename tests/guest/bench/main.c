/*
 * app=bench: costs measured inside one guest, for scripts/bench.sh.
 *   ctx-switch   one thread switch, from a semaphore ping-pong
 *   hypercall    a trivial hypercall (xen_version), the floor (Xen only)
 *   console      console write throughput, bytes per second
 */
#include <string.h>

#include "kernel/app.h"
#include "drivers/arm_timer.h"
#include "kernel/printk.h"
#include "kernel/sem.h"
#include "kernel/thread.h"
#include "tests/guest/common/bench_stats.h"
#include "xen/guest.h"
#include "xen/hypercall.h"

#define ROUNDS		1000
#define CONSOLE_BYTES	4096

/* Shared by the two ping-pong threads and the samples array. */
static struct sem ping, pong;
static uint64_t samples[ROUNDS];

static void ponger(void *unused)
{
	unsigned int i;

	(void)unused;
	for (i = 0; i < ROUNDS; i++) {
		ksem_take(&ping, WAIT_FOREVER);
		ksem_give(&pong);
	}
}

/* Each round trip is two switches (to the ponger and back). */
static void bench_ctx_switch(void)
{
	unsigned int i;

	ksem_init(&ping, 0, 1);
	ksem_init(&pong, 0, 1);
	thread_create("ponger", ponger, NULL, 6, 4096);
	for (i = 0; i < ROUNDS; i++) {
		uint64_t t = arm_timer_now();

		ksem_give(&ping);
		ksem_take(&pong, WAIT_FOREVER);
		samples[i] = (arm_timer_now() - t) / 2;
	}
	bench_report("ctx-switch", samples, ROUNDS);
}

static void bench_hypercall(void)
{
	unsigned int i;

	if (!xen->present)
		return;
	for (i = 0; i < ROUNDS; i++) {
		uint64_t t = arm_timer_now();

		hyp_xen_version(XENVER_version, NULL);
		samples[i] = arm_timer_now() - t;
	}
	bench_report("hypercall", samples, ROUNDS);
}

static void bench_console(void)
{
	static char line[64];
	uint64_t t, ticks;
	unsigned int i;

	memset(line, '.', sizeof(line) - 1);
	line[sizeof(line) - 1] = '\n';
	t = arm_timer_now();
	for (i = 0; i < CONSOLE_BYTES / sizeof(line); i++)
		console_write(line, sizeof(line));
	ticks = arm_timer_now() - t;
	printk("bench: console %s bytes %u ticks %llu bytes-per-second %llu\n",
	       console_get() ? console_get()->name : "none", CONSOLE_BYTES,
	       (unsigned long long)ticks,
	       (unsigned long long)(ticks ? (uint64_t)CONSOLE_BYTES *
				    arm_timer_freq() / ticks : 0));
}

static void bench_main(void)
{
	bench_hypercall();
	bench_ctx_switch();
	bench_console();
	printk("bench: done\n");
}

APP_REGISTER("bench", bench_main);
