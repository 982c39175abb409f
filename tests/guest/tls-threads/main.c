/*
 * Each thread's TLS is its own (kernel/tls_layout.h): run by the boot
 * tests with app=tls-threads.  Two worker threads at one priority write
 * their own values into two __thread variables, one initialised (.tdata)
 * and one not (.tbss), and check them after a yield (svc #0), then again
 * once the other thread has written its own (it sleeps meanwhile).
 *
 * Were tpidr_el0 not saved and restored with the frame, both workers and
 * the app's thread would share one block: a worker would start with the
 * other's count instead of zero, read the other's value after a switch,
 * and the app's own value would change while it waits.  Were the block
 * not laid out from the image, the initialised variable would not start
 * at its initial value.  Prints "tls-threads: ok NAME" or
 * "tls-threads: FAIL NAME: why", then a final PASS/FAIL line.
 */
#include <stdbool.h>
#include <stdint.h>

#include "kernel/app.h"
#include "kernel/page_alloc.h"
#include "kernel/printk.h"
#include "kernel/sem.h"
#include "kernel/thread.h"

#define WORKERS		2
#define WORKER_PRIORITY	9	/* below the app's 7, which only waits */
#define ROUNDS		20
#define WAIT_LIMIT_MS	1000	/* for the other thread's write, per round */
#define TAG_INITIAL	0x5eed5eed5eed5eedULL
#define APP_TAG		0xa11a11a11a11a11aULL

static __thread uint64_t tag = TAG_INITIAL;	/* .tdata */
static __thread unsigned int count;		/* .tbss */

struct worker {
	unsigned int id;
	bool fresh;		/* tag and count started as in the image */
	bool own_block;		/* tp inside this thread's first page */
	uintptr_t tp;
	unsigned int bad, interleaved;
	volatile bool done;
};

/*
 * Test state: a worker's fields are written by that worker only, and
 * read by the app's thread once both have given `finished` (done is
 * read by the other worker); writes[] counts each worker's writes, for
 * the other to see it ran.
 */
static struct worker workers[WORKERS] = { { .id = 0 }, { .id = 1 } };
static volatile unsigned int writes[WORKERS];
static struct sem finished;
static unsigned int failures;

static uintptr_t read_tp(void)
{
	uintptr_t tp;

	__asm__ volatile("mrs %0, tpidr_el0" : "=r"(tp));
	return tp;
}

static uint64_t worker_tag(const struct worker *w, unsigned int round)
{
	return 0x9e3779b97f4a7c15ULL * (w->id * 64 + round + 1);
}

/* One check after the other thread may have run: both variables must
 * still hold what this thread wrote. */
static void check(struct worker *w, unsigned int round)
{
	if (tag != worker_tag(w, round) || count != round + 1)
		w->bad++;
}

static void worker_main(void *arg)
{
	struct worker *w = arg;
	uintptr_t self = (uintptr_t)thread_current();
	unsigned int other = 1 - w->id, round, seen, waited;

	w->fresh = tag == TAG_INITIAL && count == 0;
	w->tp = read_tp();
	w->own_block = w->tp >= self + sizeof(struct thread) &&
		       w->tp < self + PAGE_SIZE;
	for (round = 0; round < ROUNDS; round++) {
		seen = writes[other];
		tag = worker_tag(w, round);
		count = round + 1;
		writes[w->id]++;
		thread_yield();
		check(w, round);
		/* Neither can wait for the other forever: whichever read its
		 * `seen` last did so after the other's write. */
		for (waited = 0; writes[other] == seen &&
		     !workers[other].done && waited < WAIT_LIMIT_MS; waited++)
			thread_sleep_ms(1);
		check(w, round);
		if (writes[other] != seen)
			w->interleaved++;
	}
	w->done = true;
	ksem_give(&finished);
}

static void verdict(const char *name, bool ok, const char *why)
{
	if (ok) {
		printk("tls-threads: ok %s\n", name);
	} else {
		printk("tls-threads: FAIL %s: %s\n", name, why);
		failures++;
	}
}

static void tls_threads_main(void)
{
	bool app_fresh = tag == TAG_INITIAL && count == 0;
	bool fresh = true, own = true, interleaved = true;
	unsigned int i, bad = 0, rounds_between = 0;

	ksem_init(&finished, 0, WORKERS);
	tag = APP_TAG;
	count = 7;
	for (i = 0; i < WORKERS; i++) {
		if (!thread_create(i ? "tls-1" : "tls-0", worker_main,
				   &workers[i], WORKER_PRIORITY,
				   THREAD_STACK_DEFAULT)) {
			printk("tls-threads: FAIL (no memory for a thread)\n");
			return;
		}
	}
	for (i = 0; i < WORKERS; i++)
		ksem_take(&finished, WAIT_FOREVER);
	for (i = 0; i < WORKERS; i++) {
		fresh = fresh && workers[i].fresh;
		own = own && workers[i].own_block;
		bad += workers[i].bad;
		rounds_between += workers[i].interleaved;
		/* Lockstep is expected; half is plenty to prove switching. */
		interleaved = interleaved &&
			      workers[i].interleaved >= ROUNDS / 2;
	}
	printk("tls-threads: %u rounds, %u checks changed, %u rounds with "
	       "the other thread between, tp 0x%lx and 0x%lx\n",
	       WORKERS * ROUNDS, bad, rounds_between,
	       (unsigned long)workers[0].tp, (unsigned long)workers[1].tp);
	verdict("app-initial", app_fresh,
		"the app's thread did not start from the TLS image");
	verdict("worker-initial", fresh,
		"a worker did not start from the TLS image");
	verdict("own-block", own && workers[0].tp != workers[1].tp,
		"a worker's tpidr_el0 is not in its own thread's page");
	verdict("kept-across-switches", bad == 0,
		"a worker read another thread's value after a switch");
	verdict("interleaved", interleaved,
		"the workers' rounds did not alternate");
	verdict("app-kept", tag == APP_TAG && count == 7,
		"the app's own values changed while the workers ran");
	printk("tls-threads: %s (%u failed)\n", failures ? "FAIL" : "PASS",
	       failures);
}

APP_REGISTER("tls-threads", tls_threads_main);
