/*
 * The orderly stop: see shutdown.h.  It runs on two threads of its own,
 * both created at boot:
 *  - "shutdown" waits for the request, hands the sync to "sync", and
 *    waits for it until the deadline; then it stops the machine, whatever
 *    the sync is doing.
 *  - "sync" runs the sync function the wiring handed in.  It may block
 *    where no deadline reaches it (a driver's lock held across a backend
 *    that never answers): that is why it is not the thread that stops.
 * Neither is a thread that delivers events: the XenStore watch that asks
 * for the stop arrives on the thread that must go on delivering the
 * backends' state changes, and a closing backend is what fails the flush
 * the sync waits for.
 */
#include <stdbool.h>

#include "kernel/errno.h"
#include "kernel/irq.h"
#include "kernel/page_alloc.h"
#include "kernel/printk.h"
#include "kernel/sem.h"
#include "kernel/shutdown.h"
#include "kernel/thread.h"

/* Above every driver and service: a thread that never blocks (netfront
 * under a flood, at 3) cannot hold off the stop.  It runs only to hand
 * the work over and to stop. */
#define STOP_PRIORITY		1
#define STOP_STACK		(2 * PAGE_SIZE)
/* Below the threads that deliver what the sync waits for (XenStore 2
 * and 3, XenBus 4, blkfront 5), above the apps (7): a busy app does not
 * delay it. */
#define SYNC_PRIORITY		6

/*
 * The stop's state, owned by this file.  sync_fn and ready are set once
 * by shutdown_init() before any thread runs; the request fields once, by
 * the first shutdown_request() (IRQs masked), read by the threads after
 * wake_stop; sync_budget_ms by the stop thread before wake_sync.
 */
static shutdown_sync_fn sync_fn;
static bool ready;
static bool requested;
static enum stop_reason request_why;
static uint64_t request_ms;		/* sched_now_ms() at the request */
static int64_t sync_budget_ms;
static struct sem wake_stop, wake_sync, sync_done;

/* What is left of budget_ms since start_ms, never negative. */
static int64_t left_ms(uint64_t start_ms, int64_t budget_ms)
{
	uint64_t spent = sched_now_ms() - start_ms;

	return spent >= (uint64_t)budget_ms ? 0 : budget_ms - (int64_t)spent;
}

static void stop_thread(void *unused)
{
	(void)unused;
	thread_background();
	ksem_take(&wake_stop, WAIT_FOREVER);
	sync_budget_ms = left_ms(request_ms, SHUTDOWN_DEADLINE_MS -
					     SHUTDOWN_SYNC_MARGIN_MS);
	ksem_give(&wake_sync);
	/* 0 left polls, and a sync not done by then is too late. */
	if (ksem_take(&sync_done, left_ms(request_ms, SHUTDOWN_DEADLINE_MS)))
		printk("shutdown: the sync did not end within %d ms, "
		       "stopping anyway\n", SHUTDOWN_DEADLINE_MS);
	machine_stop(request_why);
}

static void sync_thread(void *unused)
{
	(void)unused;
	thread_background();
	ksem_take(&wake_sync, WAIT_FOREVER);
	if (sync_fn)
		(void)sync_fn(sync_budget_ms);	/* it names what failed */
	ksem_give(&sync_done);
}

int shutdown_init(shutdown_sync_fn sync)
{
	sync_fn = sync;
	ksem_init(&wake_stop, 0, 1);
	ksem_init(&wake_sync, 0, 1);
	ksem_init(&sync_done, 0, 1);
	if (!thread_create("shutdown", stop_thread, NULL, STOP_PRIORITY,
			   STOP_STACK) ||
	    !thread_create("sync", sync_thread, NULL, SYNC_PRIORITY,
			   THREAD_STACK_DEFAULT))
		return -ENOMEM;
	ready = true;
	return 0;
}

void shutdown_request(enum stop_reason why)
{
	unsigned long flags;
	bool first;

	if (!ready)
		machine_stop(why);	/* nothing to sync with */
	flags = irq_save();
	first = !requested;
	if (first) {
		requested = true;
		request_why = why;
		request_ms = sched_now_ms();
	}
	irq_restore(flags);
	if (first)
		ksem_give(&wake_stop);
}

void machine_shutdown(enum stop_reason why)
{
	shutdown_request(why);
	/* The stop thread ends it all; this one has nothing left to do. */
	for (;;)
		thread_sleep_ms(1000);
}
