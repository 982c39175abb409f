/*
 * The PV network rings' response checks (frontends/netif_ring.c) against a
 * backend that behaves and one that does not.  Ring sizes follow from
 * io/ring.h on a 4 KiB page: 256 slots for TX and RX alike.
 */
#include <string.h>

#include "helpers.h"
#include "frontends/netif_ring.h"

#define MTU_FRAME	1514

static struct netif_ids ids;
static struct netif_rx_frame frame;
static struct netif_rx_slot slot;

static void reset(void)
{
	memset(&ids, 0, sizeof(ids));
	memset(&frame, 0, sizeof(frame));
	memset(&slot, 0xee, sizeof(slot));
}

static struct netif_tx_response tx(uint16_t id, int16_t status)
{
	struct netif_tx_response r = { .id = id, .status = status };

	return r;
}

static struct netif_rx_response rx(uint16_t id, uint16_t offset,
				   uint16_t flags, int16_t status)
{
	struct netif_rx_response r = {
		.id = id, .offset = offset, .flags = flags, .status = status,
	};

	return r;
}

/* A GSO extra-info slot: TCP over IPv4 (or gso_type), segments of size. */
static struct netif_rx_response gso(uint8_t gso_type, uint16_t size,
				    uint8_t flags)
{
	struct netif_extra_info e = {
		.type = XEN_NETIF_EXTRA_TYPE_GSO, .flags = flags,
		.u.gso = { .size = size, .type = gso_type },
	};
	struct netif_rx_response r;

	memcpy(&r, &e, sizeof(r));
	return r;
}

/* An extra-info slot, as netback lays it over a response. */
static struct netif_rx_response extra(uint8_t type, uint8_t flags)
{
	struct netif_extra_info e = { .type = type, .flags = flags };
	struct netif_rx_response r;

	memcpy(&r, &e, sizeof(r));
	return r;
}

START_TEST(sizes_follow_ring_h)
{
	ck_assert_uint_eq(NETIF_TX_RING_SIZE, 256);
	ck_assert_uint_eq(NETIF_RX_RING_SIZE, 256);
}
END_TEST

START_TEST(ready_counts_published_responses)
{
	RING_IDX prod = 3;

	ck_assert_int_eq(netif_ring_ready(&prod, 0, 5, 256), 3);
	ck_assert_int_eq(netif_ring_ready(&prod, 3, 5, 256), 0);
	/* Free-running indices: wrapping must not matter. */
	prod = 2;
	ck_assert_int_eq(netif_ring_ready(&prod, 0xfffffffe, 4, 256), 4);
}
END_TEST

START_TEST(ready_refuses_a_lying_producer)
{
	RING_IDX prod = 6;

	/* More answers than requests. */
	ck_assert_int_eq(netif_ring_ready(&prod, 0, 5, 256),
			 NETIF_RING_CORRUPT);
	/* Behind the consumer. */
	prod = 1;
	ck_assert_int_eq(netif_ring_ready(&prod, 2, 5, 256),
			 NETIF_RING_CORRUPT);
	/* More than the ring, even had we asked (our own bug). */
	prod = 300;
	ck_assert_int_eq(netif_ring_ready(&prod, 0, 300, 256),
			 NETIF_RING_CORRUPT);
}
END_TEST

START_TEST(tx_statuses)
{
	uint16_t id = 999;

	reset();
	netif_ids_set(&ids, 3);
	netif_ids_set(&ids, 4);
	netif_ids_set(&ids, 5);
	ck_assert_int_eq(netif_tx_response(tx(3, NETIF_RSP_OKAY), &ids, &id),
			 0);
	ck_assert_uint_eq(id, 3);
	ck_assert_int_eq(netif_tx_response(tx(4, NETIF_RSP_ERROR), &ids, &id),
			 -EIO);
	ck_assert_uint_eq(id, 4);
	ck_assert_int_eq(netif_tx_response(tx(5, NETIF_RSP_DROPPED), &ids,
					   &id), -ENOBUFS);
	ck_assert_uint_eq(id, 5);
	ck_assert_uint_eq(netif_ids_count(&ids), 0);
}
END_TEST

START_TEST(tx_null_frees_nothing)
{
	uint16_t id = 999;

	reset();
	netif_ids_set(&ids, 7);
	ck_assert_int_eq(netif_tx_response(tx(7, NETIF_RSP_NULL), &ids, &id),
			 NETIF_TX_SKIP);
	ck_assert_uint_eq(id, 999);
	ck_assert(netif_ids_test(&ids, 7));
}
END_TEST

START_TEST(tx_hostile_ids_and_statuses)
{
	uint16_t id = 999;

	reset();
	netif_ids_set(&ids, 1);
	/* Not outstanding; beyond the ring; a status nobody defined. */
	ck_assert_int_eq(netif_tx_response(tx(2, 0), &ids, &id),
			 NETIF_RING_CORRUPT);
	ck_assert_int_eq(netif_tx_response(tx(256, 0), &ids, &id),
			 NETIF_RING_CORRUPT);
	ck_assert_int_eq(netif_tx_response(tx(0xffff, 0), &ids, &id),
			 NETIF_RING_CORRUPT);
	ck_assert_int_eq(netif_tx_response(tx(1, -3), &ids, &id),
			 NETIF_RING_CORRUPT);
	ck_assert_int_eq(netif_tx_response(tx(1, 2), &ids, &id),
			 NETIF_RING_CORRUPT);
	ck_assert_uint_eq(id, 999);
	ck_assert(netif_ids_test(&ids, 1));
	/* Answered twice: the second is a lie. */
	ck_assert_int_eq(netif_tx_response(tx(1, 0), &ids, &id), 0);
	ck_assert_int_eq(netif_tx_response(tx(1, 0), &ids, &id),
			 NETIF_RING_CORRUPT);
}
END_TEST

START_TEST(rx_one_slot_frame)
{
	reset();
	netif_ids_set(&ids, 10);
	ck_assert_int_eq(netif_rx_response(&frame, 10, rx(10, 0, 0, 60), &ids,
					   MTU_FRAME, &slot), 0);
	ck_assert_uint_eq(slot.id, 10);
	ck_assert_uint_eq(slot.offset, 0);
	ck_assert_uint_eq(slot.size, 60);
	ck_assert_uint_eq(slot.frame_len, 60);
	ck_assert(!netif_ids_test(&ids, 10));
	/* The ring index wraps; the id is the slot's. */
	netif_ids_set(&ids, 1);
	ck_assert_int_eq(netif_rx_response(&frame, 257, rx(1, 100, 0, 42),
					   &ids, MTU_FRAME, &slot), 0);
	ck_assert_uint_eq(slot.frame_len, 42);
}
END_TEST

START_TEST(rx_chain_of_slots)
{
	reset();
	netif_ids_set(&ids, 0);
	netif_ids_set(&ids, 1);
	ck_assert_int_eq(netif_rx_response(&frame, 0,
					   rx(0, 0, NETRXF_more_data, 1000),
					   &ids, MTU_FRAME, &slot),
			 NETIF_RX_MORE);
	ck_assert_uint_eq(slot.size, 1000);
	ck_assert_int_eq(netif_rx_response(&frame, 1, rx(1, 0, 0, 514), &ids,
					   MTU_FRAME, &slot), 0);
	ck_assert_uint_eq(slot.size, 514);
	ck_assert_uint_eq(slot.frame_len, 1514);
}
END_TEST

START_TEST(rx_extra_info_is_consumed)
{
	reset();
	netif_ids_set(&ids, 0);
	netif_ids_set(&ids, 1);
	netif_ids_set(&ids, 2);
	netif_ids_set(&ids, 3);
	/* A frame, two extra slots (GSO, then a hash), a second data slot. */
	ck_assert_int_eq(netif_rx_response(&frame, 0,
			rx(0, 0, NETRXF_extra_info | NETRXF_more_data, 100),
			&ids, MTU_FRAME, &slot), NETIF_RX_MORE);
	ck_assert_int_eq(netif_rx_response(&frame, 1,
			gso(XEN_NETIF_GSO_TYPE_TCPV4, 1448,
			    XEN_NETIF_EXTRA_FLAG_MORE),
			&ids, MTU_FRAME, &slot), NETIF_RX_MORE);
	ck_assert_uint_eq(slot.id, 1);
	ck_assert_uint_eq(slot.size, 0);
	ck_assert_int_eq(netif_rx_response(&frame, 2,
			extra(XEN_NETIF_EXTRA_TYPE_HASH, 0),
			&ids, MTU_FRAME, &slot), NETIF_RX_MORE);
	ck_assert_uint_eq(slot.id, 2);
	ck_assert_int_eq(netif_rx_response(&frame, 3, rx(3, 0, 0, 50), &ids,
					   MTU_FRAME, &slot), 0);
	ck_assert_uint_eq(slot.frame_len, 150);
	ck_assert_uint_eq(slot.gso_size, 1448);
	ck_assert_uint_eq(netif_ids_count(&ids), 0);
}
END_TEST

/*
 * A large TCP frame as netback sends it to a frontend with
 * feature-gso-tcpv4: a first slot with the checksum flags and extra_info,
 * the GSO slot, then full pages.  Its size and flags come out at the end.
 */
START_TEST(rx_gso_frame)
{
	unsigned int i;
	const uint16_t first = NETRXF_csum_blank | NETRXF_data_validated |
			       NETRXF_extra_info | NETRXF_more_data;

	reset();
	for (i = 0; i < 18; i++)
		netif_ids_set(&ids, i);
	ck_assert_int_eq(netif_rx_response(&frame, 0, rx(0, 0, first, 4096),
					   &ids, 65535, &slot), NETIF_RX_MORE);
	ck_assert_int_eq(netif_rx_response(&frame, 1,
			gso(XEN_NETIF_GSO_TYPE_TCPV4, 1448, 0), &ids, 65535,
			&slot), NETIF_RX_MORE);
	for (i = 2; i < 17; i++)
		ck_assert_int_eq(netif_rx_response(&frame, i,
				rx((uint16_t)i, 0, i < 16 ? NETRXF_more_data : 0,
				   i < 16 ? 4096 : 3000),
				&ids, 65535, &slot),
				 i < 16 ? NETIF_RX_MORE : 0);
	ck_assert_uint_eq(slot.frame_len, 15 * 4096 + 3000);
	ck_assert_uint_eq(slot.gso_size, 1448);
	ck_assert_uint_eq(slot.csum_flags,
			  NETRXF_csum_blank | NETRXF_data_validated);
	/* The next frame starts with no GSO and no flags. */
	ck_assert_int_eq(netif_rx_response(&frame, 17, rx(17, 0, 0, 60), &ids,
					   65535, &slot), 0);
	ck_assert_uint_eq(slot.gso_size, 0);
	ck_assert_uint_eq(slot.csum_flags, 0);
}
END_TEST

/* A hostile backend's GSO slots: IPv6, an unknown type, size 0. */
START_TEST(rx_gso_hostile)
{
	static const struct { uint8_t type; uint16_t size; } bad[] = {
		{ XEN_NETIF_GSO_TYPE_TCPV6, 1448 },
		{ 7, 1448 },
		{ XEN_NETIF_GSO_TYPE_NONE, 1448 },
		{ XEN_NETIF_GSO_TYPE_TCPV4, 0 },
	};
	unsigned int i;

	reset();
	for (i = 0; i < 4; i++) {
		netif_ids_set(&ids, 2 * i);
		netif_ids_set(&ids, 2 * i + 1);
		ck_assert_int_eq(netif_rx_response(&frame, 2 * i,
				rx((uint16_t)(2 * i), 0, NETRXF_extra_info, 100),
				&ids, 65535, &slot), NETIF_RX_MORE);
		ck_assert_int_eq(netif_rx_response(&frame, 2 * i + 1,
				gso(bad[i].type, bad[i].size, 0), &ids, 65535,
				&slot), -EINVAL);
		ck_assert_uint_eq(slot.gso_size, 0);
		ck_assert_uint_eq(slot.frame_len, 0);
	}
	/* Checksum flags on a later slot are not the frame's. */
	netif_ids_set(&ids, 8);
	netif_ids_set(&ids, 9);
	netif_rx_response(&frame, 8, rx(8, 0, NETRXF_more_data, 10), &ids,
			  65535, &slot);
	ck_assert_int_eq(netif_rx_response(&frame, 9,
			rx(9, 0, NETRXF_data_validated, 10), &ids, 65535,
			&slot), 0);
	ck_assert_uint_eq(slot.csum_flags, 0);
}
END_TEST

/* extra_info without more_data: the frame ends after its extras. */
START_TEST(rx_frame_ends_after_extras)
{
	reset();
	netif_ids_set(&ids, 0);
	netif_ids_set(&ids, 1);
	ck_assert_int_eq(netif_rx_response(&frame, 0,
			rx(0, 0, NETRXF_extra_info, 64), &ids, MTU_FRAME,
			&slot), NETIF_RX_MORE);
	ck_assert_int_eq(netif_rx_response(&frame, 1,
			extra(XEN_NETIF_EXTRA_TYPE_MCAST_ADD, 0), &ids,
			MTU_FRAME, &slot), 0);
	ck_assert_uint_eq(slot.frame_len, 64);
}
END_TEST

START_TEST(rx_bad_extra_type_drops_frame)
{
	reset();
	netif_ids_set(&ids, 0);
	netif_ids_set(&ids, 1);
	netif_rx_response(&frame, 0, rx(0, 0, NETRXF_extra_info, 64), &ids,
			  MTU_FRAME, &slot);
	ck_assert_int_eq(netif_rx_response(&frame, 1, extra(9, 0), &ids,
					   MTU_FRAME, &slot), -EINVAL);
	ck_assert_uint_eq(slot.id, 1);
	/* The next frame starts clean. */
	netif_ids_set(&ids, 2);
	ck_assert_int_eq(netif_rx_response(&frame, 2, rx(2, 0, 0, 60), &ids,
					   MTU_FRAME, &slot), 0);
}
END_TEST

START_TEST(rx_error_status_drops_whole_chain)
{
	reset();
	netif_ids_set(&ids, 0);
	netif_ids_set(&ids, 1);
	ck_assert_int_eq(netif_rx_response(&frame, 0,
			rx(0, 0, NETRXF_more_data, NETIF_RSP_ERROR), &ids,
			MTU_FRAME, &slot), NETIF_RX_MORE);
	ck_assert_uint_eq(slot.size, 0);
	ck_assert_int_eq(netif_rx_response(&frame, 1, rx(1, 0, 0, 100), &ids,
					   MTU_FRAME, &slot), -EIO);
	/* Data after a failure is not handed out. */
	ck_assert_uint_eq(slot.size, 0);
	ck_assert_uint_eq(slot.id, 1);
}
END_TEST

START_TEST(rx_size_beyond_page)
{
	reset();
	netif_ids_set(&ids, 0);
	netif_ids_set(&ids, 1);
	ck_assert_int_eq(netif_rx_response(&frame, 0, rx(0, 4000, 0, 97), &ids,
					   8192, &slot), -EINVAL);
	ck_assert_uint_eq(slot.size, 0);
	/* offset + size == 4096 exactly is fine. */
	ck_assert_int_eq(netif_rx_response(&frame, 1, rx(1, 4000, 0, 96), &ids,
					   8192, &slot), 0);
	ck_assert_uint_eq(slot.size, 96);
}
END_TEST

START_TEST(rx_frame_too_long)
{
	unsigned int i;

	reset();
	netif_ids_set(&ids, 0);
	ck_assert_int_eq(netif_rx_response(&frame, 0, rx(0, 0, 0, 1515), &ids,
					   MTU_FRAME, &slot), -EMSGSIZE);
	/* A chain longer than NETIF_RX_MAX_SLOTS, of small slots. */
	for (i = 1; i <= NETIF_RX_MAX_SLOTS + 1; i++) {
		uint16_t more = i <= NETIF_RX_MAX_SLOTS ? NETRXF_more_data : 0;

		netif_ids_set(&ids, i);
		ck_assert_int_eq(netif_rx_response(&frame, i,
						   rx((uint16_t)i, 0, more, 1),
						   &ids, MTU_FRAME, &slot),
				 more ? NETIF_RX_MORE : -EMSGSIZE);
	}
}
END_TEST

START_TEST(rx_hostile_ids)
{
	reset();
	netif_ids_set(&ids, 5);
	/* The id must be the request's at that index. */
	ck_assert_int_eq(netif_rx_response(&frame, 5, rx(6, 0, 0, 60), &ids,
					   MTU_FRAME, &slot),
			 NETIF_RING_CORRUPT);
	/* A slot we never posted (or answered already). */
	ck_assert_int_eq(netif_rx_response(&frame, 4, rx(4, 0, 0, 60), &ids,
					   MTU_FRAME, &slot),
			 NETIF_RING_CORRUPT);
	ck_assert(netif_ids_test(&ids, 5));
	ck_assert(!frame.started);
	ck_assert_int_eq(netif_rx_response(&frame, 5, rx(5, 0, 0, 60), &ids,
					   MTU_FRAME, &slot), 0);
	ck_assert_int_eq(netif_rx_response(&frame, 5, rx(5, 0, 0, 60), &ids,
					   MTU_FRAME, &slot),
			 NETIF_RING_CORRUPT);
}
END_TEST

START_TEST(rx_flags_out_of_place)
{
	reset();
	netif_ids_set(&ids, 0);
	netif_ids_set(&ids, 1);
	/* extra_info on a later slot, then a GSO prefix: both refused. */
	netif_rx_response(&frame, 0, rx(0, 0, NETRXF_more_data, 10), &ids,
			  MTU_FRAME, &slot);
	ck_assert_int_eq(netif_rx_response(&frame, 1,
					   rx(1, 0, NETRXF_extra_info, 10),
					   &ids, MTU_FRAME, &slot), -EINVAL);
	netif_ids_set(&ids, 2);
	ck_assert_int_eq(netif_rx_response(&frame, 2,
					   rx(2, 0, NETRXF_gso_prefix, 10),
					   &ids, MTU_FRAME, &slot), -EINVAL);
	/* Checksum flags are only information. */
	netif_ids_set(&ids, 3);
	ck_assert_int_eq(netif_rx_response(&frame, 3,
			rx(3, 0, NETRXF_data_validated | NETRXF_csum_blank, 10),
			&ids, MTU_FRAME, &slot), 0);
}
END_TEST

Suite *netif_ring_suite(void)
{
	Suite *s = suite_create("netif-ring");
	TCase *tc = tcase_create("ring");

	tcase_add_test(tc, sizes_follow_ring_h);
	tcase_add_test(tc, ready_counts_published_responses);
	tcase_add_test(tc, ready_refuses_a_lying_producer);
	tcase_add_test(tc, tx_statuses);
	tcase_add_test(tc, tx_null_frees_nothing);
	tcase_add_test(tc, tx_hostile_ids_and_statuses);
	tcase_add_test(tc, rx_one_slot_frame);
	tcase_add_test(tc, rx_chain_of_slots);
	tcase_add_test(tc, rx_extra_info_is_consumed);
	tcase_add_test(tc, rx_frame_ends_after_extras);
	tcase_add_test(tc, rx_gso_frame);
	tcase_add_test(tc, rx_gso_hostile);
	tcase_add_test(tc, rx_bad_extra_type_drops_frame);
	tcase_add_test(tc, rx_error_status_drops_whole_chain);
	tcase_add_test(tc, rx_size_beyond_page);
	tcase_add_test(tc, rx_frame_too_long);
	tcase_add_test(tc, rx_hostile_ids);
	tcase_add_test(tc, rx_flags_out_of_place);
	suite_add_tcase(s, tc);
	return s;
}
