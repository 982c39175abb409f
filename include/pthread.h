/*
 * POSIX threads on Osprey's scheduler (lib/pthread*.c): every CPU the
 * kernel started, preemptive, fixed priorities with round-robin among
 * equals.  A thread runs on any CPU unless pinned; a new thread runs at
 * its creator's priority, on the CPUs its creator may use.  Functions
 * return 0 or an error number from <errno.h>, as POSIX says; none sets
 * errno.
 *
 * Not here: cancellation, scheduling policies, process-shared objects,
 * read-write locks, barriers and spin locks.
 */
#ifndef _PTHREAD_H
#define _PTHREAD_H

#include <sched.h>
#include <stddef.h>
#include <time.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A thread: an opaque handle, valid until joined (or, detached, until
 * it ends). */
typedef struct __osprey_pthread *pthread_t;

typedef struct {
	size_t __stack_size;	/* 0: the default, 16 KiB */
	int __detach_state;
} pthread_attr_t;

#define PTHREAD_CREATE_JOINABLE	0
#define PTHREAD_CREATE_DETACHED	1

/*
 * Storage the library's mutexes and condition variables live in.  All
 * zeroes is a valid unlocked mutex or an idle condition variable, which
 * is what the static initializers give.
 */
typedef struct {
	void *__owner;
	unsigned int __depth;
	int __type;
	void *__waiters;
} pthread_mutex_t;

typedef struct {
	int __type;
} pthread_mutexattr_t;

#define PTHREAD_MUTEX_NORMAL		0
#define PTHREAD_MUTEX_ERRORCHECK	1
#define PTHREAD_MUTEX_RECURSIVE		2
#define PTHREAD_MUTEX_DEFAULT		PTHREAD_MUTEX_NORMAL

#define PTHREAD_MUTEX_INITIALIZER	{ 0, 0, PTHREAD_MUTEX_DEFAULT, 0 }
#define PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP \
	{ 0, 0, PTHREAD_MUTEX_RECURSIVE, 0 }

typedef struct {
	void *__waiters;
	clockid_t __clock;
} pthread_cond_t;

typedef struct {
	clockid_t __clock;
} pthread_condattr_t;

#define PTHREAD_COND_INITIALIZER	{ 0, CLOCK_REALTIME }

typedef struct {
	int __state;
} pthread_once_t;

#define PTHREAD_ONCE_INIT		{ 0 }

typedef unsigned int pthread_key_t;

#define PTHREAD_KEYS_MAX		32
#define PTHREAD_DESTRUCTOR_ITERATIONS	4
#define PTHREAD_STACK_MIN		4096

int pthread_attr_init(pthread_attr_t *attr);
int pthread_attr_destroy(pthread_attr_t *attr);
int pthread_attr_setstacksize(pthread_attr_t *attr, size_t size);
int pthread_attr_getstacksize(const pthread_attr_t *attr, size_t *size);
int pthread_attr_setdetachstate(pthread_attr_t *attr, int state);
int pthread_attr_getdetachstate(const pthread_attr_t *attr, int *state);

/* EAGAIN: no memory for the thread; EINVAL: a bad attribute. */
int pthread_create(pthread_t *thread, const pthread_attr_t *attr,
		   void *(*start)(void *), void *arg);
/* EDEADLK: joining itself; EINVAL: detached, or joined already. */
int pthread_join(pthread_t thread, void **result);
int pthread_detach(pthread_t thread);
pthread_t pthread_self(void);
int pthread_equal(pthread_t a, pthread_t b);
/* The last thread to end powers the guest off, as exit(0) would. */
void pthread_exit(void *result) __attribute__((noreturn));

int pthread_mutexattr_init(pthread_mutexattr_t *attr);
int pthread_mutexattr_destroy(pthread_mutexattr_t *attr);
int pthread_mutexattr_settype(pthread_mutexattr_t *attr, int type);
int pthread_mutexattr_gettype(const pthread_mutexattr_t *attr, int *type);

int pthread_mutex_init(pthread_mutex_t *m, const pthread_mutexattr_t *attr);
/* EBUSY: locked. */
int pthread_mutex_destroy(pthread_mutex_t *m);
/* EDEADLK: a normal or error-checking mutex locked again by its owner
 * (a deadlock forever elsewhere; an error here). */
int pthread_mutex_lock(pthread_mutex_t *m);
/* EBUSY: held by another thread (or, not recursive, by this one). */
int pthread_mutex_trylock(pthread_mutex_t *m);
/* ETIMEDOUT at abstime on CLOCK_REALTIME. */
int pthread_mutex_timedlock(pthread_mutex_t *m,
			    const struct timespec *abstime);
/* EPERM: not held by the caller. */
int pthread_mutex_unlock(pthread_mutex_t *m);

int pthread_condattr_init(pthread_condattr_t *attr);
int pthread_condattr_destroy(pthread_condattr_t *attr);
/* CLOCK_REALTIME (the default) or CLOCK_MONOTONIC for timedwait. */
int pthread_condattr_setclock(pthread_condattr_t *attr, clockid_t clock);
int pthread_condattr_getclock(const pthread_condattr_t *attr,
			      clockid_t *clock);

int pthread_cond_init(pthread_cond_t *c, const pthread_condattr_t *attr);
/* EBUSY: threads wait on it. */
int pthread_cond_destroy(pthread_cond_t *c);
int pthread_cond_wait(pthread_cond_t *c, pthread_mutex_t *m);
/* ETIMEDOUT at abstime on the condition variable's clock. */
int pthread_cond_timedwait(pthread_cond_t *c, pthread_mutex_t *m,
			   const struct timespec *abstime);
int pthread_cond_signal(pthread_cond_t *c);
int pthread_cond_broadcast(pthread_cond_t *c);

int pthread_once(pthread_once_t *once, void (*init)(void));

/* EAGAIN: all PTHREAD_KEYS_MAX keys in use. */
int pthread_key_create(pthread_key_t *key, void (*destructor)(void *));
int pthread_key_delete(pthread_key_t key);
void *pthread_getspecific(pthread_key_t key);
int pthread_setspecific(pthread_key_t key, const void *value);

#if __GNU_VISIBLE
/*
 * The CPUs thread may run on, as glibc has them with _GNU_SOURCE
 * (cpu_set_t: <sys/cpuset.h>, which <sched.h> then brings).  Setting
 * takes effect at once: a thread running on a CPU it may no longer use
 * moves.  Getting gives the online CPUs among them; CPUs past the set's
 * size are cleared.  ESRCH: the thread has ended; EINVAL: no online CPU
 * in the set, or a set too small for the CPUs Osprey may have (8);
 * EFAULT: a NULL set.
 */
int pthread_setaffinity_np(pthread_t thread, size_t size,
			   const cpu_set_t *set);
int pthread_getaffinity_np(pthread_t thread, size_t size, cpu_set_t *set);
#endif

#ifdef __cplusplus
}
#endif

#endif
