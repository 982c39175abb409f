/*
 * libFuzzer harness: the XenStore wire code (xen/xs_wire.c) against a
 * hostile xenstored.  xenstored lives in another domain and writes the
 * response ring, its indices and every header and payload byte; the
 * guest's own indices sit in the same shared page.  Two parts:
 *   1. the payload parsers (watch event, directory list, error name) on a
 *      buffer of exactly the payload's length, so any read past it is an
 *      ASan report;
 *   2. a script of ring operations: the peer appends bytes, moves any
 *      index, sets the connection state, feature bits and error field,
 *      and xs_ring_read_msg() assembles messages; every complete one is
 *      parsed as xenstore.c would, and the connection state is judged
 *      before each read, as xenstore.c's reader does.
 * Checked after every call: nothing outside the ring page changes (guard
 * bytes), the request side is untouched by reads, the consumer index
 * moves by exactly what was taken, a complete message has a believable
 * header and a terminated body, and errors are the documented ones.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <xen/xen.h>
#include <xen/io/xenbus.h>

#include "xen/xs_wire.h"
#include "tests/fuzz/script.h"


#define GUARD		64
#define GUARD_BYTE	0x5a
#define HDR_SIZE	((uint32_t)sizeof(struct xsd_sockmsg))


static union {
	unsigned char bytes[GUARD + sizeof(struct xenstore_domain_interface) +
			    GUARD];
	uint64_t align;
} arena __attribute__((aligned(4096)));

#define RING ((struct xenstore_domain_interface *)(arena.bytes + GUARD))

static void check_guards(void)
{
	size_t i, after = GUARD + sizeof(struct xenstore_domain_interface);

	for (i = 0; i < GUARD; i++) {
		CHECK(arena.bytes[i] == GUARD_BYTE);
		CHECK(arena.bytes[after + i] == GUARD_BYTE);
	}
}

/* Inside [body, body + len): both strings terminated there. */
static void check_in_payload(const char *s, const char *body, uint32_t len)
{
	CHECK(s >= body && s < body + len);
	CHECK(memchr(s, '\0', len - (uint32_t)(s - body)));
}

/* The payload parsers on body[0..len), exactly len bytes long. */
static void parse_payload(const char *body, uint32_t len)
{
	const char *path = NULL, *token = NULL;
	int n;

	if (xs_parse_watch_event(body, len, &path, &token) == 0) {
		check_in_payload(path, body, len);
		check_in_payload(token, body, len);
		CHECK(path[0] != '\0');
		CHECK(token == path + strlen(path) + 1);
	}
	n = xs_count_names(body, len);
	CHECK(n == -EINVAL || (n >= 0 && (uint32_t)n <= len));
	CHECK(len == 0 ? n == 0 : n != 0);
	n = xs_error_to_errno(body, len);
	CHECK(n < 0);
	/* Values are NUL-terminated by the client (xs_read) before parsing. */
	if (memchr(body, '\0', len)) {
		unsigned long v;

		if (xs_parse_uint(body, 32751, &v) == 0)
			CHECK(v <= 32751);
		/* A max below 9, as for a XenBus state. */
		if (xs_parse_uint(body, XenbusStateReconfigured, &v) == 0)
			CHECK(v <= XenbusStateReconfigured);
	}
}

/* Parse a payload copied into a buffer of exactly its size. */
static void parse_exact(const char *src, uint32_t len)
{
	char *body = malloc(len ? len : 1);

	CHECK(body);
	memcpy(body, src, len);
	parse_payload(body, len);
	free(body);
}

/* xs_ring_connection() changes nothing and follows the spec's rules. */
static void check_connection(void)
{
	static struct xenstore_domain_interface before;
	struct xenstore_domain_interface *r = RING;
	int rc;

	memcpy(&before, r, sizeof(before));
	rc = xs_ring_connection(r);
	check_guards();
	CHECK(memcmp(&before, r, sizeof(before)) == 0);
	CHECK(rc == 1 || rc == 0 || rc == -EIO);
	CHECK((rc == 0) == (r->connection == XENSTORE_RECONNECT));
	if (rc == 1)
		CHECK(!((r->server_features & XENSTORE_SERVER_FEATURE_ERROR) &&
			r->error));
}

static void read_msg(struct xs_msg *m)
{
	static struct xenstore_domain_interface before;
	struct xenstore_domain_interface *r = RING;
	uint32_t had = m->have;
	uint32_t avail = r->rsp_prod - r->rsp_cons;
	int rc;

	check_connection();
	memcpy(&before, r, sizeof(before));
	rc = xs_ring_read_msg(r, m);
	check_guards();
	CHECK(rc == 1 || rc == 0 || rc == -EIO || rc == -E2BIG ||
	      rc == -EINVAL);
	/* The request side, the peer's index and the bytes: untouched. */
	CHECK(memcmp(r->req, before.req, sizeof(r->req)) == 0);
	CHECK(memcmp(r->rsp, before.rsp, sizeof(r->rsp)) == 0);
	CHECK(r->req_cons == before.req_cons &&
	      r->req_prod == before.req_prod &&
	      r->rsp_prod == before.rsp_prod);
	if (avail > XENSTORE_RING_SIZE) {
		/* A lying peer: nothing taken, nothing believed. */
		CHECK(rc == -EIO);
		CHECK(r->rsp_cons == before.rsp_cons && m->have == had);
	} else {
		CHECK(m->have >= had && m->have - had <= avail);
		CHECK(r->rsp_cons - before.rsp_cons == m->have - had);
	}
	CHECK(m->have <= HDR_SIZE + XENSTORE_PAYLOAD_MAX);
	if (rc == -E2BIG || rc == -EINVAL)
		CHECK(m->have == HDR_SIZE && xs_check_header(&m->hdr) == rc);
	if (rc == 1) {
		CHECK(xs_check_header(&m->hdr) == 0);
		CHECK(m->have == HDR_SIZE + m->hdr.len);
		CHECK(m->body[m->hdr.len] == '\0');
		parse_payload(m->body, m->hdr.len);
		parse_exact(m->body, m->hdr.len);
	}
	if (rc != 0)
		m->have = 0;	/* as the contract says, before the next one */
}

static void write_req(uint32_t len)
{
	static struct xenstore_domain_interface before;
	static char src[2 * XENSTORE_RING_SIZE];
	struct xenstore_domain_interface *r = RING;
	uint32_t used = r->req_prod - r->req_cons;
	long n;
	uint32_t i;

	for (i = 0; i < sizeof(src); i++)
		src[i] = (char)(i * 13);
	len %= sizeof(src);
	memcpy(&before, r, sizeof(before));
	n = xs_ring_write(r, src, len);
	check_guards();
	CHECK(memcmp(r->rsp, before.rsp, sizeof(r->rsp)) == 0);
	CHECK(r->rsp_cons == before.rsp_cons &&
	      r->rsp_prod == before.rsp_prod && r->req_cons == before.req_cons);
	if (used > XENSTORE_RING_SIZE) {
		CHECK(n == -EIO);
		CHECK(memcmp(&before, r, sizeof(before)) == 0);
		return;
	}
	CHECK(n >= 0 && (uint32_t)n <= len &&
	      (uint32_t)n <= XENSTORE_RING_SIZE - used);
	CHECK(r->req_prod == before.req_prod + (uint32_t)n);
	for (i = 0; i < (uint32_t)n; i++)
		CHECK(r->req[MASK_XENSTORE_IDX(before.req_prod + i)] ==
		      src[i]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct xs_msg m;
	struct script s = { data, size };
	struct xenstore_domain_interface *r = RING;
	uint32_t len, i, v;
	unsigned int ops = 0;

	/* Part 1: a raw payload, length first. */
	len = take(&s, 2) % (XENSTORE_PAYLOAD_MAX + 1);
	if (len > s.left)
		len = (uint32_t)s.left;
	parse_exact((const char *)s.data, len);
	s.data += len;
	s.left -= len;

	/* Part 2: the ring. */
	memset(arena.bytes, GUARD_BYTE, sizeof(arena.bytes));
	memset(&m, 0, sizeof(m));
	r->rsp_cons = take(&s, 4);
	r->rsp_prod = take(&s, 4);
	r->req_cons = take(&s, 4);
	r->req_prod = take(&s, 4);
	while (s.left && ops++ < 64) {
		uint32_t op = take(&s, 1);

		switch (op & 7) {
		case 0:
		case 1:
			read_msg(&m);
			break;
		case 2:
		case 3:		/* the peer appends bytes, as xenstored */
			len = take(&s, 2) % (2 * XENSTORE_RING_SIZE);
			for (i = 0; i < len && s.left; i++)
				r->rsp[MASK_XENSTORE_IDX(r->rsp_prod++)] =
					(char)take(&s, 1);
			break;
		case 4:		/* ... or moves any index anywhere, or */
			v = take(&s, 4);	/* sets a connection field */
			switch ((op >> 3) & 7) {
			case 0: r->rsp_cons = v; break;
			case 1: r->rsp_prod = v; break;
			case 2: r->req_cons = v; break;
			case 3: r->req_prod = v; break;
			case 4: r->connection = v; break;
			case 5: r->server_features = v; break;
			default: r->error = v; break;
			}
			break;
		case 5:		/* ... or consumes our requests */
			r->req_cons = r->req_prod;
			break;
		default:
			write_req(take(&s, 2));
			break;
		}
	}
	return 0;
}
