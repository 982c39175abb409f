/* Internal to lib/: deadlines for the timed waits. */
#ifndef LIB_CLOCK_H
#define LIB_CLOCK_H

#include <stdint.h>
#include <time.h>

/*
 * Milliseconds from now until abstime on clock (rounded up, 0 if past),
 * for the kernel's waits.  Returns 0, or EINVAL (a bad clock or
 * nanoseconds field), as <errno.h> numbers.
 */
int clock_ms_until(clockid_t clock, const struct timespec *abstime,
		   int64_t *ms);

#endif
