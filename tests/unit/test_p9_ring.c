/*
 * The 9pfs transport's byte rings (frontends/p9_ring.c): sizes, the
 * wraparound of bytes and of the free-running indices, and a hostile
 * backend's in_prod and out_cons that claim more than a ring holds.
 */
#include <errno.h>
#include <string.h>

#include "helpers.h"
#include "frontends/p9_ring.h"

static union {
	uint8_t bytes[4096];
	struct xen_9pfs_data_intf intf;
} page __attribute__((aligned(4096)));
/* Order 0: two 2 KiB rings in one page. */
static uint8_t data[4096];
static struct p9_ring r;

static void setup(void)
{
	memset(&page, 0xa5, sizeof(page));
	memset(data, 0, sizeof(data));
	p9_ring_init(&r, &page.intf, data, 0);
}

START_TEST(sizes_and_orders)
{
	ck_assert_uint_eq(p9_ring_size(0), 2048);
	ck_assert_uint_eq(p9_ring_size(4), 32768);
	ck_assert_uint_eq(p9_ring_size(P9_RING_ORDER_MAX), 1u << 20);
	ck_assert_uint_eq(p9_ring_order(9, 4), 4);
	ck_assert_uint_eq(p9_ring_order(2, 4), 2);
	ck_assert_uint_eq(p9_ring_order(30, 30), P9_RING_ORDER_MAX);
	/* The refs of the largest order fit the interface page. */
	ck_assert_uint_le(sizeof(struct xen_9pfs_data_intf) +
			  (1u << P9_RING_ORDER_MAX) * sizeof(grant_ref_t),
			  4096);
}
END_TEST

START_TEST(init_zeroes_shared_indices)
{
	ck_assert_uint_eq(page.intf.in_cons, 0);
	ck_assert_uint_eq(page.intf.in_prod, 0);
	ck_assert_uint_eq(page.intf.out_cons, 0);
	ck_assert_uint_eq(page.intf.out_prod, 0);
	ck_assert_uint_eq(page.intf.ring_order, 0);
	ck_assert_ptr_eq(r.in, data);
	ck_assert_ptr_eq(r.out, data + 2048);
	ck_assert_uint_eq(r.size, 2048);
}
END_TEST

START_TEST(used_bounds)
{
	ck_assert_int_eq(p9_ring_used(0, 0, 2048), 0);
	ck_assert_int_eq(p9_ring_used(2048, 0, 2048), 2048);
	ck_assert_int_eq(p9_ring_used(2049, 0, 2048), P9_RING_CORRUPT);
	/* prod behind cons */
	ck_assert_int_eq(p9_ring_used(9, 10, 2048), P9_RING_CORRUPT);
	/* across the indices' wrap */
	ck_assert_int_eq(p9_ring_used(5, 0xfffffffbu, 2048), 10);
	ck_assert_int_eq(p9_ring_used(0x7ff, 0xffffffffu, 2048), 2048);
	ck_assert_int_eq(p9_ring_used(0x800, 0xffffffffu, 2048),
			 P9_RING_CORRUPT);
}
END_TEST

START_TEST(put_get_wrap)
{
	uint8_t ring[16], out[8];

	memset(ring, 0, sizeof(ring));
	p9_ring_put(ring, 16, 16 * 5 + 13, "abcdefgh", 8);
	ck_assert_mem_eq(ring + 13, "abc", 3);
	ck_assert_mem_eq(ring, "defgh", 5);
	p9_ring_get(ring, 16, 0xfffffffdu, out, 8);
	ck_assert_mem_eq(out, "abcdefgh", 8);
}
END_TEST

START_TEST(send_until_full_then_more)
{
	uint8_t msg[3000];
	unsigned int i;

	for (i = 0; i < sizeof(msg); i++)
		msg[i] = (uint8_t)i;
	ck_assert_int_eq(p9_ring_send(&r, msg, sizeof(msg)), 2048);
	ck_assert_uint_eq(page.intf.out_prod, 2048);
	ck_assert_mem_eq(r.out, msg, 2048);
	ck_assert_int_eq(p9_ring_send(&r, msg + 2048, 952), 0);
	/* The backend takes 1000 bytes. */
	page.intf.out_cons = 1000;
	ck_assert_int_eq(p9_ring_send(&r, msg + 2048, 952), 952);
	ck_assert_uint_eq(page.intf.out_prod, 3000);
	ck_assert_mem_eq(r.out, msg + 2048, 952);
}
END_TEST

START_TEST(send_hostile_out_cons)
{
	ck_assert_int_eq(p9_ring_send(&r, "abc", 3), 3);
	/* Consumed more than we produced. */
	page.intf.out_cons = 4;
	ck_assert_int_eq(p9_ring_send(&r, "d", 1), P9_RING_CORRUPT);
	/* Far behind: more than the ring outstanding. */
	page.intf.out_cons = 3 - 2049;
	ck_assert_int_eq(p9_ring_send(&r, "d", 1), P9_RING_CORRUPT);
	ck_assert_uint_eq(r.out_prod, 3);
	ck_assert_uint_eq(page.intf.out_prod, 3);
}
END_TEST

START_TEST(own_index_not_read_back)
{
	ck_assert_int_eq(p9_ring_send(&r, "abc", 3), 3);
	/* The backend scribbles our producer index: we keep ours. */
	page.intf.out_prod = 1000;
	page.intf.out_cons = 3;
	ck_assert_int_eq(p9_ring_send(&r, "de", 2), 2);
	ck_assert_uint_eq(page.intf.out_prod, 5);
	ck_assert_mem_eq(r.out + 3, "de", 2);
}
END_TEST

START_TEST(recv_with_wrap)
{
	uint8_t buf[16];

	/* The backend's indices near the 32-bit wrap. */
	r.in_cons = page.intf.in_cons = 0xfffffffeu;
	p9_ring_put(r.in, r.size, 0xfffffffeu, "hello", 5);
	page.intf.in_prod = 3;
	ck_assert_int_eq(p9_ring_recv(&r, buf, 2), 2);
	ck_assert_mem_eq(buf, "he", 2);
	ck_assert_uint_eq(page.intf.in_cons, 0);
	ck_assert_int_eq(p9_ring_recv(&r, buf, sizeof(buf)), 3);
	ck_assert_mem_eq(buf, "llo", 3);
	ck_assert_int_eq(p9_ring_recv(&r, buf, sizeof(buf)), 0);
}
END_TEST

START_TEST(recv_hostile_in_prod)
{
	uint8_t buf[16];

	page.intf.in_prod = 2049;
	ck_assert_int_eq(p9_ring_recv(&r, buf, sizeof(buf)), P9_RING_CORRUPT);
	page.intf.in_prod = 0xffffffffu;
	ck_assert_int_eq(p9_ring_recv(&r, buf, sizeof(buf)), P9_RING_CORRUPT);
	ck_assert_uint_eq(r.in_cons, 0);
	ck_assert_uint_eq(page.intf.in_cons, 0);
	/* A full ring is not corrupt. */
	page.intf.in_prod = 2048;
	ck_assert_int_eq(p9_ring_recv(&r, buf, sizeof(buf)), 16);
}
END_TEST

Suite *p9_ring_suite(void)
{
	Suite *s = suite_create("p9_ring");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, sizes_and_orders);
	tcase_add_test(tc, init_zeroes_shared_indices);
	tcase_add_test(tc, used_bounds);
	tcase_add_test(tc, put_get_wrap);
	tcase_add_test(tc, send_until_full_then_more);
	tcase_add_test(tc, send_hostile_out_cons);
	tcase_add_test(tc, own_index_not_read_back);
	tcase_add_test(tc, recv_with_wrap);
	tcase_add_test(tc, recv_hostile_in_prod);
	suite_add_tcase(s, tc);
	return s;
}
