/*
 * POSIX condition variables: a kernel wait queue, waited on with the
 * mutex released and blocked in one step (mutex_wait), so a signal sent
 * between the two is never lost.
 */
#include <errno.h>
#include <pthread.h>
#include <stddef.h>

#include "kernel/irq.h"
#include "kernel/mutex.h"
#include "kernel/thread.h"
#include "lib/clock.h"
#include "lib/errno_map.h"
#include "lib/pthread_mutex.h"

_Static_assert(offsetof(pthread_cond_t, __waiters) == 0 &&
	       sizeof(((pthread_cond_t *)0)->__waiters) ==
	       sizeof(struct wait_queue),
	       "pthread_cond_t must start with a struct wait_queue");

static struct wait_queue *queue(pthread_cond_t *c)
{
	return (struct wait_queue *)(void *)&c->__waiters;
}

int pthread_condattr_init(pthread_condattr_t *attr)
{
	attr->__clock = CLOCK_REALTIME;
	return 0;
}

int pthread_condattr_destroy(pthread_condattr_t *attr)
{
	(void)attr;
	return 0;
}

int pthread_condattr_setclock(pthread_condattr_t *attr, clockid_t clock)
{
	if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC)
		return EINVAL;
	attr->__clock = clock;
	return 0;
}

int pthread_condattr_getclock(const pthread_condattr_t *attr,
			      clockid_t *clock)
{
	*clock = attr->__clock;
	return 0;
}

int pthread_cond_init(pthread_cond_t *c, const pthread_condattr_t *attr)
{
	c->__waiters = NULL;
	c->__clock = attr ? attr->__clock : CLOCK_REALTIME;
	return 0;
}

int pthread_cond_destroy(pthread_cond_t *c)
{
	return c->__waiters ? EBUSY : 0;
}

static int wait(pthread_cond_t *c, pthread_mutex_t *m, int64_t timeout_ms)
{
	return errno_from_kernel(mutex_wait(pthread_mutex_kernel(m), queue(c),
					    timeout_ms));
}

int pthread_cond_wait(pthread_cond_t *c, pthread_mutex_t *m)
{
	return wait(c, m, WAIT_FOREVER);
}

int pthread_cond_timedwait(pthread_cond_t *c, pthread_mutex_t *m,
			   const struct timespec *abstime)
{
	int64_t ms;
	int err = clock_ms_until(c->__clock, abstime, &ms);

	if (err)
		return err;
	if (ms == 0)
		return ETIMEDOUT;
	return wait(c, m, ms);
}

int pthread_cond_signal(pthread_cond_t *c)
{
	unsigned long flags = irq_save();

	wait_queue_wake_one(queue(c));
	irq_restore(flags);
	sched_preempt_point();
	return 0;
}

int pthread_cond_broadcast(pthread_cond_t *c)
{
	unsigned long flags = irq_save();

	wait_queue_wake_all(queue(c));
	irq_restore(flags);
	sched_preempt_point();
	return 0;
}
