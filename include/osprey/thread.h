/*
 * A thread's scheduling priority and name, for what <pthread.h> does not
 * say.  The scheduler is preemptive with fixed priorities, lower numbers
 * first: a ready thread runs as soon as no higher one is ready, and
 * threads of one priority take turns in 10 ms slices.  main() runs at
 * OSPREY_THREAD_PRIORITY_HIGHEST, and pthread_create() gives a thread its
 * creator's priority.  The kernel's own threads (drivers, XenStore, the
 * orderly stop) run above every program thread, so that a busy program
 * cannot starve them.
 *
 * Results are >= 0, or a negative errno value of <errno.h>:
 *
 *   -ESRCH   the thread has ended
 *   -EINVAL  a priority outside the range below, or a NULL argument
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
