/* smp-test's workers (worker.h). */
#include <stdio.h>
#include <string.h>

#include "kernel/thread.h"
#include "tests/guest/smp-test/worker.h"

#define WORKER_STACK	8192
/* How long a new worker waits to be pinned before it gives up. */
#define GO_LIMIT_MS	5000
/* A join's cap, however well its workers go on, and how often it looks
 * at their rounds. */
#define JOIN_CAP_MS	120000
#define JOIN_LOOK_MS	250

/* Written by the main thread only. */
static int priority = THREAD_PRIO_IDLE - 1;
static bool stuck;
static char join_why[96];
static unsigned int slowness = 1;

void worker_set_slowness(unsigned int factor)
{
	slowness = factor ? factor : 1;
}

void worker_set_priority(int p)
{
	priority = p;
}

static void worker_entry(void *arg)
{
	struct worker *w = arg;

	/* Only once pinned: it runs where it must from its first line. */
	if (ksem_take(&w->go, GO_LIMIT_MS) == 0 && w->body) {
		w->moved = sched_cpu() != w->cpu;
		w->body(w);
		w->moved |= sched_cpu() != w->cpu;
		w->finished = true;
	}
	ksem_give(&w->done);
}

bool worker_start(struct worker *w, const char *name, unsigned int cpu,
		  void (*body)(struct worker *w))
{
	struct thread *t;

	memset(w, 0, sizeof(*w));
	ksem_init(&w->go, 0, 1);
	ksem_init(&w->done, 0, 1);
	w->cpu = cpu;
	w->body = body;
	t = thread_create(name, worker_entry, w, priority, WORKER_STACK);
	if (!t) {
		ksem_give(&w->done);
		return false;
	}
	if (cpu >= CPU_MAX_TESTED || thread_set_affinity(t, 1ULL << cpu)) {
		w->body = NULL;		/* it just ends */
		ksem_give(&w->go);
		return false;
	}
	ksem_give(&w->go);
	return true;
}

static unsigned int rounds_of(const struct worker *w, unsigned int n)
{
	unsigned int i, sum = 0;

	for (i = 0; i < n; i++)
		sum += w[i].rounds;
	return sum;
}

bool workers_join(struct worker *w, unsigned int n, uint64_t limit_ms)
{
	uint64_t start = sched_now_ms(), moved = start, now;
	uint64_t stall = limit_ms * slowness, cap = JOIN_CAP_MS * slowness;
	unsigned int i = 0, seen = rounds_of(w, n), rounds;

	while (i < n) {
		if (ksem_take(&w[i].done, JOIN_LOOK_MS) == 0) {
			i++;
			continue;
		}
		now = sched_now_ms();
		rounds = rounds_of(w, n);
		if (rounds != seen) {
			seen = rounds;
			moved = now;
		}
		if (now - moved < stall && now - start < cap)
			continue;
		snprintf(join_why, sizeof(join_why), now - moved >= stall ?
			 "no round in %llu ms (%u rounds in all)" :
			 "still going after %llu ms (%u rounds in all)",
			 (unsigned long long)(now - moved >= stall ?
					      now - moved : now - start),
			 seen);
		/* The first time only: what kept it. */
		if (!stuck)
			sched_dump();
		stuck = true;
		return false;
	}
	return true;
}

const char *workers_join_why(void)
{
	return join_why;
}

bool workers_stuck(void)
{
	return stuck;
}
