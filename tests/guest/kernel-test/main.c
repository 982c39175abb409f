/*
 * Self-test of the kernel's services, run by the boot tests with
 * app=kernel-test: each check prints "kernel-test: ok NAME" or
 * "kernel-test: FAIL NAME: why", then a final PASS/FAIL line.
 */
#include <stdbool.h>

#include "kernel/app.h"
#include "drivers/arm_timer.h"
#include "kernel/errno.h"
#include "kernel/mutex.h"
#include "kernel/printk.h"
#include "kernel/sem.h"
#include "kernel/thread.h"

#define BUSY_PRIORITY	9
#define HIGH_PRIORITY	3

static unsigned int failures;

static void verdict(const char *name, bool ok, const char *why)
{
	if (ok) {
		printk("kernel-test: ok %s\n", name);
	} else {
		printk("kernel-test: FAIL %s: %s\n", name, why);
		failures++;
	}
}

static uint64_t elapsed_ms(uint64_t since)
{
	return (arm_timer_now() - since) * 1000 / arm_timer_freq();
}

/* Sleeping 100 ms takes at least 100 ms, and not wildly more. */
static void test_sleep(void)
{
	uint64_t start = arm_timer_now(), ms;

	thread_sleep_ms(100);
	ms = elapsed_ms(start);
	verdict("sleep", ms >= 100 && ms < 1000, "slept outside 100..1000 ms");
}

/* A semaphore nobody gives times out after its timeout, not before. */
static void test_sem_timeout(void)
{
	struct sem s;
	uint64_t start;
	int err;

	ksem_init(&s, 0, 1);
	verdict("sem-poll", ksem_take(&s, 0) == -EAGAIN, "no EAGAIN");
	start = arm_timer_now();
	err = ksem_take(&s, 50);
	verdict("sem-timeout", err == -ETIMEDOUT && elapsed_ms(start) >= 50,
		"no ETIMEDOUT after 50 ms");
}

/* Two equal-priority threads that never block both make progress:
 * only time slicing can interleave them. */
static volatile uint64_t spins[2];
static volatile bool stop_spinning;

static void spinner(void *arg)
{
	volatile uint64_t *count = arg;

	while (!stop_spinning)
		(*count)++;
}

static void test_time_slicing(void)
{
	thread_create("spin-a", spinner, (void *)&spins[0], BUSY_PRIORITY,
		      4096);
	thread_create("spin-b", spinner, (void *)&spins[1], BUSY_PRIORITY,
		      4096);
	thread_sleep_ms(200);
	stop_spinning = true;
	thread_sleep_ms(20);
	verdict("time-slicing", spins[0] > 0 && spins[1] > 0,
		"one equal-priority busy thread starved the other");
}

/* A higher-priority thread made ready by a give runs before the giver
 * continues. */
static struct sem wake;
static volatile int order;

static void high_waiter(void *unused)
{
	(void)unused;
	ksem_take(&wake, WAIT_FOREVER);
	order = order * 10 + 1;
}

static void test_preemption(void)
{
	ksem_init(&wake, 0, 1);
	thread_create("high", high_waiter, NULL, HIGH_PRIORITY, 4096);
	thread_sleep_ms(10);		/* let it block on the semaphore */
	ksem_give(&wake);
	order = order * 10 + 2;
	verdict("preemption", order == 12,
		"the woken higher-priority thread did not run first");
}

/* Mutual exclusion under contention, recursion, owner checks. */
static struct mutex lock;
static volatile unsigned int in_section, overlaps, rounds_done;

static void contender(void *unused)
{
	unsigned int i;

	(void)unused;
	for (i = 0; i < 20; i++) {
		mutex_lock(&lock, WAIT_FOREVER);
		if (in_section++)
			overlaps++;
		thread_sleep_ms(1);	/* hold it across a switch */
		in_section--;
		mutex_unlock(&lock);
	}
	rounds_done++;
}

static void test_mutex(void)
{
	unsigned int waited;

	mutex_init(&lock);
	verdict("mutex-recursive", mutex_lock(&lock, 0) == 0 &&
		mutex_lock(&lock, 0) == 0 && mutex_unlock(&lock) == 0 &&
		mutex_unlock(&lock) == 0, "recursive lock failed");
	verdict("mutex-not-owner", mutex_unlock(&lock) == -EPERM,
		"unlocking an unowned mutex was allowed");
	thread_create("mutex-1", contender, NULL, BUSY_PRIORITY, 4096);
	thread_create("mutex-2", contender, NULL, BUSY_PRIORITY, 4096);
	for (waited = 0; rounds_done < 2 && waited < 2000; waited += 10)
		thread_sleep_ms(10);
	verdict("mutex-exclusion", rounds_done == 2 && overlaps == 0,
		"two threads were inside at once, or they never finished");
}

static void kernel_test_main(void)
{
	test_sleep();
	test_sem_timeout();
	test_preemption();
	test_time_slicing();
	test_mutex();
	printk("kernel-test: %s (%u failed)\n", failures ? "FAIL" : "PASS",
	       failures);
}

APP_REGISTER("kernel-test", kernel_test_main);
