/*
 * The checks blkfront makes on every blkif response (frontends/blkif_ring.c):
 * a hostile backend's producer index, ids and statuses, and the slots
 * (request ids) handed out for the requests in flight.
 */
#include <errno.h>
#include <string.h>

#include "helpers.h"
#include "frontends/blkif_ring.h"

static struct blkif_tracker t;

static struct blkif_response response(uint64_t id, uint8_t op,
				      int16_t status)
{
	struct blkif_response r;

	memset(&r, 0, sizeof(r));
	r.id = id;
	r.operation = op;
	r.status = status;
	return r;
}

START_TEST(slots_until_full_then_ebusy)
{
	uint64_t id, ids[32];
	unsigned int i;

	memset(&t, 0xa5, sizeof(t));	/* init must not rely on 0s */
	blkif_tracker_init(&t, 32);
	for (i = 0; i < 32; i++) {
		ck_assert_int_ge(blkif_tracker_take(&t, BLKIF_OP_READ, false,
						    &ids[i]), 0);
	}
	ck_assert_int_eq(blkif_tracker_take(&t, BLKIF_OP_READ, false, &id),
			 -EBUSY);
	ck_assert_uint_eq(t.busy, 32);
	/* Every id different. */
	for (i = 1; i < 32; i++)
		ck_assert(ids[i] != ids[i - 1]);
}
END_TEST

START_TEST(size_capped_at_slots_max)
{
	blkif_tracker_init(&t, BLKIF_SLOTS_MAX * 4);
	ck_assert_uint_eq(t.size, BLKIF_SLOTS_MAX);
}
END_TEST

START_TEST(response_completes_its_request_once)
{
	struct blkif_response r;
	unsigned int slot = 999;
	uint64_t id;
	int s;

	blkif_tracker_init(&t, 32);
	s = blkif_tracker_take(&t, BLKIF_OP_WRITE, false, &id);
	ck_assert_int_ge(s, 0);
	r = response(id, BLKIF_OP_WRITE, BLKIF_RSP_OKAY);
	ck_assert_int_eq(blkif_response_check(&t, &r, &slot), 0);
	ck_assert_uint_eq(slot, (unsigned int)s);
	ck_assert_uint_eq(t.busy, 0);
	/* The same response again: no request is in flight for it. */
	slot = 999;
	ck_assert_int_eq(blkif_response_check(&t, &r, &slot), -EPROTO);
	ck_assert_uint_eq(slot, 999);
}
END_TEST

START_TEST(stale_id_for_a_reused_slot_refused)
{
	struct blkif_response r;
	uint64_t first, second;
	unsigned int slot;

	blkif_tracker_init(&t, 1);	/* one slot: it must be reused */
	ck_assert_int_eq(blkif_tracker_take(&t, BLKIF_OP_READ, false,
					    &first), 0);
	r = response(first, BLKIF_OP_READ, BLKIF_RSP_OKAY);
	ck_assert_int_eq(blkif_response_check(&t, &r, &slot), 0);
	ck_assert_int_eq(blkif_tracker_take(&t, BLKIF_OP_READ, false,
					    &second), 0);
	ck_assert(first != second);
	/* A replay of the first response must not complete the second. */
	ck_assert_int_eq(blkif_response_check(&t, &r, &slot), -EPROTO);
	ck_assert_uint_eq(t.busy, 1);
}
END_TEST

START_TEST(ids_out_of_range_refused)
{
	static const uint64_t bad[] = {
		32, 0xffff, 0x10000 | 40, ~0ULL, 1ULL << 40, 1ULL << 63,
	};
	struct blkif_response r;
	unsigned int i, slot;
	uint64_t id;

	blkif_tracker_init(&t, 32);
	ck_assert_int_ge(blkif_tracker_take(&t, BLKIF_OP_READ, false, &id),
			 0);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		r = response(bad[i], BLKIF_OP_READ, BLKIF_RSP_OKAY);
		ck_assert_int_eq(blkif_response_check(&t, &r, &slot),
				 -EPROTO);
	}
	ck_assert_uint_eq(t.busy, 1);
}
END_TEST

START_TEST(status_decides_the_request)
{
	static const struct {
		int16_t status;
		int result;
	} cases[] = {
		{ BLKIF_RSP_OKAY, 0 },
		{ BLKIF_RSP_ERROR, -EIO },
		{ BLKIF_RSP_EOPNOTSUPP, -EOPNOTSUPP },
		{ 7, -EIO },
		{ -32768, -EIO },
	};
	struct blkif_response r;
	unsigned int i, slot;
	uint64_t id;

	blkif_tracker_init(&t, 32);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ck_assert_int_ge(blkif_tracker_take(&t, BLKIF_OP_READ, false,
						    &id), 0);
		r = response(id, BLKIF_OP_READ, cases[i].status);
		ck_assert_int_eq(blkif_response_check(&t, &r, &slot),
				 cases[i].result);
	}
	ck_assert_uint_eq(t.busy, 0);
}
END_TEST

START_TEST(operation_must_match)
{
	struct blkif_response r;
	unsigned int slot;
	uint64_t id;

	blkif_tracker_init(&t, 32);
	ck_assert_int_ge(blkif_tracker_take(&t, BLKIF_OP_READ, false, &id), 0);
	r = response(id, BLKIF_OP_WRITE, BLKIF_RSP_OKAY);
	ck_assert_int_eq(blkif_response_check(&t, &r, &slot), -EIO);
	/* A direct request answered as an indirect one: wrong too. */
	ck_assert_int_ge(blkif_tracker_take(&t, BLKIF_OP_READ, false, &id), 0);
	r = response(id, BLKIF_OP_INDIRECT, BLKIF_RSP_OKAY);
	ck_assert_int_eq(blkif_response_check(&t, &r, &slot), -EIO);
	/* An indirect one may come back under either name. */
	ck_assert_int_ge(blkif_tracker_take(&t, BLKIF_OP_READ, true, &id), 0);
	r = response(id, BLKIF_OP_INDIRECT, BLKIF_RSP_OKAY);
	ck_assert_int_eq(blkif_response_check(&t, &r, &slot), 0);
	ck_assert_int_ge(blkif_tracker_take(&t, BLKIF_OP_READ, true, &id), 0);
	r = response(id, BLKIF_OP_READ, BLKIF_RSP_OKAY);
	ck_assert_int_eq(blkif_response_check(&t, &r, &slot), 0);
	ck_assert_uint_eq(t.busy, 0);
}
END_TEST

START_TEST(producer_index_bounded_by_requests)
{
	/* 3 requests out, none answered. */
	ck_assert_int_eq(blkif_responses_ready(10, 10, 13), 0);
	ck_assert_int_eq(blkif_responses_ready(13, 10, 13), 3);
	ck_assert_int_eq(blkif_responses_ready(14, 10, 13), -EPROTO);
	/* Going backwards is a huge unsigned distance. */
	ck_assert_int_eq(blkif_responses_ready(9, 10, 13), -EPROTO);
	/* Right across the 32-bit wrap. */
	ck_assert_int_eq(blkif_responses_ready(2, 0xfffffffeu, 3), 4);
	ck_assert_int_eq(blkif_responses_ready(4, 0xfffffffeu, 3), -EPROTO);
}
END_TEST

START_TEST(release_frees_only_busy_slots)
{
	uint64_t id;
	int s;

	blkif_tracker_init(&t, 4);
	s = blkif_tracker_take(&t, BLKIF_OP_READ, false, &id);
	blkif_tracker_release(&t, (unsigned int)s);
	ck_assert_uint_eq(t.busy, 0);
	blkif_tracker_release(&t, (unsigned int)s);
	blkif_tracker_release(&t, 1000);
	ck_assert_uint_eq(t.busy, 0);
}
END_TEST

Suite *blkif_ring_suite(void)
{
	Suite *s = suite_create("blkif_ring");
	TCase *tc = tcase_create("responses");

	tcase_add_test(tc, slots_until_full_then_ebusy);
	tcase_add_test(tc, size_capped_at_slots_max);
	tcase_add_test(tc, response_completes_its_request_once);
	tcase_add_test(tc, stale_id_for_a_reused_slot_refused);
	tcase_add_test(tc, ids_out_of_range_refused);
	tcase_add_test(tc, status_decides_the_request);
	tcase_add_test(tc, operation_must_match);
	tcase_add_test(tc, producer_index_bounded_by_requests);
	tcase_add_test(tc, release_frees_only_busy_slots);
	suite_add_tcase(s, tc);
	return s;
}
