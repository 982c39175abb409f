/*
 * picolibc's feature header, and the POSIX options Osprey provides (lib/
 * implements them).  picolibc defines these only for the systems it
 * knows; its headers test them to declare, for instance, sched_yield()
 * and CLOCK_MONOTONIC.  Only what is really there is listed.
 */
#ifndef OSPREY_SYS_FEATURES_H
#define OSPREY_SYS_FEATURES_H

#include_next <sys/features.h>

#define _POSIX_THREADS			200809L
#define _POSIX_THREAD_ATTR_STACKSIZE	200809L
#define _POSIX_THREAD_SAFE_FUNCTIONS	200809L
#define _POSIX_SEMAPHORES		200809L
#define _POSIX_TIMEOUTS			200809L
#define _POSIX_TIMERS			200809L
#define _POSIX_MONOTONIC_CLOCK		200809L
#define _POSIX_CLOCK_SELECTION		200809L
#define _UNIX98_THREAD_MUTEX_ATTRIBUTES	1

#endif
