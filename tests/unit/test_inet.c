/*
 * lib/inet.c: IPv4 addresses as text, built against the host's C
 * library (the same layouts as ours: Linux's).  The test binary's own
 * inet_pton() and friends are lib/inet.c's, not the host's.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <string.h>

#include "helpers.h"

static uint32_t pton(const char *s, int *ret)
{
	uint8_t b[4] = { 0xaa, 0xaa, 0xaa, 0xaa };

	*ret = inet_pton(AF_INET, s, b);
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
	       (uint32_t)b[2] << 8 | b[3];
}

START_TEST(pton_dotted_quads)
{
	int r;

	ck_assert_uint_eq(pton("10.0.0.2", &r), 0x0a000002);
	ck_assert_int_eq(r, 1);
	ck_assert_uint_eq(pton("0.0.0.0", &r), 0);
	ck_assert_int_eq(r, 1);
	ck_assert_uint_eq(pton("255.255.255.255", &r), 0xffffffff);
	ck_assert_int_eq(r, 1);
	ck_assert_uint_eq(pton("127.0.0.1", &r), 0x7f000001);
	ck_assert_int_eq(r, 1);
}
END_TEST

START_TEST(pton_refuses_other_forms)
{
	static const char *const bad[] = {
		"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.300",
		"01.2.3.4", "1.2.3.00", "1.2.3.4 ", " 1.2.3.4", "1..2.3",
		"a.b.c.d", "1.2.3.-4", "1.2.3.4x", "0x1.2.3.4", "1.2.3.",
		"1234.1.1.1", "127.1",
	};
	unsigned int i;
	int r;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		/* Nothing written for a refused form. */
		ck_assert_msg(pton(bad[i], &r) == 0xaaaaaaaa && r == 0,
			      "\"%s\" taken", bad[i]);
	}
}
END_TEST

START_TEST(pton_ntop_other_families)
{
	char buf[64];
	uint8_t b[16];

	errno = 0;
	ck_assert_int_eq(inet_pton(AF_INET6, "::1", b), -1);
	ck_assert_int_eq(errno, EAFNOSUPPORT);
	errno = 0;
	ck_assert_ptr_null(inet_ntop(AF_INET6, b, buf, sizeof(buf)));
	ck_assert_int_eq(errno, EAFNOSUPPORT);
}
END_TEST

START_TEST(ntop_sizes)
{
	const uint8_t all[4] = { 255, 255, 255, 255 }, some[4] = { 10, 0, 0, 2 };
	char buf[INET_ADDRSTRLEN + 4];

	ck_assert_ptr_eq(inet_ntop(AF_INET, all, buf, INET_ADDRSTRLEN), buf);
	ck_assert_str_eq(buf, "255.255.255.255");
	memset(buf, 'x', sizeof(buf));
	errno = 0;
	ck_assert_ptr_null(inet_ntop(AF_INET, all, buf, INET_ADDRSTRLEN - 1));
	ck_assert_int_eq(errno, ENOSPC);
	ck_assert_int_eq(buf[0], 'x');	/* nothing written */
	ck_assert_ptr_eq(inet_ntop(AF_INET, some, buf, 9), buf);
	ck_assert_str_eq(buf, "10.0.0.2");
	ck_assert_ptr_null(inet_ntop(AF_INET, some, buf, 8));
}
END_TEST

START_TEST(ntop_pton_round_trip)
{
	char text[INET_ADDRSTRLEN];
	uint32_t v, back, i;
	uint8_t b[4];
	int r;

	/* A spread of values: Knuth's multiplicative hash of 0..4095. */
	for (i = 0; i < 4096; i++) {
		v = i * 2654435761u;
		b[0] = (uint8_t)(v >> 24);
		b[1] = (uint8_t)(v >> 16);
		b[2] = (uint8_t)(v >> 8);
		b[3] = (uint8_t)v;
		ck_assert_ptr_nonnull(inet_ntop(AF_INET, b, text, sizeof(text)));
		back = pton(text, &r);
		ck_assert_int_eq(r, 1);
		ck_assert_uint_eq(back, v);
	}
}
END_TEST

static uint32_t aton(const char *s, int *ret)
{
	struct in_addr a = { 0xaaaaaaaa };

	*ret = inet_aton(s, &a);
	return ntohl(a.s_addr);
}

START_TEST(aton_forms)
{
	int r;

	ck_assert_uint_eq(aton("127.1", &r), 0x7f000001);
	ck_assert_int_eq(r, 1);
	ck_assert_uint_eq(aton("0x7f.1", &r), 0x7f000001);
	ck_assert_int_eq(r, 1);
	ck_assert_uint_eq(aton("017.0.0.1", &r), 0x0f000001);
	ck_assert_int_eq(r, 1);
	ck_assert_uint_eq(aton("1", &r), 1);
	ck_assert_int_eq(r, 1);
	ck_assert_uint_eq(aton("4294967295", &r), 0xffffffff);
	ck_assert_int_eq(r, 1);
	ck_assert_uint_eq(aton("1.16777215", &r), 0x01ffffff);
	ck_assert_int_eq(r, 1);
	ck_assert_uint_eq(aton("10.1.65535", &r), 0x0a01ffff);
	ck_assert_int_eq(r, 1);
	ck_assert_uint_eq(aton("0", &r), 0);
	ck_assert_int_eq(r, 1);
}
END_TEST

START_TEST(aton_refuses)
{
	static const char *const bad[] = {
		"", "4294967296", "1.16777216", "1.2.65536", "1.2.3.256",
		"256.1", "08", "0x", "1.", ".1", "1.2.3.4.5", "1 ", "x",
		"0xg", "1.2.3.4x",
	};
	unsigned int i;
	int r;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		aton(bad[i], &r);
		ck_assert_msg(r == 0, "\"%s\" taken", bad[i]);
	}
}
END_TEST

START_TEST(addr_and_ntoa)
{
	struct in_addr a = { htonl(0x0a000002) };

	ck_assert_uint_eq(inet_addr("10.0.0.2"), htonl(0x0a000002));
	ck_assert_uint_eq(inet_addr("10.2"), htonl(0x0a000002));
	ck_assert_uint_eq(inet_addr("not an address"), INADDR_NONE);
	ck_assert_str_eq(inet_ntoa(a), "10.0.0.2");
}
END_TEST

Suite *inet_suite(void)
{
	Suite *s = suite_create("inet");
	TCase *tc = tcase_create("text");

	tcase_add_test(tc, pton_dotted_quads);
	tcase_add_test(tc, pton_refuses_other_forms);
	tcase_add_test(tc, pton_ntop_other_families);
	tcase_add_test(tc, ntop_sizes);
	tcase_add_test(tc, ntop_pton_round_trip);
	tcase_add_test(tc, aton_forms);
	tcase_add_test(tc, aton_refuses);
	tcase_add_test(tc, addr_and_ntoa);
	suite_add_tcase(s, tc);
	return s;
}
