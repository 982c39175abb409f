/*
 * When a late-EOI event channel is unmasked again: the state machine of
 * Linux's lateeoi (drivers/xen/events, XSA-391) as pure code, so that the
 * host unit tests run it.  A backend can raise events as fast as Xen
 * delivers them; each costs us an upcall and a thread's wakeup, so a
 * storm of events that bring no work would keep the guest busy doing
 * nothing.  The port's owner says, after each event, whether it found
 * work.  Up to EVTCHN_SPURIOUS_FREE events in a row without work are
 * normal (a response taken on the pass before its event came); from the
 * next one the port stays masked for 1 ms, then 2, 4, ... up to
 * EVTCHN_BACKOFF_MAX_MS.  An event with work starts the count again.
 */
#ifndef XEN_EVTCHN_BACKOFF_H
#define XEN_EVTCHN_BACKOFF_H

#include <stdbool.h>

#define EVTCHN_SPURIOUS_FREE	4
#define EVTCHN_BACKOFF_MAX_MS	1024u

struct evtchn_backoff {
	unsigned int spurious;		/* events in a row without work */
	bool warned;			/* the first delay was reported */
};

/*
 * The owner looked for work after an event, and found some (!spurious)
 * or not.  Returns how many ms the port stays masked (0: unmask now).
 * *warn is set true the first time a port is delayed, so that it is
 * reported once per binding; else left alone.
 */
unsigned int evtchn_backoff_eoi(struct evtchn_backoff *b, bool spurious,
				bool *warn);

#endif
