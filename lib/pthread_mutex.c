/*
 * POSIX mutexes on the kernel's (recursive) mutexes: pthread_mutex_t is
 * the storage of a struct mutex plus the POSIX type.  A normal or
 * error-checking mutex locked again by its owner gives EDEADLK rather
 * than hang the thread forever.
 */
#include <errno.h>
#include <pthread.h>
#include <stddef.h>

#include "kernel/mutex.h"
#include "lib/clock.h"
#include "lib/errno_map.h"
#include "lib/pthread_mutex.h"

_Static_assert(offsetof(pthread_mutex_t, __owner) ==
	       offsetof(struct mutex, owner) &&
	       offsetof(pthread_mutex_t, __depth) ==
	       offsetof(struct mutex, depth) &&
	       offsetof(pthread_mutex_t, __waiters) ==
	       offsetof(struct mutex, waiters),
	       "pthread_mutex_t must hold a struct mutex at its fields");

struct mutex *pthread_mutex_kernel(pthread_mutex_t *m)
{
	/* The fields of struct mutex sit where the _Static_assert says;
	 * __type fills what is padding in struct mutex. */
	return (struct mutex *)(void *)m;
}

int pthread_mutexattr_init(pthread_mutexattr_t *attr)
{
	attr->__type = PTHREAD_MUTEX_DEFAULT;
	return 0;
}

int pthread_mutexattr_destroy(pthread_mutexattr_t *attr)
{
	(void)attr;
	return 0;
}

int pthread_mutexattr_settype(pthread_mutexattr_t *attr, int type)
{
	if (type != PTHREAD_MUTEX_NORMAL && type != PTHREAD_MUTEX_ERRORCHECK &&
	    type != PTHREAD_MUTEX_RECURSIVE)
		return EINVAL;
	attr->__type = type;
	return 0;
}

int pthread_mutexattr_gettype(const pthread_mutexattr_t *attr, int *type)
{
	*type = attr->__type;
	return 0;
}

int pthread_mutex_init(pthread_mutex_t *m, const pthread_mutexattr_t *attr)
{
	mutex_init(pthread_mutex_kernel(m));
	m->__type = attr ? attr->__type : PTHREAD_MUTEX_DEFAULT;
	return 0;
}

int pthread_mutex_destroy(pthread_mutex_t *m)
{
	return m->__owner ? EBUSY : 0;
}

static int lock(pthread_mutex_t *m, int64_t timeout_ms)
{
	if (m->__owner == thread_current() &&
	    m->__type != PTHREAD_MUTEX_RECURSIVE)
		return timeout_ms == 0 ? EBUSY : EDEADLK;
	return errno_from_kernel(mutex_lock(pthread_mutex_kernel(m),
					    timeout_ms));
}

int pthread_mutex_lock(pthread_mutex_t *m)
{
	return lock(m, WAIT_FOREVER);
}

int pthread_mutex_trylock(pthread_mutex_t *m)
{
	int err = lock(m, 0);

	return err == EAGAIN ? EBUSY : err;
}

int pthread_mutex_timedlock(pthread_mutex_t *m,
			    const struct timespec *abstime)
{
	int64_t ms;
	int err = clock_ms_until(CLOCK_REALTIME, abstime, &ms);

	if (err)
		return err;
	err = lock(m, ms);
	/* A deadline already past still takes a free mutex (POSIX). */
	return err == EAGAIN ? ETIMEDOUT : err;
}

int pthread_mutex_unlock(pthread_mutex_t *m)
{
	return errno_from_kernel(mutex_unlock(pthread_mutex_kernel(m)));
}
