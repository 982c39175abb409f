/*
 * XenStore wire parsing (xen/xs_wire.c) with a well-behaved and a hostile
 * xenstored, and the XenBus frontend steps (xen/xenbus_state.c).  Expected
 * values follow from xen/io/xs_wire.h and xen/io/xenbus.h.
 */
#include <errno.h>
#include <string.h>

#include "helpers.h"
#include "xen/xenbus.h"
#include "xen/xs_reply.h"
#include "xen/xs_wire.h"

static struct xenstore_domain_interface ring;
static struct xs_msg msg;

/* Play xenstored: append bytes to the response ring. */
static void respond(const void *data, uint32_t len)
{
	const char *p = data;
	uint32_t i;

	for (i = 0; i < len; i++)
		ring.rsp[(ring.rsp_prod + i) & (XENSTORE_RING_SIZE - 1)] = p[i];
	ring.rsp_prod += len;
}

static void reset(void)
{
	memset(&ring, 0, sizeof(ring));
	memset(&msg, 0, sizeof(msg));
}

START_TEST(message_in_pieces)
{
	struct xsd_sockmsg h = { .type = XS_READ, .req_id = 7, .len = 5 };

	reset();
	respond(&h, 10);			/* part of the header */
	ck_assert_int_eq(xs_ring_read_msg(&ring, &msg), 0);
	respond((char *)&h + 10, sizeof(h) - 10);
	respond("hel", 3);
	ck_assert_int_eq(xs_ring_read_msg(&ring, &msg), 0);
	respond("lo", 2);
	ck_assert_int_eq(xs_ring_read_msg(&ring, &msg), 1);
	ck_assert_uint_eq(msg.hdr.req_id, 7);
	ck_assert_str_eq(msg.body, "hello");
	ck_assert_uint_eq(ring.rsp_cons, ring.rsp_prod);
}
END_TEST

START_TEST(message_across_the_wrap)
{
	struct xsd_sockmsg h = { .type = XS_WATCH_EVENT, .len = 6 };

	reset();
	ring.rsp_prod = ring.rsp_cons = 0xfffffff8;
	respond(&h, sizeof(h));
	respond("a\0tok", 6);
	ck_assert_int_eq(xs_ring_read_msg(&ring, &msg), 1);
	ck_assert_uint_eq(msg.hdr.type, XS_WATCH_EVENT);
	ck_assert_mem_eq(msg.body, "a\0tok", 6);
}
END_TEST

START_TEST(oversized_length_refused)
{
	struct xsd_sockmsg h = { .type = XS_READ,
				 .len = XENSTORE_PAYLOAD_MAX + 1 };

	reset();
	respond(&h, sizeof(h));
	ck_assert_int_eq(xs_ring_read_msg(&ring, &msg), -E2BIG);
}
END_TEST

START_TEST(unknown_type_refused)
{
	struct xsd_sockmsg h = { .type = XS_TYPE_COUNT, .len = 0 };

	reset();
	respond(&h, sizeof(h));
	ck_assert_int_eq(xs_ring_read_msg(&ring, &msg), -EINVAL);
}
END_TEST

START_TEST(hostile_rsp_prod_refused)
{
	reset();
	ring.rsp_prod = XENSTORE_RING_SIZE + 1;	/* more than the ring */
	ck_assert_int_eq(xs_ring_read_msg(&ring, &msg), -EIO);
	ck_assert_uint_eq(ring.rsp_cons, 0);
}
END_TEST

START_TEST(request_ring_full_and_hostile)
{
	static char big[XENSTORE_RING_SIZE + 10];

	reset();
	ck_assert_int_eq(xs_ring_write(&ring, big, sizeof(big)),
			 XENSTORE_RING_SIZE);
	ck_assert_int_eq(xs_ring_write(&ring, "x", 1), 0);
	ring.req_cons = ring.req_prod + 1;	/* consumed the future */
	ck_assert_int_eq(xs_ring_write(&ring, "x", 1), -EIO);
}
END_TEST

START_TEST(error_strings)
{
	ck_assert_int_eq(xs_error_to_errno("ENOENT", 7), -ENOENT);
	ck_assert_int_eq(xs_error_to_errno("EAGAIN", 6), -EAGAIN);
	ck_assert_int_eq(xs_error_to_errno("EACCES\0junk", 11), -EACCES);
	ck_assert_int_eq(xs_error_to_errno("ENOENTX", 7), -EIO);
	ck_assert_int_eq(xs_error_to_errno("ENO", 3), -EIO);
	ck_assert_int_eq(xs_error_to_errno("", 0), -EIO);
}
END_TEST

/* Every error Xen's io/xs_wire.h names, as xenstored sends it (the name
 * and its NUL), gives its number: xs_wire.c's own list agrees. */
START_TEST(every_xen_error_string)
{
	unsigned int i;

	for (i = 0; i < sizeof(xsd_errors) / sizeof(xsd_errors[0]); i++) {
		const char *name = xsd_errors[i].errstring;

		ck_assert_int_eq(xs_error_to_errno(name, strlen(name) + 1),
				 -xsd_errors[i].errnum);
		ck_assert_int_eq(xs_error_to_errno(name, strlen(name)),
				 -xsd_errors[i].errnum);
	}
}
END_TEST

START_TEST(watch_events)
{
	const char *path, *token;

	ck_assert_int_eq(xs_parse_watch_event("a/b\0w3", 7, &path, &token),
			 0);
	ck_assert_str_eq(path, "a/b");
	ck_assert_str_eq(token, "w3");
	/* token not terminated within the payload */
	ck_assert_int_eq(xs_parse_watch_event("a/b\0w3", 6, &path, &token),
			 -EINVAL);
	/* no terminator at all, and an empty path */
	ck_assert_int_eq(xs_parse_watch_event("abc", 3, &path, &token),
			 -EINVAL);
	ck_assert_int_eq(xs_parse_watch_event("\0w", 3, &path, &token),
			 -EINVAL);
}
END_TEST

START_TEST(directory_names)
{
	ck_assert_int_eq(xs_count_names("a\0bc\0", 5), 2);
	ck_assert_int_eq(xs_count_names("", 0), 0);
	ck_assert_int_eq(xs_count_names("a\0bc", 4), -EINVAL);
}
END_TEST

START_TEST(numbers_from_values)
{
	unsigned long v = 99;

	ck_assert_int_eq(xs_parse_uint("4", 8, &v), 0);
	ck_assert_uint_eq(v, 4);
	ck_assert_int_eq(xs_parse_uint("32751", 32751, &v), 0);
	ck_assert_uint_eq(v, 32751);
	ck_assert_int_eq(xs_parse_uint("32752", 32751, &v), -EINVAL);
	ck_assert_int_eq(xs_parse_uint("70000", 32751, &v), -EINVAL);
	ck_assert_int_eq(xs_parse_uint("", 8, &v), -EINVAL);
	ck_assert_int_eq(xs_parse_uint("abc", 8, &v), -EINVAL);
	ck_assert_int_eq(xs_parse_uint("4x", 8, &v), -EINVAL);
	ck_assert_int_eq(xs_parse_uint("-1", 8, &v), -EINVAL);
	ck_assert_int_eq(xs_parse_uint("99999999999999999999999", ~0UL, &v),
			 -EINVAL);
}
END_TEST

/* Every boundary, above all max < 9, where max - digit used to wrap. */
START_TEST(numbers_at_every_boundary)
{
	static const struct {
		const char *s;
		unsigned long max;
		int err;
		unsigned long v;
	} cases[] = {
		{ "0", 0, 0, 0 },
		{ "1", 0, -EINVAL, 0 },
		{ "9", 0, -EINVAL, 0 },
		{ "8", 8, 0, 8 },	/* XenbusStateReconfigured */
		{ "9", 8, -EINVAL, 0 },
		{ "9", 1, -EINVAL, 0 },
		{ "5", 4, -EINVAL, 0 },
		{ "4", 4, 0, 4 },
		{ "0", 8, 0, 0 },
		{ "08", 8, 0, 8 },
		{ "09", 8, -EINVAL, 0 },
		{ "0000000000000000000000008", 8, 0, 8 },
		{ "0000000000000000000000009", 8, -EINVAL, 0 },
		{ "9", 9, 0, 9 },
		{ "10", 9, -EINVAL, 0 },
		{ "10", 10, 0, 10 },
		{ "11", 10, -EINVAL, 0 },
		{ "19", 18, -EINVAL, 0 },
		{ "18", 18, 0, 18 },
		{ "4294967295", 4294967295UL, 0, 4294967295UL },
		{ "4294967296", 4294967295UL, -EINVAL, 0 },
		{ "18446744073709551615", ~0UL, 0, ~0UL },
		{ "18446744073709551616", ~0UL, -EINVAL, 0 },
		{ "18446744073709551620", ~0UL, -EINVAL, 0 },
		{ "184467440737095516150", ~0UL, -EINVAL, 0 },
		{ "+1", 8, -EINVAL, 0 },
		{ " 1", 8, -EINVAL, 0 },
		{ "1 ", 8, -EINVAL, 0 },
	};
	unsigned int i;

	ck_assert_uint_eq(sizeof(unsigned long), 8);	/* the cases above */
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		unsigned long v = 12345;
		int err = xs_parse_uint(cases[i].s, cases[i].max, &v);

		ck_assert_msg(err == cases[i].err,
			      "\"%s\" max %lu: %d, expected %d", cases[i].s,
			      cases[i].max, err, cases[i].err);
		/* Untouched on failure. */
		ck_assert_uint_eq(v, err ? 12345 : cases[i].v);
	}
}
END_TEST

START_TEST(xenbus_frontend_steps)
{
	ck_assert(xenbus_transition_allowed(XenbusStateUnknown,
					    XenbusStateInitialising));
	ck_assert(xenbus_transition_allowed(XenbusStateInitialising,
					    XenbusStateInitialised));
	ck_assert(xenbus_transition_allowed(XenbusStateInitialised,
					    XenbusStateConnected));
	ck_assert(xenbus_transition_allowed(XenbusStateConnected,
					    XenbusStateClosing));
	ck_assert(xenbus_transition_allowed(XenbusStateClosing,
					    XenbusStateClosed));
	ck_assert(xenbus_transition_allowed(XenbusStateClosed,
					    XenbusStateInitialising));
	/* Backend-only states, and going back while connected. */
	ck_assert(!xenbus_transition_allowed(XenbusStateInitialising,
					     XenbusStateInitWait));
	ck_assert(!xenbus_transition_allowed(XenbusStateConnected,
					     XenbusStateInitialising));
	ck_assert(!xenbus_transition_allowed(XenbusStateUnknown,
					     XenbusStateConnected));
	ck_assert_str_eq(xenbus_state_name(XenbusStateConnected),
			 "Connected");
	ck_assert_str_eq(xenbus_state_name((enum xenbus_state)42), "invalid");
}
END_TEST

static struct xs_reply_slot slot;

static bool offer(uint32_t req_id)
{
	struct xsd_sockmsg h = { .type = XS_READ, .req_id = req_id };

	return xs_reply_offer(&slot, &h);
}

START_TEST(reply_matched_to_its_request)
{
	memset(&slot, 0, sizeof(slot));
	ck_assert(!offer(1));			/* nothing asked yet */
	xs_reply_expect(&slot, 1);
	ck_assert(offer(1));
	ck_assert_int_eq(xs_reply_collect(&slot, 1, false), 0);
	ck_assert(!offer(1));			/* a duplicate */
	xs_reply_expect(&slot, 5);
	ck_assert(!offer(4));
	ck_assert(!offer(6));
	ck_assert(offer(5));
	ck_assert(!offer(5));
	ck_assert_int_eq(xs_reply_collect(&slot, 5, false), 0);
	ck_assert_uint_eq(slot.stale, 5);
	/* 0 is an id like any other (next_req_id wraps). */
	xs_reply_expect(&slot, 0);
	ck_assert(offer(0));
	ck_assert_int_eq(xs_reply_collect(&slot, 0, false), 0);
}
END_TEST

/*
 * The bug: request 1 times out, its answer comes right after and wakes
 * the reader's semaphore; request 2's wait then returns at once.  That
 * wake-up must not count as request 2's answer.
 */
START_TEST(late_reply_is_not_the_next_answer)
{
	memset(&slot, 0, sizeof(slot));
	xs_reply_expect(&slot, 1);
	ck_assert_int_eq(xs_reply_collect(&slot, 1, true), -ETIMEDOUT);
	ck_assert(!offer(1));			/* late: stale */
	ck_assert_uint_eq(slot.stale, 1);
	xs_reply_expect(&slot, 2);
	/* A wake-up with no answer for 2: wait again. */
	ck_assert_int_eq(xs_reply_collect(&slot, 2, false), -EAGAIN);
	ck_assert(!offer(1));
	ck_assert_int_eq(xs_reply_collect(&slot, 2, false), -EAGAIN);
	ck_assert(offer(2));
	ck_assert_int_eq(xs_reply_collect(&slot, 2, false), 0);
	ck_assert_uint_eq(slot.stale, 2);
}
END_TEST

/*
 * The answer lands just as the wait runs out: it is used, not lost, and
 * the wake-up it still causes is not the next request's answer.
 */
START_TEST(reply_at_the_timeout_is_used)
{
	memset(&slot, 0, sizeof(slot));
	xs_reply_expect(&slot, 7);
	ck_assert(offer(7));
	ck_assert_int_eq(xs_reply_collect(&slot, 7, true), 0);
	xs_reply_expect(&slot, 8);
	ck_assert_int_eq(xs_reply_collect(&slot, 8, false), -EAGAIN);
	ck_assert_int_eq(xs_reply_collect(&slot, 8, true), -ETIMEDOUT);
	ck_assert(!offer(8));			/* too late now */
	ck_assert_uint_eq(slot.stale, 1);
}
END_TEST

/* HVM_PARAM_STORE_PFN/_EVTCHN as Xen and init-dom0less leave them. */
START_TEST(store_params_say_now_later_or_never)
{
	/* Built by a toolstack, or a dom0less page on Xen 4.21. */
	ck_assert_int_eq(xs_store_params(0x39001, 1), 1);
	/* xen,enhanced on Xen 4.17-4.20 before init-dom0less: later. */
	ck_assert_int_eq(xs_store_params(~0ULL, 1), 0);
	/* Unset params: no XenStore, ever. */
	ck_assert_int_eq(xs_store_params(0, 1), -ENOENT);
	ck_assert_int_eq(xs_store_params(0x39001, 0), -ENOENT);
	ck_assert_int_eq(xs_store_params(~0ULL, 0), -ENOENT);
	ck_assert_int_eq(xs_store_params(0, 0), -ENOENT);
}
END_TEST

/*
 * Xen 4.21's dom0less handshake (docs/misc/xenstore-ring.txt, "ring
 * reconnection"): the page starts in XENSTORE_RECONNECT; xenstored, when
 * init-dom0less introduces the domain, empties the ring, advertises its
 * features, sets CONNECTED and notifies.  Until then nothing else in the
 * page counts, not even indices that look like a message.
 */
START_TEST(dom0less_handshake_waits_for_connected)
{
	struct xsd_sockmsg h = { .type = XS_READ, .req_id = 1, .len = 2 };

	reset();
	ring.connection = XENSTORE_RECONNECT;
	ring.rsp_prod = 0x1234;		/* garbage, to be ignored */
	ck_assert_int_eq(xs_ring_connection(&ring), 0);
	ring.server_features = XENSTORE_SERVER_FEATURE_RECONNECTION |
			       XENSTORE_SERVER_FEATURE_ERROR;
	ck_assert_int_eq(xs_ring_connection(&ring), 0);
	/* The server resets the ring, then says connected. */
	ring.rsp_prod = ring.rsp_cons = ring.req_prod = ring.req_cons = 0;
	ring.connection = XENSTORE_CONNECTED;
	ck_assert_int_eq(xs_ring_connection(&ring), 1);
	respond(&h, sizeof(h));
	respond("7", 2);
	ck_assert_int_eq(xs_ring_read_msg(&ring, &msg), 1);
	ck_assert_str_eq(msg.body, "7");
	/* A later reconnection: wait again, whatever the error field says. */
	ring.connection = XENSTORE_RECONNECT;
	ring.error = XENSTORE_ERROR_COMM;
	ck_assert_int_eq(xs_ring_connection(&ring), 0);
	ring.error = XENSTORE_ERROR_NONE;
	ring.connection = XENSTORE_CONNECTED;
	ck_assert_int_eq(xs_ring_connection(&ring), 1);
}
END_TEST

START_TEST(connection_errors_and_old_servers)
{
	/* Xen 4.17's init-dom0less page: RECONNECT before any feature. */
	reset();
	ring.connection = XENSTORE_RECONNECT;
	ck_assert_int_eq(xs_ring_connection(&ring), 0);
	/* A server that reports an error has stopped serving us. */
	reset();
	ring.server_features = XENSTORE_SERVER_FEATURE_ERROR;
	ring.error = XENSTORE_ERROR_RINGIDX;
	ck_assert_int_eq(xs_ring_connection(&ring), -EIO);
	ring.error = 77;		/* values not listed count too */
	ck_assert_int_eq(xs_ring_connection(&ring), -EIO);
	/* ... but the field means nothing unless advertised. */
	ring.server_features = XENSTORE_SERVER_FEATURE_RECONNECTION;
	ck_assert_int_eq(xs_ring_connection(&ring), 1);
	/* An unknown state from a server that knows the field. */
	ring.connection = 2;
	ck_assert_int_eq(xs_ring_connection(&ring), -EIO);
	/* Without the feature the field holds nothing: use the ring. */
	ring.server_features = 0;
	ck_assert_int_eq(xs_ring_connection(&ring), 1);
	/* Unknown feature bits are ignored. */
	ring.connection = XENSTORE_CONNECTED;
	ring.server_features = 0xfffffffc;
	ring.error = 3;
	ck_assert_int_eq(xs_ring_connection(&ring), 1);
}
END_TEST

Suite *xs_wire_suite(void)
{
	Suite *s = suite_create("xenstore-wire");
	TCase *tc = tcase_create("wire");

	tcase_add_test(tc, message_in_pieces);
	tcase_add_test(tc, message_across_the_wrap);
	tcase_add_test(tc, oversized_length_refused);
	tcase_add_test(tc, unknown_type_refused);
	tcase_add_test(tc, hostile_rsp_prod_refused);
	tcase_add_test(tc, request_ring_full_and_hostile);
	tcase_add_test(tc, error_strings);
	tcase_add_test(tc, every_xen_error_string);
	tcase_add_test(tc, watch_events);
	tcase_add_test(tc, directory_names);
	tcase_add_test(tc, numbers_from_values);
	tcase_add_test(tc, numbers_at_every_boundary);
	tcase_add_test(tc, xenbus_frontend_steps);
	tcase_add_test(tc, reply_matched_to_its_request);
	tcase_add_test(tc, late_reply_is_not_the_next_answer);
	tcase_add_test(tc, reply_at_the_timeout_is_used);
	tcase_add_test(tc, store_params_say_now_later_or_never);
	tcase_add_test(tc, dom0less_handshake_waits_for_connected);
	tcase_add_test(tc, connection_errors_and_old_servers);
	suite_add_tcase(s, tc);
	return s;
}
