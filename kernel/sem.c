#include "kernel/errno.h"
#include "kernel/irq.h"
#include "kernel/sem.h"

void ksem_init(struct sem *s, unsigned int initial, unsigned int limit)
{
	s->count = initial;
	s->limit = limit;
	s->waiters.head = NULL;
}

int ksem_take(struct sem *s, int64_t timeout_ms)
{
	unsigned long flags = irq_save();
	int ret = 0;

	if (s->count) {
		s->count--;
	} else if (timeout_ms == 0) {
		ret = -EAGAIN;
	} else {
		ret = wait_queue_block(&s->waiters, timeout_ms);
	}
	irq_restore(flags);
	return ret;
}

void ksem_give(struct sem *s)
{
	unsigned long flags = irq_save();

	if (!wait_queue_wake_one(&s->waiters) && s->count < s->limit)
		s->count++;
	irq_restore(flags);
	sched_preempt_point();
}
