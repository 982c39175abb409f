/*
 * RFC 6528 initial sequence numbers (net/tcp_isn.c): F is SipHash-2-4 of
 * the 4-tuple under the secret, M the 4 us clock added to it.
 */
#include <string.h>

#include "helpers.h"
#include "net/tcp_isn.h"

/* 10.0.0.3 and 10.0.0.1 as lwIP holds them: network order in memory. */
static uint32_t ip4(uint8_t a, uint8_t b, uint8_t c, uint8_t d)
{
	uint8_t bytes[4] = {a, b, c, d};
	uint32_t x;

	memcpy(&x, bytes, 4);
	return x;
}

static const uint8_t key[SIPHASH_KEY_LEN] = {
	0x5e, 0xc2, 0x07, 0x11, 0x42, 0x99, 0xa0, 0x3b,
	0x7d, 0x01, 0xe4, 0x6f, 0x88, 0x23, 0xcc, 0x10,
};

/* F is SipHash-2-4 over localip, remoteip, localport, remoteport. */
START_TEST(hash_of_the_tuple)
{
	uint32_t local = ip4(10, 0, 0, 3), remote = ip4(10, 0, 0, 1);
	uint16_t lport = 80, rport = 40000;
	uint8_t tuple[12];

	memcpy(tuple, &local, 4);
	memcpy(tuple + 4, &remote, 4);
	memcpy(tuple + 8, &lport, 2);
	memcpy(tuple + 10, &rport, 2);
	ck_assert_uint_eq(tcp_isn(key, local, lport, remote, rport, 0),
			  (uint32_t)siphash24(key, tuple, sizeof(tuple)));
	ck_assert_uint_eq(tcp_isn(key, local, lport, remote, rport, 1000),
			  (uint32_t)(siphash24(key, tuple, sizeof(tuple)) +
				     1000));
}
END_TEST

/* Every field of the tuple matters, at the same instant. */
START_TEST(tuples_differ)
{
	uint32_t a = ip4(10, 0, 0, 3), b = ip4(10, 0, 0, 1);
	uint32_t base = tcp_isn(key, a, 80, b, 40000, 12345);

	ck_assert_uint_ne(tcp_isn(key, a, 80, b, 40001, 12345), base);
	ck_assert_uint_ne(tcp_isn(key, a, 81, b, 40000, 12345), base);
	ck_assert_uint_ne(tcp_isn(key, a, 80, ip4(10, 0, 0, 2), 40000, 12345),
			  base);
	ck_assert_uint_ne(tcp_isn(key, ip4(10, 0, 0, 4), 80, b, 40000, 12345),
			  base);
	/* Local and remote are not interchangeable. */
	ck_assert_uint_ne(tcp_isn(key, b, 40000, a, 80, 12345), base);
}
END_TEST

/* One tuple: the ISN advances exactly with M, wrapping at 2^32. */
START_TEST(same_tuple_advances_with_time)
{
	uint32_t a = ip4(10, 0, 0, 3), b = ip4(10, 0, 0, 1);
	uint32_t t0 = tcp_isn(key, a, 5001, b, 50000, 1000);

	ck_assert_uint_eq(tcp_isn(key, a, 5001, b, 50000, 1250000) - t0,
			  1249000u);	/* 5 s later */
	ck_assert_uint_eq(tcp_isn(key, a, 5001, b, 50000,
				  1000 + (1ULL << 32)), t0);
}
END_TEST

/* Without the key the ISN is another: a peer cannot compute it. */
START_TEST(key_matters)
{
	uint8_t other[SIPHASH_KEY_LEN];
	uint32_t a = ip4(10, 0, 0, 3), b = ip4(10, 0, 0, 1);

	memcpy(other, key, sizeof(other));
	other[0] ^= 1;
	ck_assert_uint_ne(tcp_isn(key, a, 80, b, 40000, 7),
			  tcp_isn(other, a, 80, b, 40000, 7));
}
END_TEST

/*
 * Consecutive client ports (what a scanner opens) get ISNs that do not
 * follow each other: none of 256 lands within 64 KiB of the previous
 * one's, which a counter-driven ISN (lwIP's default, iss += tcp_ticks)
 * would.
 */
START_TEST(neighbour_ports_scatter)
{
	uint32_t a = ip4(10, 0, 0, 3), b = ip4(10, 0, 0, 1), prev, isn;
	unsigned int port, close = 0;

	prev = tcp_isn(key, a, 80, b, 40000, 500);
	for (port = 40001; port < 40257; port++) {
		isn = tcp_isn(key, a, 80, b, (uint16_t)port, 500);
		if (isn - prev < 65536 || prev - isn < 65536)
			close++;
		prev = isn;
	}
	ck_assert_uint_lt(close, 2);
}
END_TEST

Suite *tcp_isn_suite(void)
{
	Suite *s = suite_create("tcp_isn");
	TCase *tc = tcase_create("rfc6528");

	tcase_add_test(tc, hash_of_the_tuple);
	tcase_add_test(tc, tuples_differ);
	tcase_add_test(tc, same_tuple_advances_with_time);
	tcase_add_test(tc, key_matters);
	tcase_add_test(tc, neighbour_ports_scatter);
	suite_add_tcase(s, tc);
	return s;
}
