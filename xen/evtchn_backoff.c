#include "xen/evtchn_backoff.h"

/* The count stops where the delay reaches its cap: no overflow. */
#define SPURIOUS_CAP	(EVTCHN_SPURIOUS_FREE + 11)

_Static_assert(1u << (SPURIOUS_CAP - EVTCHN_SPURIOUS_FREE - 1) ==
	       EVTCHN_BACKOFF_MAX_MS, "the count's cap is the delay's");

unsigned int evtchn_backoff_eoi(struct evtchn_backoff *b, bool spurious,
				bool *warn)
{
	if (!spurious) {
		b->spurious = 0;
		return 0;
	}
	if (b->spurious < SPURIOUS_CAP)
		b->spurious++;
	if (b->spurious <= EVTCHN_SPURIOUS_FREE)
		return 0;
	if (!b->warned) {
		b->warned = true;
		*warn = true;
	}
	return 1u << (b->spurious - EVTCHN_SPURIOUS_FREE - 1);
}
