/*
 * smp-test's workers: kernel threads pinned to one CPU each, started
 * together and joined with a time limit.
 */
#ifndef SMP_TEST_WORKER_H
#define SMP_TEST_WORKER_H

#include <stdbool.h>
#include <stdint.h>

#include "boot/cpu.h"
#include "kernel/sem.h"

#define CPU_MAX_TESTED	CPU_MAX

/*
 * One worker's state.  The main thread writes it before the worker
 * starts and reads it after the worker has given done; the worker owns
 * it in between.  A check keeps its workers in static storage of its
 * own, since one stuck past its join may still write to it.
 */
struct worker {
	struct sem go, done;
	void (*body)(struct worker *w);
	unsigned int cpu;		/* the one it is pinned to */
	bool finished;
	bool moved;			/* ran its body off its CPU */
	int error;			/* the body's, 0 for none */
	/* The body's rounds so far, kept current as it goes: a join
	 * tells a slow worker from a stuck one by it. */
	volatile unsigned int rounds;
	uint64_t result;		/* the body's */
};

/* The workers' priority: the main thread's, so that none starves it. */
void worker_set_priority(int priority);

/*
 * Run body on a new thread pinned to cpu: false if there is no thread
 * (no memory, or cpu is not online); w then counts as not finished.
 */
bool worker_start(struct worker *w, const char *name, unsigned int cpu,
		  void (*body)(struct worker *w));

/*
 * Wait for w[0..n) to finish: false when one has not (it then counts as
 * stuck).  The limit is on stalling, not on speed: the wait ends when
 * limit_ms pass in which no worker got a round further (a lost wakeup, a
 * CPU that stopped), or after JOIN_CAP_MS in all.  A CPU that wakes
 * another slowly (vCPU threads of an emulator on a busy host) makes a
 * check slower, not failed; the lost-wakeup limits of each wait
 * (LOST_MS in main.c) stay as they are.
 */
bool workers_join(struct worker *w, unsigned int n, uint64_t limit_ms);
/* Why the last failed join failed, for its FAIL line. */
const char *workers_join_why(void);

/*
 * Multiply every join's limit: where CPUs are slow to wake each other
 * (vCPUs on fewer emulated pCPUs under Xen), not a weaker check.
 */
void worker_set_slowness(unsigned int factor);

/* Whether a worker missed its join: it may never end. */
bool workers_stuck(void);

#endif
