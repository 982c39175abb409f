/*
 * The XenStore wire protocol (xen/io/xs_wire.h) from the guest's side:
 * assembling messages from the response ring and parsing their payloads.
 * Everything here reads memory xenstored (another domain) writes, so every
 * length and string is checked before use.  Pure code: the host unit tests
 * and fuzzers run it.
 */
#ifndef XEN_XS_WIRE_H
#define XEN_XS_WIRE_H

/* Before <xen/io/xs_wire.h>, whose error table names errno values. */
#include "kernel/errno.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <xen/xen.h>
#include <xen/io/xs_wire.h>

/*
 * Where the domain's store is, from HVM_PARAM_STORE_PFN and _EVTCHN:
 *   1        a page to map (its connection state still to be checked);
 *   0        not yet: a dom0less domain with xen,enhanced before dom0 ran
 *            init-dom0less, which sets the page up, then has xenstored
 *            notify the event channel (Xen's "late XenStore" protocol;
 *            Linux's xenbus_probe.c waits the same way);
 *   -ENOENT  none: no event channel, or a page number of 0 (an unset
 *            param: no toolstack will ever set it).
 */
int xs_store_params(uint64_t pfn, uint64_t evtchn);

/*
 * The ring's connection state (docs/misc/xenstore-ring.txt), read once
 * with acquire ordering, as the server writes it from another domain:
 *   1     connected: requests may flow;
 *   0     XENSTORE_RECONNECT: a (re)connection is in progress, every
 *         other field is meaningless until the server sets CONNECTED and
 *         notifies.  Xen 4.21 creates a dom0less domain's page in this
 *         state; init-dom0less does the same on older Xen.  When it comes
 *         after a connection, the server has dropped every request,
 *         watch and transaction of the old one;
 *   -EIO  the server stopped serving: a nonzero error field under
 *         XENSTORE_SERVER_FEATURE_ERROR, or a state other than the two
 *         known while it advertises XENSTORE_SERVER_FEATURE_RECONNECTION
 *         (without it the field holds nothing, and the ring is used).
 */
int xs_ring_connection(const struct xenstore_domain_interface *ring);

/* A message being read; body is NUL-terminated once complete. */
struct xs_msg {
	struct xsd_sockmsg hdr;
	char body[XENSTORE_PAYLOAD_MAX + 1];
	uint32_t have;		/* header + body bytes received so far */
};

/*
 * Move what the response ring holds into m.  Returns 1 when m is
 * complete, 0 when more is needed, or a negative errno: -EIO for a
 * corrupt ring, -E2BIG or -EINVAL for an impossible header.  After 1 or
 * an error, reset m->have to 0 before the next message.
 */
int xs_ring_read_msg(struct xenstore_domain_interface *ring,
		     struct xs_msg *m);

/* Copy up to len request bytes into the request ring (bytes or -EIO). */
long xs_ring_write(struct xenstore_domain_interface *ring, const void *buf,
		   size_t len);

/* 0 if a header can be believed: known type, payload within the max. */
int xs_check_header(const struct xsd_sockmsg *h);

/* The errno an XS_ERROR payload names ("ENOENT"), or -EIO if unknown. */
int xs_error_to_errno(const char *body, uint32_t len);

/*
 * Split an XS_WATCH_EVENT payload, "path\0token\0".  0, or -EINVAL unless
 * both strings are terminated within len.
 */
int xs_parse_watch_event(const char *body, uint32_t len, const char **path,
			 const char **token);

/*
 * Walk a XS_DIRECTORY payload, "name\0name\0...": returns how many names
 * (each terminated within len), or -EINVAL.
 */
int xs_count_names(const char *body, uint32_t len);

/*
 * A XenStore value as a decimal number no larger than max: 0, or -EINVAL
 * for anything else ("", "12x", "-1", "+1", " 1", too large).  Leading
 * zeros are accepted ("007" is 7), however many.
 */
int xs_parse_uint(const char *s, unsigned long max, unsigned long *out);

#endif
