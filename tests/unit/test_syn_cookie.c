/*
 * SYN cookies (net/syn_cookie.c): what a cookie proves, for how long, the
 * MSS it keeps, and the reading of the segment that brings one back.
 */
#include <string.h>

#include "helpers.h"
#include "net/syn_cookie.h"

static const uint8_t key[SIPHASH_KEY_LEN] = {
	0x11, 0x9a, 0x4c, 0x03, 0xe7, 0x52, 0x38, 0xbd,
	0x60, 0x0f, 0xa2, 0x7e, 0xc5, 0x19, 0x84, 0xd3,
};

static struct tcp_tuple tuple(void)
{
	/* 10.0.0.3:80 (us) and 10.0.0.1:40000, network order in memory. */
	const uint8_t local[4] = {10, 0, 0, 3}, remote[4] = {10, 0, 0, 1};
	struct tcp_tuple t = {.local_port = 80, .remote_port = 40000};

	memcpy(&t.local_ip, local, 4);
	memcpy(&t.remote_ip, remote, 4);
	return t;
}

/* A cookie is good in the period it was made in and the next, no more. */
START_TEST(good_for_two_periods)
{
	struct tcp_tuple t = tuple();
	uint16_t kept, mss = 0;
	uint32_t c = syn_cookie_make(key, &t, 0x12345678, 1000, 1460, &kept);

	ck_assert_uint_eq(kept, 1460);
	ck_assert(syn_cookie_check(key, &t, 0x12345678, c, 1000, &mss));
	ck_assert_uint_eq(mss, kept);
	mss = 0;
	ck_assert(syn_cookie_check(key, &t, 0x12345678, c, 1001, &mss));
	ck_assert_uint_eq(mss, kept);
	ck_assert(!syn_cookie_check(key, &t, 0x12345678, c, 1002, &mss));
	ck_assert(!syn_cookie_check(key, &t, 0x12345678, c, 999, &mss));
	/* Period 0's cookie, checked in period 1 (and 0 - 1 never made). */
	c = syn_cookie_make(key, &t, 7, 0, 1460, &kept);
	ck_assert(syn_cookie_check(key, &t, 7, c, 1, &mss));
	ck_assert(syn_cookie_check(key, &t, 7, c, 0, &mss));
}
END_TEST

/* Every input the cookie covers changes its verdict. */
START_TEST(bound_to_everything)
{
	struct tcp_tuple t = tuple(), u;
	uint16_t kept, mss;
	uint32_t c = syn_cookie_make(key, &t, 0xfffffff0, 77, 1460, &kept);
	uint8_t other[SIPHASH_KEY_LEN];
	unsigned int bit;

	ck_assert(syn_cookie_check(key, &t, 0xfffffff0, c, 77, &mss));
	ck_assert(!syn_cookie_check(key, &t, 0xfffffff1, c, 77, &mss));
	u = t;
	u.remote_port++;
	ck_assert(!syn_cookie_check(key, &u, 0xfffffff0, c, 77, &mss));
	u = t;
	u.local_port++;
	ck_assert(!syn_cookie_check(key, &u, 0xfffffff0, c, 77, &mss));
	u = t;
	u.remote_ip ^= 1;
	ck_assert(!syn_cookie_check(key, &u, 0xfffffff0, c, 77, &mss));
	u = t;
	u.local_ip ^= 1u << 24;
	ck_assert(!syn_cookie_check(key, &u, 0xfffffff0, c, 77, &mss));
	memcpy(other, key, sizeof(other));
	other[5] ^= 0x40;
	ck_assert(!syn_cookie_check(other, &t, 0xfffffff0, c, 77, &mss));
	/* Any one bit of the cookie, hash or tag, flipped. */
	for (bit = 0; bit < 32; bit++)
		ck_assert_msg(!syn_cookie_check(key, &t, 0xfffffff0,
						c ^ 1u << bit, 77, &mss),
			      "bit %u", bit);
}
END_TEST

/* The MSS kept: the largest of the table not above what we would use. */
START_TEST(mss_rounds_down)
{
	const uint16_t cases[][2] = {
		{9000, 1460}, {1460, 1460}, {1459, 1440}, {1440, 1440},
		{1439, 1220}, {1220, 1220}, {1000, 536}, {536, 536},
		{100, 536}, {0, 536},
	};
	struct tcp_tuple t = tuple();
	unsigned int i;
	uint16_t kept, mss;
	uint32_t c;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		c = syn_cookie_make(key, &t, i, 5, cases[i][0], &kept);
		ck_assert_uint_eq(kept, cases[i][1]);
		ck_assert(syn_cookie_check(key, &t, i, c, 6, &mss));
		ck_assert_uint_eq(mss, cases[i][1]);
		ck_assert_uint_eq(syn_cookie_mss[c & 3], cases[i][1]);
	}
}
END_TEST

/* Cookies of neighbouring clients share nothing a peer could use. */
START_TEST(cookies_scatter)
{
	struct tcp_tuple t = tuple();
	uint32_t c[64];
	uint16_t kept;
	unsigned int i, j;

	for (i = 0; i < 64; i++) {
		t.remote_port = (uint16_t)(40000 + i);
		c[i] = syn_cookie_make(key, &t, 1, 9, 1460, &kept);
		for (j = 0; j < i; j++)
			ck_assert_uint_ne(c[i] >> 3, c[j] >> 3);
	}
}
END_TEST

/* An IPv4 datagram with a TCP header: 10.0.0.1:40000 -> 10.0.0.3:80. */
static size_t segment(uint8_t *b, size_t ip_opts, size_t tcp_opts)
{
	size_t ihl = 20 + ip_opts, doff = 20 + tcp_opts, total = ihl + doff;

	memset(b, 0, total);
	b[0] = (uint8_t)(0x40 | ihl / 4);
	b[2] = (uint8_t)(total >> 8);
	b[3] = (uint8_t)total;
	b[6] = 0x40;			/* don't fragment: allowed */
	b[9] = 6;
	memcpy(b + 12, (uint8_t[]){10, 0, 0, 1}, 4);
	memcpy(b + 16, (uint8_t[]){10, 0, 0, 3}, 4);
	b += ihl;
	b[0] = 40000 >> 8;
	b[1] = 40000 & 0xff;
	b[3] = 80;
	memcpy(b + 4, (uint8_t[]){0x12, 0x34, 0x56, 0x79}, 4);
	memcpy(b + 8, (uint8_t[]){0xde, 0xad, 0xbe, 0xf0}, 4);
	b[12] = (uint8_t)(doff / 4 << 4);
	b[13] = TCP_PEEK_ACK | TCP_PEEK_FIN;
	b[14] = 0x72;
	b[15] = 0x10;
	return total;
}

START_TEST(peek_reads_the_headers)
{
	struct tcp_tuple t = tuple();
	struct tcp_peek s;
	uint8_t b[128];
	size_t n = segment(b, 4, 12);

	ck_assert(tcp_peek(b, n, &s));
	ck_assert_uint_eq(s.t.local_ip, t.local_ip);
	ck_assert_uint_eq(s.t.remote_ip, t.remote_ip);
	ck_assert_uint_eq(s.t.local_port, 80);
	ck_assert_uint_eq(s.t.remote_port, 40000);
	ck_assert_uint_eq(s.seq, 0x12345679);
	ck_assert_uint_eq(s.ack, 0xdeadbef0);
	ck_assert_uint_eq(s.wnd, 0x7210);
	ck_assert_uint_eq(s.flags, TCP_PEEK_ACK | TCP_PEEK_FIN);
	/* Data after the headers, not at hand (a chain): still read. */
	b[2] = 0x05;
	ck_assert(tcp_peek(b, n, &s));
}
END_TEST

START_TEST(peek_refuses_the_malformed)
{
	struct tcp_peek s;
	uint8_t b[128];
	size_t n = segment(b, 0, 0);

	ck_assert(tcp_peek(b, n, &s));
	ck_assert(!tcp_peek(b, n - 1, &s));	/* TCP header cut short */
	ck_assert(!tcp_peek(b, 19, &s));
	b[3] = 39;				/* total says so too */
	ck_assert(!tcp_peek(b, n, &s));
	n = segment(b, 0, 0);
	b[0] = 0x65;				/* IPv6 */
	ck_assert(!tcp_peek(b, n, &s));
	b[0] = 0x44;				/* IHL 16 bytes */
	ck_assert(!tcp_peek(b, n, &s));
	n = segment(b, 0, 0);
	b[9] = 17;				/* UDP */
	ck_assert(!tcp_peek(b, n, &s));
	n = segment(b, 0, 0);
	b[6] = 0x20;				/* more fragments */
	ck_assert(!tcp_peek(b, n, &s));
	n = segment(b, 0, 0);
	b[7] = 1;				/* a fragment's offset */
	ck_assert(!tcp_peek(b, n, &s));
	n = segment(b, 0, 0);
	b[20 + 12] = 0x40;			/* data offset 16 bytes */
	ck_assert(!tcp_peek(b, n, &s));
	b[20 + 12] = 0x60;			/* 24: past the datagram */
	ck_assert(!tcp_peek(b, n, &s));
	n = segment(b, 8, 0);
	ck_assert(!tcp_peek(b, n - 4, &s));	/* IP options, TCP cut */
}
END_TEST

Suite *syn_cookie_suite(void)
{
	Suite *s = suite_create("syn_cookie");
	TCase *tc = tcase_create("cookie");

	tcase_add_test(tc, good_for_two_periods);
	tcase_add_test(tc, bound_to_everything);
	tcase_add_test(tc, mss_rounds_down);
	tcase_add_test(tc, cookies_scatter);
	tcase_add_test(tc, peek_reads_the_headers);
	tcase_add_test(tc, peek_refuses_the_malformed);
	suite_add_tcase(s, tc);
	return s;
}
