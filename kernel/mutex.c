#include "kernel/errno.h"
#include "kernel/irq.h"
#include "kernel/mutex.h"

void mutex_init(struct mutex *m)
{
	m->owner = NULL;
	m->depth = 0;
	m->waiters.head = NULL;
}

int mutex_lock(struct mutex *m, int64_t timeout_ms)
{
	unsigned long flags = irq_save();
	struct thread *self = thread_current();
	int ret = 0;

	if (!m->owner) {
		m->owner = self;
		m->depth = 1;
	} else if (m->owner == self) {
		m->depth++;
	} else if (timeout_ms == 0) {
		ret = -EAGAIN;
	} else {
		/* mutex_unlock() hands ownership over before waking us. */
		ret = wait_queue_block(&m->waiters, timeout_ms);
	}
	irq_restore(flags);
	return ret;
}

int mutex_unlock(struct mutex *m)
{
	unsigned long flags = irq_save();
	struct thread *next;

	if (m->owner != thread_current()) {
		irq_restore(flags);
		return -EPERM;
	}
	if (--m->depth == 0) {
		next = wait_queue_wake_one(&m->waiters);
		m->owner = next;
		m->depth = next ? 1 : 0;
	}
	irq_restore(flags);
	sched_preempt_point();
	return 0;
}

int mutex_wait(struct mutex *m, struct wait_queue *cond, int64_t timeout_ms)
{
	unsigned long flags = irq_save();
	struct thread *self = thread_current();
	unsigned int depth = m->depth;
	struct thread *next;
	int ret;

	if (m->owner != self) {
		irq_restore(flags);
		return -EPERM;
	}
	/* As mutex_unlock() at depth 1, but without its preemption point:
	 * nothing may run between the release and the block. */
	next = wait_queue_wake_one(&m->waiters);
	m->owner = next;
	m->depth = next ? 1 : 0;
	ret = wait_queue_block(cond, timeout_ms);
	irq_restore(flags);
	mutex_lock(m, WAIT_FOREVER);
	m->depth = depth;
	return ret;
}
