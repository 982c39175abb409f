/* smp-test's workers (worker.h). */
#include <string.h>

#include "kernel/thread.h"
#include "tests/guest/smp-test/worker.h"

#define WORKER_STACK	8192
/* How long a new worker waits to be pinned before it gives up. */
#define GO_LIMIT_MS	5000

/* Both written by the main thread only. */
static int priority = THREAD_PRIO_IDLE - 1;
static bool stuck;
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

bool workers_join(struct worker *w, unsigned int n, uint64_t limit_ms)
{
	uint64_t deadline = sched_now_ms() + limit_ms * slowness, now;
	unsigned int i;
	bool ok = true;

	for (i = 0; i < n; i++) {
		now = sched_now_ms();
		if (ksem_take(&w[i].done, now < deadline ?
			      (int64_t)(deadline - now) : 0)) {
			ok = false;
			stuck = true;
		}
	}
	return ok;
}

bool workers_stuck(void)
{
	return stuck;
}
