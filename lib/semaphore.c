/*
 * POSIX semaphores on the kernel's counting semaphores: sem_t is the
 * storage of a struct sem.
 */
#include <errno.h>
#include <semaphore.h>
#include <stddef.h>

#include "kernel/sem.h"
#include "lib/clock.h"
#include "lib/errno_map.h"

_Static_assert(sizeof(sem_t) == sizeof(struct sem) &&
	       offsetof(sem_t, __count) == offsetof(struct sem, count) &&
	       offsetof(sem_t, __limit) == offsetof(struct sem, limit) &&
	       offsetof(sem_t, __waiters) == offsetof(struct sem, waiters),
	       "sem_t must be a struct sem");

static struct sem *ksem(sem_t *s)
{
	return (struct sem *)(void *)s;
}

static int fail(int err)
{
	errno = err;
	return -1;
}

int sem_init(sem_t *s, int pshared, unsigned int value)
{
	if (pshared)
		return fail(ENOSYS);
	if (value > SEM_VALUE_MAX)
		return fail(EINVAL);
	ksem_init(ksem(s), value, SEM_VALUE_MAX);
	return 0;
}

int sem_destroy(sem_t *s)
{
	return s->__waiters ? fail(EBUSY) : 0;
}

static int take(sem_t *s, int64_t timeout_ms)
{
	int err = errno_from_kernel(ksem_take(ksem(s), timeout_ms));

	return err ? fail(err) : 0;
}

int sem_wait(sem_t *s)
{
	return take(s, WAIT_FOREVER);
}

int sem_trywait(sem_t *s)
{
	return take(s, 0);
}

int sem_timedwait(sem_t *s, const struct timespec *abstime)
{
	int64_t ms;
	int err = clock_ms_until(CLOCK_REALTIME, abstime, &ms);

	if (err)
		return fail(err);
	if (take(s, ms) == 0)
		return 0;
	/* Past its deadline with a count of 0: a timeout, not EAGAIN. */
	return fail(errno == EAGAIN ? ETIMEDOUT : errno);
}

int sem_post(sem_t *s)
{
	/* ksem_give() does not count past the limit; POSIX says so. */
	if (s->__count == SEM_VALUE_MAX && !s->__waiters)
		return fail(EOVERFLOW);
	ksem_give(ksem(s));
	return 0;
}

int sem_getvalue(sem_t *s, int *value)
{
	*value = (int)s->__count;
	return 0;
}
