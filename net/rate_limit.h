/*
 * A token bucket: at most `per_sec` events a second on average, and
 * `burst` at once after a quiet spell.  Pure code (the host unit tests
 * run it); the caller supplies the clock and the locking.
 */
#ifndef NET_RATE_LIMIT_H
#define NET_RATE_LIMIT_H

#include <stdbool.h>
#include <stdint.h>

struct rate_limit {
	uint32_t per_sec;
	uint32_t burst;
	/* Set by the first call: full, in thousandths of an event. */
	bool started;
	uint64_t credit;
	uint32_t last_ms;
};

#define RATE_LIMIT_INIT(per, burst_) { .per_sec = (per), .burst = (burst_) }

/*
 * Whether one more event may happen at now_ms (a millisecond clock that
 * may wrap): true takes a token, false leaves the bucket as it was.
 */
bool rate_limit_take(struct rate_limit *r, uint32_t now_ms);

#endif
