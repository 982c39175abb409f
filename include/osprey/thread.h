/*
 * A thread's scheduling priority, CPUs and name, for what <pthread.h>
 * does not say.  The scheduler is preemptive with fixed priorities, lower
 * numbers first: a ready thread runs as soon as no higher one is ready
 * on a CPU it may use, and threads of one priority take turns in 10 ms
 * slices on each CPU.  main() runs at OSPREY_THREAD_PRIORITY_HIGHEST on
 * every CPU, and pthread_create() gives a thread its creator's priority
 * and CPUs.  The kernel's own threads (drivers, XenStore, the orderly
 * stop) run above every program thread, so that a busy program cannot
 * starve them.
 *
 * CPUs are numbered as sched_getcpu() numbers them: 0 is the one that
 * booted, then the others the DT lists, in its order.  A CPU that did
 * not start (the boot log names it) keeps its number unused, so the
 * online CPUs are the affinity of a thread never pinned, such as main()
 * before it pins itself.  A set of CPUs is an unsigned long, bit i for
 * CPU i.
 *
 * Results are >= 0, or a negative errno value of <errno.h>:
 *
 *   -ESRCH   the thread has ended
 *   -EINVAL  a priority outside the range below, a set of CPUs with
 *            none online, or a NULL argument
 */
#ifndef OSPREY_THREAD_H
#define OSPREY_THREAD_H

#include <pthread.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define OSPREY_THREAD_PRIORITY_HIGHEST	7
#define OSPREY_THREAD_PRIORITY_LOWEST	30
/* A name's longest length, without its NUL. */
#define OSPREY_THREAD_NAME_MAX		15

/* Set thread's priority, which takes effect at once: 0. */
int osprey_thread_set_priority(pthread_t thread, int priority);

/* thread's priority. */
int osprey_thread_get_priority(pthread_t thread);

/* How many CPUs run threads (the boot log's "smp: N of M CPUs
 * running"): at least 1. */
unsigned int osprey_cpu_count(void);

/* Let thread run only on the CPUs in cpus, at once (a thread running on
 * a CPU it may no longer use moves): 0.  CPUs that are not online are
 * kept in the set, for when they are. */
int osprey_thread_set_affinity(pthread_t thread, unsigned long cpus);

/* The online CPUs thread may run on into *cpus: 0. */
int osprey_thread_get_affinity(pthread_t thread, unsigned long *cpus);

/* Name thread (the kernel's log and fault reports show it), cut to
 * OSPREY_THREAD_NAME_MAX bytes: 0.  pthread_create() names it
 * "pthread". */
int osprey_thread_set_name(pthread_t thread, const char *name);

/* thread's name into buf: its length; -ERANGE when len is too small for
 * it and its NUL. */
int osprey_thread_get_name(pthread_t thread, char *buf, size_t len);

#ifdef __cplusplus
}
#endif

#endif
