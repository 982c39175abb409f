/*
 * POSIX threads on kernel threads.  Each pthread_t is a block of ours
 * (malloc'ed) next to its kernel thread: the kernel reuses a dead
 * thread's memory, so joining waits on the block, which lives until the
 * thread has ended and been joined, or detached.  The running thread
 * finds its own block through TLS.
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "kernel/mutex.h"
#include "kernel/sem.h"
#include "kernel/thread.h"
#include "lib/pthread_internal.h"

struct __osprey_pthread {
	struct thread *thread;	/* NULL once it has ended */
	void *(*start)(void *);
	void *arg;
	void *result;
	struct sem ended;	/* given once, when it ends */
	bool detached;
	bool joined;		/* a join took (or is taking) the result */
	bool done;		/* it has ended; with detached, freed */
};

/* Guards every block's detached/joined/done and their freeing; taken
 * alone (no other lock is held while it is). */
static struct mutex blocks_lock;

/* Set by the first pthread_key_create() (lib/pthread_key.c), so that a
 * program without keys does not link them. */
void (*pthread_exit_destructors)(void);

/* The running thread's block; NULL in a thread pthread_create did not
 * start until pthread_self() gives it one. */
static __thread struct __osprey_pthread *self;

static void release(struct __osprey_pthread *p)
{
	free(p);
}

static void thread_entry(void *arg)
{
	struct __osprey_pthread *p = arg;

	self = p;
	pthread_exit(p->start(p->arg));
}

void pthread_exit(void *result)
{
	struct __osprey_pthread *p = pthread_self();
	bool free_it;

	if (pthread_exit_destructors)
		pthread_exit_destructors();
	/* This thread's unfinished stdout line is in its TLS (lib/stdio.c),
	 * which the next thread of its size reuses. */
	fflush(stdout);
	mutex_lock(&blocks_lock, WAIT_FOREVER);
	if (p) {
		p->result = result;
		p->done = true;
		p->thread = NULL;
		ksem_give(&p->ended);
	}
	free_it = p && p->detached;
	mutex_unlock(&blocks_lock);
	if (free_it)
		release(p);
	thread_exit();
}

int pthread_create(pthread_t *thread, const pthread_attr_t *attr,
		   void *(*start)(void *), void *arg)
{
	size_t stack = attr && attr->__stack_size ? attr->__stack_size :
		       THREAD_STACK_DEFAULT;
	struct thread *creator = thread_current();
	struct __osprey_pthread *p;

	if (!thread || !start || (attr && attr->__detach_state !=
				  PTHREAD_CREATE_JOINABLE &&
				  attr->__detach_state !=
				  PTHREAD_CREATE_DETACHED))
		return EINVAL;
	p = calloc(1, sizeof(*p));
	if (!p)
		return EAGAIN;
	p->start = start;
	p->arg = arg;
	p->detached = attr && attr->__detach_state == PTHREAD_CREATE_DETACHED;
	ksem_init(&p->ended, 0, 1);
	/* The handle must be there before the thread can run (it may run at
	 * once, and use it). */
	*thread = p;
	mutex_lock(&blocks_lock, WAIT_FOREVER);
	p->thread = thread_create("pthread", thread_entry, p,
				  creator->priority, stack);
	mutex_unlock(&blocks_lock);
	if (!p->thread) {
		free(p);
		return EAGAIN;
	}
	return 0;
}

int pthread_join(pthread_t p, void **result)
{
	if (!p)
		return ESRCH;
	if (p == self)
		return EDEADLK;
	mutex_lock(&blocks_lock, WAIT_FOREVER);
	if (p->detached || p->joined) {
		mutex_unlock(&blocks_lock);
		return EINVAL;
	}
	p->joined = true;
	mutex_unlock(&blocks_lock);
	ksem_take(&p->ended, WAIT_FOREVER);
	if (result)
		*result = p->result;
	release(p);
	return 0;
}

int pthread_detach(pthread_t p)
{
	bool free_it;

	if (!p)
		return ESRCH;
	mutex_lock(&blocks_lock, WAIT_FOREVER);
	if (p->detached || p->joined) {
		mutex_unlock(&blocks_lock);
		return EINVAL;
	}
	p->detached = true;
	free_it = p->done;
	mutex_unlock(&blocks_lock);
	if (free_it)
		release(p);
	return 0;
}

pthread_t pthread_self(void)
{
	struct __osprey_pthread *p = self;

	if (!p) {
		/* The first thread (main), or a kernel thread: a block of
		 * its own, detached, since nothing created it to join. */
		p = calloc(1, sizeof(*p));
		if (!p)
			return NULL;
		p->thread = thread_current();
		p->detached = true;
		ksem_init(&p->ended, 0, 1);
		self = p;
	}
	return p;
}

int pthread_equal(pthread_t a, pthread_t b)
{
	return a == b;
}

struct thread *pthread_kernel_thread(pthread_t p)
{
	return p ? p->thread : NULL;
}

int pthread_with_kernel_thread(pthread_t p,
			       int (*fn)(struct thread *t, void *ctx),
			       void *ctx)
{
	int result = -ESRCH;

	if (!p)
		return -ESRCH;
	/* pthread_exit() clears p->thread under it before the end. */
	mutex_lock(&blocks_lock, WAIT_FOREVER);
	if (p->thread)
		result = fn(p->thread, ctx);
	mutex_unlock(&blocks_lock);
	return result;
}

int sched_yield(void)
{
	thread_yield();
	return 0;
}

int pthread_attr_init(pthread_attr_t *attr)
{
	attr->__stack_size = 0;
	attr->__detach_state = PTHREAD_CREATE_JOINABLE;
	return 0;
}

int pthread_attr_destroy(pthread_attr_t *attr)
{
	(void)attr;
	return 0;
}

int pthread_attr_setstacksize(pthread_attr_t *attr, size_t size)
{
	if (size < PTHREAD_STACK_MIN)
		return EINVAL;
	attr->__stack_size = size;
	return 0;
}

int pthread_attr_getstacksize(const pthread_attr_t *attr, size_t *size)
{
	*size = attr->__stack_size ? attr->__stack_size :
		THREAD_STACK_DEFAULT;
	return 0;
}

int pthread_attr_setdetachstate(pthread_attr_t *attr, int state)
{
	if (state != PTHREAD_CREATE_JOINABLE &&
	    state != PTHREAD_CREATE_DETACHED)
		return EINVAL;
	attr->__detach_state = state;
	return 0;
}

int pthread_attr_getdetachstate(const pthread_attr_t *attr, int *state)
{
	*state = attr->__detach_state;
	return 0;
}
