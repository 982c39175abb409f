/* Counting semaphores. */
#ifndef KERNEL_SEM_H
#define KERNEL_SEM_H

#include "kernel/thread.h"

struct sem {
	unsigned int count;
	unsigned int limit;
	struct wait_queue waiters;
};

void ksem_init(struct sem *s, unsigned int initial, unsigned int limit);
/* timeout_ms: 0 polls, WAIT_FOREVER blocks.  0, -EAGAIN or -ETIMEDOUT. */
int ksem_take(struct sem *s, int64_t timeout_ms);
/* A waiter, if any, gets the unit directly; else count grows to limit. */
void ksem_give(struct sem *s);

#endif
