/*
 * Counter ticks and nanoseconds, at a counter's frequency (ticks per
 * second).  Pure arithmetic, unit-tested on the host: the scheduler's
 * clock (sched_now_ns) and its absolute sleeps (thread_sleep_until_ns)
 * convert through these.
 */
#ifndef KERNEL_TICKS_H
#define KERNEL_TICKS_H

#include <stdint.h>

/*
 * ns on the counter, rounded down.  per_second is a 32-bit frequency
 * (CNTFRQ_EL0, a DT cell): split at whole seconds, no product overflows
 * for 584 years.  Returns 0 when per_second is 0 or above 32 bits.
 */
uint64_t ticks_to_ns(uint64_t ticks, uint64_t per_second);

/*
 * The first counter value at or after ns, rounded up: a deadline so
 * converted never fires before ns by ticks_to_ns()'s reading.
 * UINT64_MAX where the value would not fit, and 0 when per_second is 0
 * or above 32 bits.
 */
uint64_t ticks_from_ns(uint64_t ns, uint64_t per_second);

#endif
