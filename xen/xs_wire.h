/*
 * The XenStore wire protocol (xen/io/xs_wire.h) from the guest's side:
 * assembling messages from the response ring and parsing their payloads.
 * Everything here reads memory xenstored (another domain) writes, so every
 * length and string is checked before use.  Pure code: the host unit tests
 * and fuzzers run it.
 */
#ifndef XEN_XS_WIRE_H
#define XEN_XS_WIRE_H

#include <errno.h>
#include <stddef.h>
#include <stdint.h>

#include <xen/xen.h>
#include <xen/io/xs_wire.h>

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
