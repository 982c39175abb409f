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
/*
 * A condition variable's wait: release m (held by the caller, at any
 * depth) and block on cond as one step, so that a wakeup given after the
 * release is never missed; then take m back at the same depth, whatever
 * the wait's result.  Returns 0 when woken, -ETIMEDOUT, or -EPERM when
 * the caller does not hold m.  Waking is wait_queue_wake_one/_all on
 * cond with IRQs masked.
 */
int mutex_wait(struct mutex *m, struct wait_queue *cond, int64_t timeout_ms);

#endif
