/*
 * block_sync_all() (kernel/block_sync.c), the flushes of the stop, built
 * for the host against fake disks and a fake clock: this file plays the
 * block layer (block_for_each, block_submit), the driver (drain, and
 * completing a flush some time after it was submitted, or never), the
 * scheduler's clock and sleep, and printk.  Each test runs in its own
 * process (Check's fork mode): a flush left unanswered marks the sync
 * over for good, by design.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "helpers.h"

#include "kernel/block.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "kernel/thread.h"

#define NEVER		(-1)
#define POLL_MS		10	/* kernel/block_sync.c's */

struct fake_disk {
	struct block_device bd;
	uint64_t busy_until;		/* drain says busy until then */
	int64_t flush_after;		/* ms from submission, or NEVER */
	int flush_result;
	int submit_error;		/* block_submit's answer, if not 0 */
	/* What happened. */
	unsigned int drains, submits;
	struct block_request *rq;	/* the flush with the driver */
	uint64_t submitted_at;
	bool completed;
};

/* The fake world, set up by each test (each in its own process). */
static struct fake_disk disks[BLOCK_DEVICES_MAX];
static unsigned int ndisks;
static uint64_t now_ms;
static unsigned int sleeps;
static char printed[4096];

static void complete_due(void);

/* A drain that waits as a driver's would: up to timeout_ms, or until the
 * disk is idle; 0 polls. */
static int fake_drain(struct block_device *bd, int64_t timeout_ms)
{
	struct fake_disk *d = bd->priv;

	d->drains++;
	if (now_ms >= d->busy_until)
		return 0;
	if (timeout_ms >= 0 && now_ms + (uint64_t)timeout_ms < d->busy_until) {
		now_ms += (uint64_t)timeout_ms;
		complete_due();
		return -ETIMEDOUT;
	}
	ck_assert_msg(d->busy_until != UINT64_MAX,
		      "%s: waited for good for a drain that never ends",
		      bd->name);
	now_ms = d->busy_until;
	complete_due();
	return 0;
}

static const struct block_ops fake_ops = { .drain = fake_drain };

static struct fake_disk *add_disk(const char *name, uint64_t busy_until,
				  int64_t flush_after)
{
	struct fake_disk *d = &disks[ndisks++];

	snprintf(d->bd.name, sizeof(d->bd.name), "%s", name);
	d->bd.ops = &fake_ops;
	d->bd.priv = d;
	d->busy_until = busy_until;
	d->flush_after = flush_after;
	return d;
}

/* The driver's side: complete each flush whose time has come. */
static void complete_due(void)
{
	unsigned int i;

	for (i = 0; i < ndisks; i++) {
		struct fake_disk *d = &disks[i];

		if (!d->rq || d->completed || d->flush_after == NEVER ||
		    now_ms < d->submitted_at + (uint64_t)d->flush_after)
			continue;
		d->rq->result = d->flush_result;
		d->rq->done.count = 1;
		d->completed = true;
	}
}

uint64_t sched_now_ms(void)
{
	return now_ms;
}

void thread_sleep_ms(uint64_t ms)
{
	ck_assert(ms > 0 && ms <= POLL_MS);
	now_ms += ms;
	sleeps++;
	complete_due();
}

/* A wait on a flush's semaphore, as the scheduler would run it: time
 * passes until the flush completes or the wait times out; 0 polls. */
int ksem_take(struct sem *s, int64_t timeout_ms)
{
	struct fake_disk *d = NULL;
	uint64_t due;
	unsigned int i;

	for (i = 0; i < ndisks; i++)
		if (disks[i].rq && &disks[i].rq->done == s)
			d = &disks[i];
	ck_assert_msg(d != NULL, "a wait on no flush's semaphore");
	if (!s->count && timeout_ms != 0) {
		ck_assert_msg(timeout_ms > 0 || d->flush_after != NEVER,
			      "%s: waited for good for a flush that never "
			      "completes: the stop would hang", d->bd.name);
		due = d->flush_after == NEVER ? UINT64_MAX :
		      d->submitted_at + (uint64_t)d->flush_after;
		if (timeout_ms > 0 && now_ms + (uint64_t)timeout_ms < due)
			now_ms += (uint64_t)timeout_ms;
		else if (due > now_ms)
			now_ms = due;
		complete_due();
	}
	if (!s->count)
		return timeout_ms == 0 ? -EAGAIN : -ETIMEDOUT;
	s->count--;
	return 0;
}

void block_for_each(void (*fn)(const struct block_handle *h, void *ctx),
		    void *ctx)
{
	unsigned int i;

	for (i = 0; i < ndisks; i++) {
		struct block_handle h = { .bd = &disks[i].bd,
					  .generation = i + 1 };

		fn(&h, ctx);
	}
}

int block_submit(const struct block_handle *h, struct block_request *rq)
{
	struct block_device *bd = h->bd;
	struct fake_disk *d = bd->priv;

	ck_assert_int_eq(rq->op, BLOCK_FLUSH);
	ck_assert_msg(!bd->readonly, "%s: flushed, but read-only", bd->name);
	/* A flush covers only the writes that completed before it. */
	ck_assert_msg(now_ms >= d->busy_until,
		      "%s: flushed at %llu ms while busy until %llu", bd->name,
		      (unsigned long long)now_ms,
		      (unsigned long long)d->busy_until);
	d->submits++;
	if (d->submit_error)
		return d->submit_error;
	rq->result = 0;
	rq->done.count = 0;
	d->rq = rq;
	d->completed = false;
	d->submitted_at = now_ms;
	complete_due();
	return 0;
}

int printk(const char *fmt, ...)
{
	size_t used = strlen(printed);
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(printed + used, sizeof(printed) - used, fmt, ap);
	va_end(ap);
	return n;
}

START_TEST(every_writable_disk_drained_then_flushed)
{
	struct fake_disk *a = add_disk("xvda", 35, 20);
	struct fake_disk *b = add_disk("xvdb", 0, 0);
	struct fake_disk *c = add_disk("xvdc", 0, 0);

	c->bd.readonly = true;
	ck_assert_int_eq(block_sync_all(7000), 0);
	ck_assert_str_eq(printed, "");
	ck_assert(a->completed && b->completed);
	/* The flush went out once xvda was idle, not before. */
	ck_assert_uint_ge(a->submitted_at, 35);
	ck_assert_uint_eq(c->drains + c->submits, 0);
	/* Done as soon as the last flush is, not at the deadline. */
	ck_assert_uint_le(now_ms, 35 + 20 + POLL_MS);
}
END_TEST

START_TEST(a_stalled_flush_costs_the_others_nothing)
{
	struct fake_disk *a = add_disk("xvda", 0, NEVER);
	struct fake_disk *b = add_disk("xvdb", 0, 50);
	struct fake_disk *c = add_disk("xvdc", 100, 10);

	ck_assert_int_eq(block_sync_all(7000), -ETIMEDOUT);
	ck_assert_str_eq(printed, "block: xvda: flush timed out, stopping anyway\n");
	ck_assert_uint_eq(now_ms, 7000);
	ck_assert(b->completed && c->completed);
	ck_assert_uint_le(b->submitted_at + c->submitted_at, 100);
	ck_assert(!a->completed);
}
END_TEST

/* One clock for all: 16 disks that never drain take timeout_ms in all,
 * not 16 times it, and each is named. */
START_TEST(one_deadline_for_every_disk)
{
	char want[4096] = "", name[8], line[80];
	unsigned int i;

	for (i = 0; i < BLOCK_DEVICES_MAX; i++) {
		snprintf(name, sizeof(name), "xvd%c", 'a' + i);
		add_disk(name, UINT64_MAX, 0);
		snprintf(line, sizeof(line), "block: xvd%c: requests in flight "
			 "timed out, stopping anyway\n", 'a' + i);
		strcat(want, line);
	}
	/* Not a multiple of the poll: the last sleep is the remainder. */
	ck_assert_int_eq(block_sync_all(505), -ETIMEDOUT);
	ck_assert_uint_eq(now_ms, 505);
	ck_assert_str_eq(printed, want);
	for (i = 0; i < BLOCK_DEVICES_MAX; i++)
		ck_assert_uint_eq(disks[i].submits, 0);
	/* Nothing was left with a driver: a second sync may run. */
	printed[0] = '\0';
	ck_assert_int_eq(block_sync_all(20), -ETIMEDOUT);
	ck_assert_uint_eq(now_ms, 525);
}
END_TEST

START_TEST(failures_named_and_the_first_returned)
{
	struct fake_disk *a = add_disk("xvda", 0, 0);
	struct fake_disk *b = add_disk("xvdb", 0, 0);
	struct fake_disk *c = add_disk("xvdc", 0, 30);

	a->flush_result = -EIO;
	b->submit_error = -ENODEV;	/* detached meanwhile */
	ck_assert_int_eq(block_sync_all(7000), -EIO);
	ck_assert_str_eq(printed, "block: xvda: flush failed: -5 (EIO)\n"
				  "block: xvdb: sync failed: -19 (ENODEV)\n");
	ck_assert(c->completed);
}
END_TEST

/* The unanswered flush stays the driver's: a second sync must not touch
 * its request, which the driver may still complete. */
START_TEST(an_unanswered_flush_ends_the_sync_for_good)
{
	struct fake_disk *a = add_disk("xvda", 0, NEVER);
	struct block_request *rq;

	ck_assert_int_eq(block_sync_all(100), -ETIMEDOUT);
	rq = a->rq;
	ck_assert_int_eq(block_sync_all(100), -EBUSY);
	ck_assert_uint_eq(now_ms, 100);
	ck_assert_uint_eq(a->submits, 1);
	ck_assert_ptr_eq(a->rq, rq);
}
END_TEST

START_TEST(no_time_left_polls_once)
{
	struct fake_disk *a = add_disk("xvda", 0, 0);

	ck_assert_int_eq(block_sync_all(0), 0);
	ck_assert(a->completed);
	add_disk("xvdb", 0, NEVER);
	ck_assert_int_eq(block_sync_all(-1), -ETIMEDOUT);
	ck_assert_uint_eq(sleeps, 0);
	ck_assert_str_eq(printed, "block: xvdb: flush timed out, stopping anyway\n");
}
END_TEST

START_TEST(no_disks_no_wait)
{
	ck_assert_int_eq(block_sync_all(7000), 0);
	ck_assert_uint_eq(sleeps, 0);
}
END_TEST

static Suite *block_sync_suite(void)
{
	Suite *s = suite_create("block_sync");
	TCase *tc = tcase_create("deadline");

	tcase_add_test(tc, every_writable_disk_drained_then_flushed);
	tcase_add_test(tc, a_stalled_flush_costs_the_others_nothing);
	tcase_add_test(tc, one_deadline_for_every_disk);
	tcase_add_test(tc, failures_named_and_the_first_returned);
	tcase_add_test(tc, an_unanswered_flush_ends_the_sync_for_good);
	tcase_add_test(tc, no_time_left_polls_once);
	tcase_add_test(tc, no_disks_no_wait);
	suite_add_tcase(s, tc);
	return s;
}

/*
 * Its own binary: this file plays the block layer that the main unit
 * tests link for real (test_block.c), and the clock.
 */
int main(void)
{
	SRunner *sr = srunner_create(block_sync_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
