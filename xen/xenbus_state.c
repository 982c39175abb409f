/* The frontend's side of the XenBus handshake, as pure data. */
#include "xen/xenbus.h"

bool xenbus_transition_allowed(enum xenbus_state from, enum xenbus_state to)
{
	switch (to) {
	case XenbusStateInitialising:
		/* A fresh start, or again after Closed (reconnection). */
		return from == XenbusStateUnknown ||
		       from == XenbusStateClosed;
	case XenbusStateInitialised:
		return from == XenbusStateInitialising;
	case XenbusStateConnected:
		return from == XenbusStateInitialising ||
		       from == XenbusStateInitialised;
	case XenbusStateClosing:
		return from >= XenbusStateInitialising &&
		       from <= XenbusStateConnected;
	case XenbusStateClosed:
		return from != XenbusStateUnknown;
	default:
		/* Unknown, InitWait and Reconfigur* are backend states. */
		return false;
	}
}

const char *xenbus_state_name(enum xenbus_state s)
{
	/* Arrays, not pointers: no relocations in the PIE image. */
	static const char names[][13] = {
		"Unknown", "Initialising", "InitWait", "Initialised",
		"Connected", "Closing", "Closed", "Reconfiguring",
		"Reconfigured",
	};

	return (unsigned int)s < sizeof(names) / sizeof(names[0]) ?
	       names[s] : "invalid";
}
