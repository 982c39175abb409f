/*
 * The C library as programs get it (lib/stdio.c and exit.c, kernel/heap.c
 * and libc_lock.c): run by the boot tests, three apps.
 *
 *  - app=libc: printf and puts on stdout; a line read with fgets from
 *    the console (the test types "typed-into-stdin" and Enter); four
 *    threads at one priority allocating, filling, checking and freeing
 *    blocks of random sizes at once (their patterns checked); blocks of
 *    whole pages, and one grown by realloc to 1 MiB; a malloc
 *    that waits while this thread holds picolibc's lock (with its no-op
 *    hooks it would not); errno set in one thread, unseen and unchanged
 *    by another;
 *    then exit(0), the orderly poweroff.
 *  - app=libc-exit: a stdout line without its newline, then exit(3): the
 *    line must still come out, then the crash with "exit status 3".
 *  - app=libc-assert: a failing assert(): its message on stderr, then
 *    abort()'s crash with status 134.
 *
 * Prints "libc: ok NAME" or "libc: FAIL NAME: why" and a PASS/FAIL line
 * before exiting.  The only file of ours that includes picolibc's
 * <errno.h> besides kernel/heap.c: it tests picolibc's own errno.
 */
#include <assert.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/lock.h>

#include "kernel/app.h"
#include "drivers/arm_timer.h"
#include "kernel/printk.h"
#include "kernel/sem.h"
#include "kernel/thread.h"

#define MALLOC_THREADS		4u
#define MALLOC_PRIORITY		9	/* below the app's 7, which waits */
#define MALLOC_LIVE		16	/* blocks each thread holds at most */
#define MALLOC_MAX_SIZE		600
#define MALLOC_RUN_MS		600	/* each, slices of 10 ms among 4 */
#define LOCK_HOLD_MS		100

struct malloc_worker {
	unsigned int id;
	uint64_t rng;
	uint8_t *block[MALLOC_LIVE];	/* held, or NULL */
	size_t size[MALLOC_LIVE];
	unsigned long rounds, bad, failed;
};

/*
 * Test state: a worker's fields are written by that worker only and read
 * by the app's thread once all have given `done`; lock_waiter_done by the
 * lock check's waiter, read by the app's thread.
 */
static struct malloc_worker malloc_workers[MALLOC_THREADS];
static volatile bool lock_waiter_done;
static struct sem done;
static int errno_seen_by_other;	/* written by the errno thread */
static unsigned int failures;

static void verdict(const char *name, bool ok, const char *why)
{
	if (ok) {
		printf("libc: ok %s\n", name);
	} else {
		printf("libc: FAIL %s: %s\n", name, why);
		failures++;
	}
}

static uint64_t next_random(uint64_t *s)
{
	/* xorshift64: any nonzero seed. */
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static uint8_t pattern(const struct malloc_worker *w, unsigned int slot,
		       size_t i)
{
	return (uint8_t)(w->id * 61 + slot * 7 + i);
}

static bool intact(const struct malloc_worker *w, unsigned int slot,
		   const uint8_t *p, size_t size)
{
	size_t i;

	for (i = 0; i < size; i++)
		if (p[i] != pattern(w, slot, i))
			return false;
	return true;
}

static void malloc_main(void *arg)
{
	struct malloc_worker *w = arg;
	uint8_t **block = w->block;
	size_t *size = w->size;
	uint64_t end = sched_now_ms() + MALLOC_RUN_MS;
	unsigned int slot;
	size_t i;

	while (sched_now_ms() < end) {
		slot = (unsigned int)(next_random(&w->rng) % MALLOC_LIVE);
		if (block[slot]) {
			if (!intact(w, slot, block[slot], size[slot]))
				w->bad++;
			free(block[slot]);
			block[slot] = NULL;
		} else {
			size[slot] = 1 + next_random(&w->rng) % MALLOC_MAX_SIZE;
			block[slot] = malloc(size[slot]);
			if (!block[slot]) {
				w->failed++;
				continue;
			}
			for (i = 0; i < size[slot]; i++)
				block[slot][i] = pattern(w, slot, i);
		}
		w->rounds++;
	}
	for (slot = 0; slot < MALLOC_LIVE; slot++) {
		if (block[slot] && !intact(w, slot, block[slot], size[slot]))
			w->bad++;
		free(block[slot]);
	}
	ksem_give(&done);
}

static void check_malloc(void)
{
	unsigned long rounds = 0, bad = 0, failed = 0;
	unsigned int i;

	for (i = 0; i < MALLOC_THREADS; i++) {
		malloc_workers[i].id = i;
		malloc_workers[i].rng = 0x9e3779b97f4a7c15ULL * (i + 1);
		if (!thread_create("malloc", malloc_main, &malloc_workers[i],
				   MALLOC_PRIORITY, THREAD_STACK_DEFAULT)) {
			verdict("malloc-threads", false, "no memory for a thread");
			return;
		}
	}
	for (i = 0; i < MALLOC_THREADS; i++)
		ksem_take(&done, WAIT_FOREVER);
	for (i = 0; i < MALLOC_THREADS; i++) {
		rounds += malloc_workers[i].rounds;
		bad += malloc_workers[i].bad;
		failed += malloc_workers[i].failed;
	}
	printf("libc: malloc: %lu rounds in %u threads, %lu blocks changed, "
	       "%lu allocations failed\n", rounds, MALLOC_THREADS, bad,
	       failed);
	verdict("malloc-threads", bad == 0 && failed == 0 && rounds > 0,
		bad ? "a block changed while its owner held it" :
		"malloc failed or nothing ran");
}

/*
 * Blocks whose malloc chunk is a whole number of pages (size + 16 bytes
 * of head and alignment), and a block grown by realloc to 1 MiB: each
 * needs a new heap region, and nano-malloc then asks sbrk for 8 more
 * bytes right after it (kernel/heap.c).
 */
static void check_malloc_large(void)
{
	static const size_t pages[] = { 1, 2, 8, 64 };
	size_t i, size = 16;
	bool ok = true;
	uint8_t *p, *q;

	for (i = 0; i < sizeof(pages) / sizeof(pages[0]) && ok; i++) {
		p = malloc(pages[i] * 4096 - 16);
		ok = p != NULL;
		free(p);
	}
	p = ok ? malloc(size) : NULL;
	if (p)
		memset(p, 0x5a, size);
	while (p && size < (1u << 20)) {
		q = realloc(p, size * 2);
		if (!q || q[0] != 0x5a || q[size - 1] != 0x5a) {
			free(q ? q : p);
			p = NULL;
			break;
		}
		p = q;
		memset(p + size, 0x5a, size);
		size *= 2;
	}
	verdict("malloc-large", ok && p, ok ? "realloc to 1 MiB failed" :
		"a malloc of whole pages failed");
	free(p);
}

static void lock_waiter(void *unused)
{
	void *p;

	(void)unused;
	p = malloc(32);
	lock_waiter_done = true;
	free(p);
	ksem_give(&done);
}

/*
 * malloc takes picolibc's global lock, which is ours (kernel/libc_lock.c):
 * while this thread holds it, another thread's malloc must wait; with
 * picolibc's no-op hooks linked instead it would not.  The stress above
 * rarely catches that (a 10 ms slice seldom ends inside malloc).
 */
static void check_malloc_lock(void)
{
	bool waited;

	lock_waiter_done = false;
	__retarget_lock_acquire_recursive(&__lock___libc_recursive_mutex);
	if (!thread_create("lock-waiter", lock_waiter, NULL, MALLOC_PRIORITY,
			   THREAD_STACK_DEFAULT)) {
		__retarget_lock_release_recursive(
			&__lock___libc_recursive_mutex);
		verdict("malloc-waits-for-lock", false,
			"no memory for a thread");
		return;
	}
	thread_sleep_ms(LOCK_HOLD_MS);	/* the waiter runs meanwhile */
	waited = !lock_waiter_done;
	__retarget_lock_release_recursive(&__lock___libc_recursive_mutex);
	ksem_take(&done, WAIT_FOREVER);
	verdict("malloc-waits-for-lock", waited && lock_waiter_done,
		waited ? "malloc did not finish once the lock was released" :
		"malloc ran while another thread held its lock");
}

static void errno_other(void *unused)
{
	(void)unused;
	errno_seen_by_other = errno;
	errno = EINVAL;
	ksem_give(&done);
}

static void check_errno(void)
{
	unsigned long v;

	errno = 0;
	v = strtoul("99999999999999999999999", NULL, 10);
	if (!thread_create("errno", errno_other, NULL, MALLOC_PRIORITY,
			   THREAD_STACK_DEFAULT)) {
		verdict("errno-per-thread", false, "no memory for a thread");
		return;
	}
	/* The other thread runs while this one waits: it must find its own
	 * errno at 0, and its EINVAL must not reach this one's. */
	ksem_take(&done, WAIT_FOREVER);
	verdict("errno-per-thread", v == ULONG_MAX && errno == ERANGE &&
		errno_seen_by_other == 0,
		"strtoul's ERANGE was lost, or seen by the other thread");
}

static void libc_main(void)
{
	char line[64];

	ksem_init(&done, 0, MALLOC_THREADS);
	printf("libc: printf %d %s %05x|%-4s|%lld\n", 42, "str", 0xbeef, "ab",
	       -5LL);
	puts("libc: puts");
	printf("libc: type a line\n");
	if (!fgets(line, sizeof(line), stdin)) {
		verdict("fgets", false, "fgets failed");
	} else {
		line[strcspn(line, "\n")] = '\0';
		printf("libc: read \"%s\"\n", line);
		verdict("fgets", strcmp(line, "typed-into-stdin") == 0,
			"not the line typed");
	}
	check_malloc();
	check_malloc_large();
	check_malloc_lock();
	check_errno();
	printf("libc: %s (%u failed)\n", failures ? "FAIL" : "PASS",
	       failures);
	exit(failures ? 1 : 0);
}

static void libc_exit_main(void)
{
	printf("libc-exit: this line has no newline");
	exit(3);
}

static void libc_assert_main(void)
{
	volatile int two = 2;

	assert(two == 3);
	printf("libc-assert: FAIL: assert returned\n");
	exit(1);
}

APP_REGISTER("libc", libc_main);
APP_REGISTER("libc-exit", libc_exit_main);
APP_REGISTER("libc-assert", libc_assert_main);
