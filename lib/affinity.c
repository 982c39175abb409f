/*
 * Which CPU a thread runs on, and which it may run on, as glibc gives
 * them with _GNU_SOURCE: sched_getcpu(), sched_[gs]etaffinity() for the
 * calling thread (there are no other processes: pid 0 only) and
 * pthread_[gs]etaffinity_np() for any thread.  A cpu_set_t becomes the
 * kernel's mask in lib/cpuset_mask.c.
 */
#define _GNU_SOURCE	/* sched_getcpu(), cpu_set_t (include/sys/sched.h) */
#include <errno.h>
#include <pthread.h>
#include <sched.h>

#include "boot/cpu.h"
#include "kernel/thread.h"
#include "lib/cpuset_mask.h"
#include "lib/errno_map.h"
#include "lib/pthread_internal.h"

int sched_getcpu(void)
{
	return (int)sched_cpu();
}

struct affinity {
	const void *in;
	void *out;
	size_t size;
};

static int set_affinity(struct thread *t, void *ctx)
{
	const struct affinity *a = ctx;
	int err = thread_set_affinity(t, cpuset_to_mask(a->in, a->size));

	return err ? -errno_from_kernel(err) : 0;
}

/* Online only: Linux's answer too (cpu_active_mask). */
static int get_affinity(struct thread *t, void *ctx)
{
	const struct affinity *a = ctx;

	return -cpuset_from_mask(thread_get_affinity(t) & sched_online_mask(),
				 CPU_MAX, a->out, a->size);
}

int pthread_setaffinity_np(pthread_t thread, size_t size,
			   const cpu_set_t *set)
{
	struct affinity a = { .in = set, .size = size };

	if (!set)
		return EFAULT;
	return -pthread_with_kernel_thread(thread, set_affinity, &a);
}

int pthread_getaffinity_np(pthread_t thread, size_t size, cpu_set_t *set)
{
	struct affinity a = { .out = set, .size = size };

	if (!set)
		return EFAULT;
	return -pthread_with_kernel_thread(thread, get_affinity, &a);
}

/* 0, or -1 with errno set (a success leaves errno alone). */
static int result(int err)
{
	if (!err)
		return 0;
	errno = err;
	return -1;
}

int sched_setaffinity(pid_t pid, size_t size, const cpu_set_t *set)
{
	struct affinity a = { .in = set, .size = size };

	if (pid)
		return result(ESRCH);
	if (!set)
		return result(EFAULT);
	return result(-set_affinity(thread_current(), &a));
}

int sched_getaffinity(pid_t pid, size_t size, cpu_set_t *set)
{
	struct affinity a = { .out = set, .size = size };

	if (pid)
		return result(ESRCH);
	if (!set)
		return result(EFAULT);
	return result(-get_affinity(thread_current(), &a));
}
