#include "net/rate_limit.h"

#define MILLI	1000u

bool rate_limit_take(struct rate_limit *r, uint32_t now_ms)
{
	uint64_t full = (uint64_t)r->burst * MILLI;

	if (!r->started) {
		r->started = true;
		r->credit = full;
	} else {
		/* Unsigned: a clock that wrapped still gives the time since. */
		uint32_t elapsed = now_ms - r->last_ms;

		r->credit += (uint64_t)elapsed * r->per_sec;
		if (r->credit > full)
			r->credit = full;
	}
	r->last_ms = now_ms;
	if (r->credit < MILLI)
		return false;
	r->credit -= MILLI;
	return true;
}
