/*
 * The time of day: a source found at boot (Xen's wallclock in the shared
 * info page, or an RTC the DT lists) sets it once; from then on it runs
 * on the scheduler's clock.  Without a source it is the time since boot,
 * counted from 1970, as on a machine without an RTC.
 */
#ifndef KERNEL_REALTIME_H
#define KERNEL_REALTIME_H

#include <stdint.h>

/*
 * 2000-01-01 00:00:00 UTC.  A clock showing an earlier time was never
 * set: Xen's wallclock counts from 1970 at Xen's boot until the control
 * domain sets it, and an RTC without a battery from 1970 at power-on.
 */
#define REALTIME_UNSET_BEFORE_NS	(946684800ULL * 1000000000ULL)

/* Nanoseconds since 1970 now, as the source says; name is for the log. */
void realtime_set(uint64_t now_ns, const char *name);
/* Nanoseconds since 1970. */
uint64_t realtime_now_ns(void);
/* The source's name, or NULL while there is none. */
const char *realtime_source(void);

#endif
