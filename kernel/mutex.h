/*
 * Recursive mutexes owned by a thread.  No priority inheritance yet: keep
 * critical sections short between threads of different priorities.
 */
#ifndef KERNEL_MUTEX_H
#define KERNEL_MUTEX_H

#include "kernel/thread.h"

struct mutex {
	struct thread *owner;
	unsigned int depth;
	struct wait_queue waiters;
};

void mutex_init(struct mutex *m);
/* 0, -EAGAIN (timeout 0) or -ETIMEDOUT. */
int mutex_lock(struct mutex *m, int64_t timeout_ms);
/* 0, or -EPERM when the caller does not own m. */
int mutex_unlock(struct mutex *m);

#endif
