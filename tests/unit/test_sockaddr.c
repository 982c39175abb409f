/*
 * lib/sockaddr.c: the checks and copies of a program's socket addresses,
 * with the host's struct sockaddr_in (Linux's, as ours).
 */
#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#include "lib/sockaddr.h"
#include "helpers.h"

static struct sockaddr_in inet(uint32_t addr, uint16_t port)
{
	struct sockaddr_in in;

	memset(&in, 0x5a, sizeof(in));	/* sin_zero not zero */
	in.sin_family = AF_INET;
	in.sin_port = htons(port);
	in.sin_addr.s_addr = htonl(addr);
	return in;
}

START_TEST(read_checks_in_posix_order)
{
	struct sockaddr_in in = inet(0x7f000001, 80), out;
	struct sockaddr_in6 six = { .sin6_family = AF_INET6 };

	ck_assert_int_eq(sockaddr_in_read(NULL, sizeof(in), &out), EFAULT);
	ck_assert_int_eq(sockaddr_in_read((struct sockaddr *)&in,
					  sizeof(in) - 1, &out), EINVAL);
	ck_assert_int_eq(sockaddr_in_read((struct sockaddr *)&six,
					  sizeof(six), &out), EAFNOSUPPORT);
	/* Too short is told before a wrong family, as Linux does. */
	ck_assert_int_eq(sockaddr_in_read((struct sockaddr *)&six, 8, &out),
			 EINVAL);
}
END_TEST

START_TEST(read_copies_and_clears_padding)
{
	struct sockaddr_storage big;
	struct sockaddr_in in = inet(0x0a000002, 7), out;
	unsigned char odd[sizeof(in) + 1];
	static const unsigned char zero[8];

	ck_assert_int_eq(sockaddr_in_read((struct sockaddr *)&in, sizeof(in),
					  &out), 0);
	ck_assert_int_eq(out.sin_family, AF_INET);
	ck_assert_uint_eq(out.sin_port, htons(7));
	ck_assert_uint_eq(out.sin_addr.s_addr, htonl(0x0a000002));
	ck_assert_mem_eq(out.sin_zero, zero, sizeof(zero));
	/* A larger buffer, and one at an odd address, read the same. */
	memset(&big, 0, sizeof(big));
	memcpy(&big, &in, sizeof(in));
	ck_assert_int_eq(sockaddr_in_read((struct sockaddr *)&big, sizeof(big),
					  &out), 0);
	ck_assert_uint_eq(out.sin_port, htons(7));
	memcpy(odd + 1, &in, sizeof(in));
	ck_assert_int_eq(sockaddr_in_read((struct sockaddr *)(void *)(odd + 1),
					  sizeof(in), &out), 0);
	ck_assert_uint_eq(out.sin_addr.s_addr, htonl(0x0a000002));
}
END_TEST

START_TEST(out_check)
{
	struct sockaddr_in in;
	socklen_t len = sizeof(in), negative = (socklen_t)-1;

	ck_assert_int_eq(sockaddr_out_check(NULL, NULL), 0);
	ck_assert_int_eq(sockaddr_out_check((struct sockaddr *)&in, NULL),
			 EFAULT);
	ck_assert_int_eq(sockaddr_out_check((struct sockaddr *)&in, &negative),
			 EINVAL);
	ck_assert_int_eq(sockaddr_out_check((struct sockaddr *)&in, &len), 0);
}
END_TEST

START_TEST(write_truncates_and_tells_the_size)
{
	struct sockaddr_in in = inet(0x0a000002, 7), out;
	struct sockaddr_storage big;
	socklen_t len;

	in.sin_family = AF_INET;
	memset(in.sin_zero, 0, sizeof(in.sin_zero));
	len = sizeof(out);
	memset(&out, 0xee, sizeof(out));
	sockaddr_in_write(&in, (struct sockaddr *)&out, &len);
	ck_assert_uint_eq(len, sizeof(in));
	ck_assert_mem_eq(&out, &in, sizeof(in));

	/* 4 bytes: the family and the port, and the whole size told. */
	len = 4;
	memset(&out, 0xee, sizeof(out));
	sockaddr_in_write(&in, (struct sockaddr *)&out, &len);
	ck_assert_uint_eq(len, sizeof(in));
	ck_assert_int_eq(out.sin_family, AF_INET);
	ck_assert_uint_eq(out.sin_port, htons(7));
	ck_assert_uint_eq(out.sin_addr.s_addr, 0xeeeeeeee);

	/* More room than needed: only a sockaddr_in's worth written. */
	len = sizeof(big);
	memset(&big, 0xee, sizeof(big));
	sockaddr_in_write(&in, (struct sockaddr *)&big, &len);
	ck_assert_uint_eq(len, sizeof(in));
	ck_assert_mem_eq(&big, &in, sizeof(in));
	ck_assert_uint_eq(((unsigned char *)&big)[sizeof(in)], 0xee);

	/* No buffer: nothing written, len untouched. */
	len = 3;
	sockaddr_in_write(&in, NULL, &len);
	ck_assert_uint_eq(len, 3);
}
END_TEST

Suite *sockaddr_suite(void)
{
	Suite *s = suite_create("sockaddr");
	TCase *tc = tcase_create("copies");

	tcase_add_test(tc, read_checks_in_posix_order);
	tcase_add_test(tc, read_copies_and_clears_padding);
	tcase_add_test(tc, out_check);
	tcase_add_test(tc, write_truncates_and_tells_the_size);
	suite_add_tcase(s, tc);
	return s;
}
