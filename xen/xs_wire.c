#include <string.h>

#include "xen/byte_ring.h"
#include "xen/xs_wire.h"

#define HDR_SIZE ((uint32_t)sizeof(struct xsd_sockmsg))

int xs_check_header(const struct xsd_sockmsg *h)
{
	if (h->len > XENSTORE_PAYLOAD_MAX)
		return -E2BIG;
	if (h->type >= XS_TYPE_COUNT)
		return -EINVAL;
	return 0;
}

int xs_store_params(uint64_t pfn, uint64_t evtchn)
{
	if (!evtchn || !pfn)
		return -ENOENT;
	return pfn == ~0ULL ? 0 : 1;
}

int xs_ring_connection(const struct xenstore_domain_interface *ring)
{
	uint32_t state = __atomic_load_n(&ring->connection, __ATOMIC_ACQUIRE);
	uint32_t features = __atomic_load_n(&ring->server_features,
					    __ATOMIC_RELAXED);

	/*
	 * RECONNECT before any feature check: on a dom0less page Xen or
	 * init-dom0less sets it before xenstored advertises anything.
	 */
	if (state == XENSTORE_RECONNECT)
		return 0;
	if (state != XENSTORE_CONNECTED &&
	    (features & XENSTORE_SERVER_FEATURE_RECONNECTION))
		return -EIO;
	if ((features & XENSTORE_SERVER_FEATURE_ERROR) &&
	    __atomic_load_n(&ring->error, __ATOMIC_RELAXED) !=
		    XENSTORE_ERROR_NONE)
		return -EIO;
	return 1;
}

int xs_ring_read_msg(struct xenstore_domain_interface *ring,
		     struct xs_msg *m)
{
	long n;
	int err;

	if (m->have < HDR_SIZE) {
		n = byte_ring_get(ring->rsp, XENSTORE_RING_SIZE,
				  &ring->rsp_prod, &ring->rsp_cons,
				  (char *)&m->hdr + m->have,
				  HDR_SIZE - m->have);
		if (n < 0)
			return -EIO;
		m->have += (uint32_t)n;
		if (m->have < HDR_SIZE)
			return 0;
		err = xs_check_header(&m->hdr);
		if (err)
			return err;
	}
	/* hdr.len was checked above and is ours now, not the ring's. */
	n = byte_ring_get(ring->rsp, XENSTORE_RING_SIZE, &ring->rsp_prod,
			  &ring->rsp_cons, m->body + (m->have - HDR_SIZE),
			  m->hdr.len - (m->have - HDR_SIZE));
	if (n < 0)
		return -EIO;
	m->have += (uint32_t)n;
	if (m->have < HDR_SIZE + m->hdr.len)
		return 0;
	m->body[m->hdr.len] = '\0';
	return 1;
}

long xs_ring_write(struct xenstore_domain_interface *ring, const void *buf,
		   size_t len)
{
	long n = byte_ring_put(ring->req, XENSTORE_RING_SIZE, &ring->req_prod,
			       &ring->req_cons, buf, len);

	return n < 0 ? -EIO : n;
}

/*
 * The errors xenstored sends by name: Xen's xsd_errors[] (io/xs_wire.h),
 * in its order (tests/unit/test_xs_wire.c checks that they agree).  The
 * names are errno_name()'s: Xen's table would add a pointer and an int
 * per error (256 bytes) and each name a second time.
 */
static const unsigned char xsd_errnos[] = {
	EINVAL, EACCES, EEXIST, EISDIR, ENOENT, ENOMEM, ENOSPC, EIO,
	ENOTEMPTY, ENOSYS, EROFS, EBUSY, EAGAIN, EISCONN, E2BIG, EPERM,
};

int xs_error_to_errno(const char *body, uint32_t len)
{
	unsigned int i;

	for (i = 0; i < sizeof(xsd_errnos); i++) {
		const char *name = errno_name(xsd_errnos[i]);
		size_t n = strlen(name);

		/* The name, then its NUL or the end of the payload. */
		if (len >= n && memcmp(body, name, n) == 0 &&
		    (len == n || body[n] == '\0'))
			return -xsd_errnos[i];
	}
	return -EIO;
}

int xs_parse_watch_event(const char *body, uint32_t len, const char **path,
			 const char **token)
{
	const char *end = memchr(body, '\0', len);
	const char *tok;

	if (!end || end == body)
		return -EINVAL;
	tok = end + 1;
	if (!memchr(tok, '\0', len - (uint32_t)(tok - body)))
		return -EINVAL;
	*path = body;
	*token = tok;
	return 0;
}

int xs_count_names(const char *body, uint32_t len)
{
	uint32_t pos = 0;
	int count = 0;

	while (pos < len) {
		const char *end = memchr(body + pos, '\0', len - pos);

		if (!end)
			return -EINVAL;
		pos = (uint32_t)(end - body) + 1;
		count++;
	}
	return count;
}

int xs_parse_uint(const char *s, unsigned long max, unsigned long *out)
{
	unsigned long v = 0, digit;

	if (!*s)
		return -EINVAL;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -EINVAL;
		digit = (unsigned long)(*s - '0');
		/* v * 10 + digit <= max, without computing anything that can
		 * wrap (max - digit does when max < 9). */
		if (v > max / 10 || (v == max / 10 && digit > max % 10))
			return -EINVAL;
		v = v * 10 + digit;
	}
	*out = v;
	return 0;
}
