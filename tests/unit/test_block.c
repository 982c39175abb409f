/*
 * kernel/block.c with a fake driver: a handle to a disk that is gone
 * fails with ENODEV for good and never reaches the disk that took its
 * driver's struct block_device or its name (issue 17, finding 10).  The
 * kernel's mutexes and semaphores are stubbed: one thread, and the fake
 * driver completes each request at once.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "helpers.h"
#include "kernel/block.h"
#include "kernel/mutex.h"
#include "kernel/printk.h"
#include "kernel/sem.h"

int printk(const char *fmt, ...)
{
	(void)fmt;
	return 0;
}

void mutex_init(struct mutex *m)
{
	memset(m, 0, sizeof(*m));
}

int mutex_lock(struct mutex *m, int64_t timeout_ms)
{
	(void)timeout_ms;
	m->depth++;
	return 0;
}

int mutex_unlock(struct mutex *m)
{
	ck_assert_uint_gt(m->depth, 0);
	m->depth--;
	return 0;
}

void ksem_init(struct sem *s, unsigned int initial, unsigned int limit)
{
	s->count = initial;
	s->limit = limit;
}

int ksem_take(struct sem *s, int64_t timeout_ms)
{
	(void)timeout_ms;
	/* Nothing else runs: waiting here would be forever. */
	ck_assert_uint_gt(s->count, 0);
	s->count--;
	return 0;
}

void ksem_give(struct sem *s)
{
	if (s->count < s->limit)
		s->count++;
}

/* One driver slot, reused for each disk as blkfront reuses its own. */
struct fake_disk {
	struct block_device bd;
	unsigned int disk_id;		/* which disk the slot serves now */
	unsigned int submits[4];	/* requests each disk id got */
	bool driver_check;		/* check staleness as a driver must */
};

static struct fake_disk slot;

static int fake_submit(struct block_device *bd, struct block_request *rq)
{
	struct fake_disk *f = bd->priv;

	if (f->driver_check && block_request_stale(bd, rq)) {
		block_complete(rq, -ENODEV);
		return 0;
	}
	f->submits[f->disk_id]++;
	block_complete(rq, 0);
	return 0;
}

static const struct block_ops fake_ops = { .submit = fake_submit };

/* The slot now serves disk id, registered as name. */
static void attach(unsigned int id, const char *name)
{
	slot.disk_id = id;
	snprintf(slot.bd.name, sizeof(slot.bd.name), "%s", name);
	slot.bd.sectors = 1024;
	slot.bd.sector_size = 512;
	slot.bd.ops = &fake_ops;
	slot.bd.priv = &slot;
	ck_assert_int_eq(block_register(&slot.bd), 0);
}

static void setup(void)
{
	memset(&slot, 0, sizeof(slot));
}

START_TEST(stale_handle_never_reaches_the_next_disk)
{
	static uint8_t buf[512];
	struct block_handle old, now;
	unsigned int round;

	setup();
	attach(1, "xvda");
	ck_assert_int_eq(block_find("xvda", &old), 0);
	ck_assert_int_eq(block_read(&old, 0, 1, buf), 0);
	ck_assert_uint_eq(slot.submits[1], 1);
	/* Detached: the handle fails before the slot serves anyone. */
	block_unregister(&slot.bd);
	ck_assert_int_eq(block_read(&old, 0, 1, buf), -ENODEV);
	ck_assert_int_eq(block_find("xvda", &now), -ENODEV);
	/* Another disk, same memory, same name: still refused, for good. */
	for (round = 2; round < 4; round++) {
		attach(round, "xvda");
		ck_assert_int_eq(block_read(&old, 0, 1, buf), -ENODEV);
		ck_assert_int_eq(block_write(&old, 0, 1, buf), -ENODEV);
		ck_assert_int_eq(block_flush(&old), -ENODEV);
		ck_assert_uint_eq(slot.submits[round], 0);
		ck_assert_int_eq(block_find("xvda", &now), 0);
		ck_assert_int_eq(block_read(&now, 0, 1, buf), 0);
		ck_assert_uint_eq(slot.submits[round], 1);
		block_unregister(&slot.bd);
	}
	ck_assert_uint_eq(slot.submits[1], 1);
}
END_TEST

/*
 * The race block.c cannot close alone: the handle passed its check, and
 * the disk changed before the driver took the request.  The driver's
 * check, under its lock, refuses it.
 */
START_TEST(driver_check_catches_a_swap_after_submit_checked)
{
	struct block_request rq = { .op = BLOCK_READ, .count = 1 };
	struct block_handle old;

	setup();
	slot.driver_check = true;
	attach(1, "xvdb");
	ck_assert_int_eq(block_find("xvdb", &old), 0);
	rq.generation = old.generation;
	ck_assert(!block_request_stale(&slot.bd, &rq));
	block_unregister(&slot.bd);
	attach(2, "xvdb");
	ck_assert(block_request_stale(&slot.bd, &rq));
	/* A request without a generation is never taken as current. */
	rq.generation = 0;
	ck_assert(block_request_stale(&slot.bd, &rq));
	block_unregister(&slot.bd);
	ck_assert(block_request_stale(&slot.bd, &rq));
}
END_TEST

static void count_and_read(const struct block_handle *h, void *ctx)
{
	static uint8_t buf[512];
	int *results = ctx;

	/* The device goes between the listing and the use. */
	block_unregister(h->bd);
	attach(2, "xvdc");
	results[0]++;
	results[1] = block_read(h, 0, 1, buf);
	block_unregister(&slot.bd);
}

START_TEST(for_each_hands_out_handles)
{
	int results[2] = { 0, 0 };

	setup();
	attach(1, "xvdc");
	block_for_each(count_and_read, results);
	ck_assert_int_eq(results[0], 1);
	ck_assert_int_eq(results[1], -ENODEV);
	ck_assert_uint_eq(slot.submits[2], 0);
}
END_TEST

Suite *block_suite(void)
{
	Suite *s = suite_create("block");
	TCase *tc = tcase_create("handles");

	tcase_add_test(tc, stale_handle_never_reaches_the_next_disk);
	tcase_add_test(tc, driver_check_catches_a_swap_after_submit_checked);
	tcase_add_test(tc, for_each_hands_out_handles);
	suite_add_tcase(s, tc);
	return s;
}
