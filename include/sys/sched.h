/*
 * picolibc's <sys/sched.h>, which its <sched.h> includes before it
 * looks for cpu_set_t: with _GNU_SOURCE, as glibc's <sched.h> does, it
 * brings <sys/cpuset.h>, so that <sched.h> declares sched_getaffinity()
 * and sched_setaffinity() (lib/sched.c implements them).
 */
#ifndef OSPREY_SYS_SCHED_H
#define OSPREY_SYS_SCHED_H

#include_next <sys/sched.h>

#if __GNU_VISIBLE
#include <sys/cpuset.h>
#endif

#endif
