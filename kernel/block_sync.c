/*
 * block_sync_all(): see block.h.  Every POLL_MS it moves each device on
 * as far as it goes without waiting: its requests in flight drain (the
 * driver's drain, polled), then its flush starts, then the flush's
 * completion is polled.  One clock for all the devices: the whole is
 * bounded by timeout_ms however many there are, and a device whose
 * backend never answers does not hold up the others' flushes.
 */
#include <stdbool.h>

#include "kernel/block.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "kernel/sem.h"
#include "kernel/thread.h"

#define POLL_MS		10

enum sync_step { SYNC_DRAINING, SYNC_FLUSHING, SYNC_DONE };

struct sync_slot {
	struct block_handle h;	/* stale once its disk is detached */
	enum sync_step step;
	struct block_request flush;
};

/*
 * Owned by block_sync_all(), which one thread calls (the stop's).  Not
 * on its stack: a flush that timed out stays with its driver, which may
 * complete it at any time later.
 */
static struct sync_slot slots[BLOCK_DEVICES_MAX];
static unsigned int nslots;
static bool abandoned;		/* a flush was left with its driver */

static void add_slot(const struct block_handle *h, void *ctx)
{
	(void)ctx;
	if (h->bd->readonly || nslots >= BLOCK_DEVICES_MAX)
		return;
	slots[nslots].h = *h;
	slots[nslots].step = SYNC_DRAINING;
	nslots++;
}

static void failed(struct sync_slot *s, const char *what, int err,
		   int *first_error)
{
	printk("block: %s: %s failed: %d (%s)\n", s->h.bd->name, what, err,
	       errno_name(err));
	if (!*first_error)
		*first_error = err;
	s->step = SYNC_DONE;
}

/* Move s on as far as it goes without waiting. */
static void advance(struct sync_slot *s, int *first_error)
{
	struct block_device *bd = s->h.bd;
	int err;

	if (s->step == SYNC_DRAINING) {
		err = bd->ops->drain ? bd->ops->drain(bd, 0) : 0;
		if (err == -ETIMEDOUT)
			return;		/* still busy */
		if (!err) {
			s->flush = (struct block_request){ .op = BLOCK_FLUSH };
			err = block_submit(&s->h, &s->flush);
		}
		if (err) {
			failed(s, "sync", err, first_error);
			return;
		}
		s->step = SYNC_FLUSHING;
	}
	if (s->step == SYNC_FLUSHING && ksem_take(&s->flush.done, 0) == 0) {
		s->step = SYNC_DONE;
		if (s->flush.result)
			failed(s, "flush", s->flush.result, first_error);
	}
}

int block_sync_all(int64_t timeout_ms)
{
	uint64_t start = sched_now_ms(), spent;
	unsigned int i, busy;
	int first_error = 0;

	if (abandoned)
		return -EBUSY;
	nslots = 0;
	block_for_each(add_slot, NULL);
	for (;;) {
		busy = 0;
		for (i = 0; i < nslots; i++) {
			if (slots[i].step != SYNC_DONE)
				advance(&slots[i], &first_error);
			busy += slots[i].step != SYNC_DONE;
		}
		if (!busy)
			return first_error;
		spent = sched_now_ms() - start;
		if (timeout_ms <= 0 || spent >= (uint64_t)timeout_ms)
			break;
		thread_sleep_ms((uint64_t)timeout_ms - spent < POLL_MS ?
				(uint64_t)timeout_ms - spent : POLL_MS);
	}
	for (i = 0; i < nslots; i++) {
		if (slots[i].step == SYNC_DONE)
			continue;
		printk("block: %s: %s timed out, stopping anyway\n",
		       slots[i].h.bd->name, slots[i].step == SYNC_FLUSHING ?
		       "flush" : "requests in flight");
		if (slots[i].step == SYNC_FLUSHING)
			abandoned = true;
	}
	return first_error ? first_error : -ETIMEDOUT;
}
