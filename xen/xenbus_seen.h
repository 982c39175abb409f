/*
 * The devices a XenBus scan has dealt with, by node name
 * ("device/<type>/<id>"), so that each is handled once however often
 * "device" changes.  A name too long for struct xenbus_device's nodename
 * is refused, and remembered as refused, so it is reported once and never
 * added.  Pure code, no locking (xenbus.c calls it from one thread at a
 * time); the host unit tests run it.
 */
#ifndef XEN_XENBUS_SEEN_H
#define XEN_XENBUS_SEEN_H

#include <stdbool.h>

#include "kernel/errno.h"
#include "xen/xenbus.h"

#define XENBUS_SEEN_MAX		32

struct xenbus_seen {
	/* Refused names are kept cut to the first NODENAME_LEN - 1 bytes
	 * and flagged, so they never match a real name of that length. */
	char name[XENBUS_SEEN_MAX][XENBUS_NODENAME_LEN];
	bool refused[XENBUS_SEEN_MAX];
	unsigned int count;
};

/*
 * Note device/<type>/<id>, found by a scan.  nodename has
 * XENBUS_NODENAME_LEN bytes.  Returns
 *   0              new: its node name is in nodename, and remembered;
 *   -EEXIST        noted before (refused or not): nothing to do;
 *   -ENAMETOOLONG  new, but the node name does not fit in nodename:
 *                  remembered as refused, so later scans get -EEXIST
 *                  (two such names that agree in their first
 *                  XENBUS_NODENAME_LEN - 1 bytes count as one);
 *   -ENOSPC        new, but the set is full: nothing remembered.
 */
int xenbus_seen_note(struct xenbus_seen *s, const char *type,
		     const char *id, char *nodename);

/* Forget a name noted with 0, so that the next scan tries it again. */
void xenbus_seen_forget(struct xenbus_seen *s, const char *nodename);

#endif
