/*
 * TCP segmentation offload's bookkeeping (net/tso.c): a peer's MSS
 * option raised in its SYN with the checksum still right (checked by
 * summing the datagram, RFC 1071), what it asked for kept per
 * connection and found again from our segments' headers, our own SYN's
 * option lowered to the wire's, and hostile options refused.
 */
#include <string.h>

#include "helpers.h"
#include "kernel/errno.h"
#include "net/tso.h"

static struct net_tso_table table;

/* The TCP checksum over pseudo-header and segment: 0xffff when right. */
static uint16_t verify(const uint8_t *ip, size_t len)
{
	uint32_t sum = inet_sum16(0, ip + 12, 8) + 6 + (uint32_t)(len - 20);

	return inet_fold(inet_sum16(sum, ip + 20, len - 20));
}

/* Set the checksum so that verify() says right. */
static void seal(uint8_t *ip, size_t len)
{
	uint16_t c;

	ip[36] = ip[37] = 0;
	c = (uint16_t)~verify(ip, len);
	ip[36] = (uint8_t)(c >> 8);
	ip[37] = (uint8_t)c;
}

/*
 * An IPv4 TCP segment from 10.0.0.1:port to 10.0.0.2:80 with flags and
 * options (olen bytes, a multiple of 4) and 3 bytes of data (an odd
 * length: the sum's padding byte is at work).
 */
static size_t segment(uint8_t *ip, uint16_t port, uint8_t flags,
		      const uint8_t *opts, size_t olen)
{
	size_t len = 20 + 20 + olen + 3;

	memset(ip, 0, len);
	ip[0] = 0x45;
	ip[2] = (uint8_t)(len >> 8);
	ip[3] = (uint8_t)len;
	ip[8] = 64;
	ip[9] = 6;
	memcpy(ip + 12, (uint8_t[]){ 10, 0, 0, 1, 10, 0, 0, 2 }, 8);
	ip[20] = (uint8_t)(port >> 8);
	ip[21] = (uint8_t)port;
	ip[23] = 80;
	ip[32] = (uint8_t)((20 + olen) / 4 << 4);
	ip[33] = flags;
	if (olen)
		memcpy(ip + 40, opts, olen);
	ip[40 + olen] = 0xab;
	ip[41 + olen] = 0xcd;
	ip[42 + olen] = 0xef;
	seal(ip, len);
	return len;
}

/* The same connection, as our segments to the peer carry it. */
static size_t reply(uint8_t *ip, uint16_t port)
{
	uint8_t in[64];

	segment(in, port, 0x10, NULL, 0);
	memcpy(ip, in, 20);
	memcpy(ip + 12, in + 16, 4);
	memcpy(ip + 16, in + 12, 4);
	memcpy(ip + 20, in + 22, 2);
	memcpy(ip + 22, in + 20, 2);
	ip[32] = 0x50;
	return 40;
}

START_TEST(syn_mss_raised_and_kept)
{
	/* NOP, NOP, a window scale, then MSS 1460, padding. */
	static const uint8_t opts[] = { 1, 1, 3, 3, 7, 2, 4, 0x05, 0xb4,
					0, 0, 0 };
	uint8_t ip[128], out[64];
	size_t len = segment(ip, 40000, 0x02, opts, sizeof(opts));

	memset(&table, 0, sizeof(table));
	ck_assert_int_eq(net_tso_syn_in(&table, ip, len, NET_TSO_MSS, 1460),
			 1);
	ck_assert_uint_eq((unsigned int)ip[47] << 8 | ip[48], NET_TSO_MSS);
	ck_assert_uint_eq(verify(ip, len), 0xffff);
	reply(out, 40000);
	ck_assert_uint_eq(net_tso_mss(&table, out, sizeof(out)), 1460);
	/* Another connection: nothing kept, the safe default. */
	reply(out, 40001);
	ck_assert_uint_eq(net_tso_mss(&table, out, sizeof(out)),
			  NET_TSO_MSS_DEFAULT);
}
END_TEST

START_TEST(syn_mss_bounded_by_the_wire_and_defaulted)
{
	static const uint8_t big[] = { 2, 4, 0x23, 0x28 };	/* 9000 */
	uint8_t ip[128], out[64];
	size_t len;

	memset(&table, 0, sizeof(table));
	len = segment(ip, 1000, 0x12, big, sizeof(big));	/* SYN-ACK */
	ck_assert_int_eq(net_tso_syn_in(&table, ip, len, NET_TSO_MSS, 1460),
			 1);
	/* The option at an even offset this time. */
	ck_assert_uint_eq(verify(ip, len), 0xffff);
	reply(out, 1000);
	ck_assert_uint_eq(net_tso_mss(&table, out, sizeof(out)), 1460);
	/* No option: 536, and nothing rewritten. */
	len = segment(ip, 1001, 0x02, NULL, 0);
	ck_assert_int_eq(net_tso_syn_in(&table, ip, len, NET_TSO_MSS, 1460),
			 1);
	ck_assert_uint_eq(verify(ip, len), 0xffff);
	reply(out, 1001);
	ck_assert_uint_eq(net_tso_mss(&table, out, sizeof(out)), 536);
}
END_TEST

START_TEST(only_syns_change)
{
	static const uint8_t opts[] = { 2, 4, 0x05, 0xb4 };
	uint8_t ip[128], before[128];
	size_t len = segment(ip, 2000, 0x10, opts, sizeof(opts));

	memset(&table, 0, sizeof(table));
	memcpy(before, ip, len);
	ck_assert_int_eq(net_tso_syn_in(&table, ip, len, NET_TSO_MSS, 1460),
			 0);
	ip[9] = 17;					/* UDP */
	before[9] = 17;
	ck_assert_int_eq(net_tso_syn_in(&table, ip, len, NET_TSO_MSS, 1460),
			 0);
	ck_assert_mem_eq(ip, before, len);
}
END_TEST

START_TEST(hostile_syns_refused)
{
	static const uint8_t runs_over[] = { 1, 1, 8, 10 };
	static const uint8_t zero_len[] = { 5, 0, 2, 4 };
	static const uint8_t mss_len3[] = { 2, 3, 5, 0 };
	uint8_t ip[128], before[128];
	size_t len;

	memset(&table, 0, sizeof(table));
	len = segment(ip, 3000, 0x02, runs_over, sizeof(runs_over));
	memcpy(before, ip, len);
	ck_assert_int_eq(net_tso_syn_in(&table, ip, len, NET_TSO_MSS, 1460),
			 -EINVAL);
	ck_assert_mem_eq(ip, before, len);
	len = segment(ip, 3000, 0x02, zero_len, sizeof(zero_len));
	ck_assert_int_eq(net_tso_syn_in(&table, ip, len, NET_TSO_MSS, 1460),
			 -EINVAL);
	len = segment(ip, 3000, 0x02, mss_len3, sizeof(mss_len3));
	ck_assert_int_eq(net_tso_syn_in(&table, ip, len, NET_TSO_MSS, 1460),
			 -EINVAL);
	/* A data offset past the datagram, and a cut-short datagram. */
	len = segment(ip, 3000, 0x02, NULL, 0);
	ip[32] = 0xf0;
	ck_assert_int_eq(net_tso_syn_in(&table, ip, len, NET_TSO_MSS, 1460),
			 -EINVAL);
	len = segment(ip, 3000, 0x02, NULL, 0);
	ck_assert_int_eq(net_tso_syn_in(&table, ip, len - 4, NET_TSO_MSS,
					1460), -EINVAL);
	ck_assert_uint_eq(table.flow[0].mss, 0);
}
END_TEST

START_TEST(oldest_connection_makes_room)
{
	static const uint8_t opts[] = { 2, 4, 0x04, 0x00 };	/* 1024 */
	uint8_t ip[128], out[64];
	unsigned int i;
	size_t len;

	memset(&table, 0, sizeof(table));
	for (i = 0; i <= NET_TSO_FLOWS; i++) {
		len = segment(ip, (uint16_t)(5000 + i), 0x02, opts,
			      sizeof(opts));
		ck_assert_int_eq(net_tso_syn_in(&table, ip, len, NET_TSO_MSS,
						1460), 1);
	}
	reply(out, 5000);			/* the oldest: forgotten */
	ck_assert_uint_eq(net_tso_mss(&table, out, sizeof(out)), 536);
	reply(out, 5001);
	ck_assert_uint_eq(net_tso_mss(&table, out, sizeof(out)), 1024);
	reply(out, (uint16_t)(5000 + NET_TSO_FLOWS));
	ck_assert_uint_eq(net_tso_mss(&table, out, sizeof(out)), 1024);
}
END_TEST

START_TEST(our_mss_clamped)
{
	uint8_t opts[] = { 2, 4, 0x39, 0x08, 1, 1, 1, 0 };	/* 14600 */
	uint8_t none[] = { 1, 1, 1, 0 };

	ck_assert_int_eq(net_tso_clamp_mss(opts, sizeof(opts), 1460), 1);
	ck_assert_uint_eq((unsigned int)opts[2] << 8 | opts[3], 1460);
	ck_assert_int_eq(net_tso_clamp_mss(opts, sizeof(opts), 1460), 0);
	ck_assert_int_eq(net_tso_clamp_mss(none, sizeof(none), 1460), 0);
}
END_TEST

Suite *tso_suite(void)
{
	Suite *s = suite_create("tso");
	TCase *tc = tcase_create("tso");

	tcase_add_test(tc, syn_mss_raised_and_kept);
	tcase_add_test(tc, syn_mss_bounded_by_the_wire_and_defaulted);
	tcase_add_test(tc, only_syns_change);
	tcase_add_test(tc, hostile_syns_refused);
	tcase_add_test(tc, oldest_connection_makes_room);
	tcase_add_test(tc, our_mss_clamped);
	suite_add_tcase(s, tc);
	return s;
}
