/* <osprey/thread.h> on the kernel's threads behind the pthreads. */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include <osprey/thread.h>

#include "kernel/thread.h"
#include "lib/errno_map.h"
#include "lib/pthread_internal.h"

_Static_assert(OSPREY_THREAD_NAME_MAX == THREAD_NAME_LEN - 1,
	       "a name fits the kernel's");
_Static_assert(sizeof(unsigned long) == sizeof(uint64_t),
	       "a set of CPUs is the kernel's affinity mask");
_Static_assert(OSPREY_THREAD_PRIORITY_LOWEST < THREAD_PRIO_IDLE,
	       "the idle thread stays below every program thread");

static int set_priority(struct thread *t, void *ctx)
{
	int err = thread_set_priority(t, *(int *)ctx);

	return err ? -errno_from_kernel(err) : 0;
}

int osprey_thread_set_priority(pthread_t thread, int priority)
{
	if (priority < OSPREY_THREAD_PRIORITY_HIGHEST ||
	    priority > OSPREY_THREAD_PRIORITY_LOWEST)
		return -EINVAL;
	return pthread_with_kernel_thread(thread, set_priority, &priority);
}

static int get_priority(struct thread *t, void *ctx)
{
	(void)ctx;
	return t->priority;
}

int osprey_thread_get_priority(pthread_t thread)
{
	return pthread_with_kernel_thread(thread, get_priority, NULL);
}

static int set_name(struct thread *t, void *ctx)
{
	thread_set_name(t, ctx);
	return 0;
}

int osprey_thread_set_name(pthread_t thread, const char *name)
{
	if (!name)
		return -EINVAL;
	return pthread_with_kernel_thread(thread, set_name, (void *)name);
}

struct name_buf {
	char *buf;
	size_t len;
};

static int get_name(struct thread *t, void *ctx)
{
	struct name_buf *out = ctx;
	size_t n = strnlen(t->name, sizeof(t->name));

	if (n >= out->len)
		return -ERANGE;
	memcpy(out->buf, t->name, n);
	out->buf[n] = '\0';
	return (int)n;
}

int osprey_thread_get_name(pthread_t thread, char *buf, size_t len)
{
	struct name_buf out = { buf, len };

	if (!buf)
		return -EINVAL;
	return pthread_with_kernel_thread(thread, get_name, &out);
}

unsigned int osprey_cpu_count(void)
{
	return sched_cpus_online();
}

static int set_affinity(struct thread *t, void *ctx)
{
	int err = thread_set_affinity(t, *(uint64_t *)ctx);

	return err ? -errno_from_kernel(err) : 0;
}

int osprey_thread_set_affinity(pthread_t thread, unsigned long cpus)
{
	uint64_t mask = cpus;

	return pthread_with_kernel_thread(thread, set_affinity, &mask);
}

static int get_affinity(struct thread *t, void *ctx)
{
	*(uint64_t *)ctx = thread_get_affinity(t) & sched_online_mask();
	return 0;
}

int osprey_thread_get_affinity(pthread_t thread, unsigned long *cpus)
{
	uint64_t mask;
	int err;

	if (!cpus)
		return -EINVAL;
	err = pthread_with_kernel_thread(thread, get_affinity, &mask);
	if (!err)
		*cpus = (unsigned long)mask;
	return err;
}
