/*
 * The network's pure code: the static address from bootargs
 * (net/ip_config.c), and the TCP benchmark's byte stream
 * (apps/bench_pattern.h), against coreutils' `cksum` of it.
 */
#include <string.h>

#include "helpers.h"
#include "apps/bench_pattern.h"
#include "apps/cksum.h"
#include "kernel/errno.h"
#include "net/netif_glue.h"

static void ck_quad(const uint8_t *got, uint8_t a, uint8_t b, uint8_t c,
		    uint8_t d)
{
	ck_assert_uint_eq(got[0], a);
	ck_assert_uint_eq(got[1], b);
	ck_assert_uint_eq(got[2], c);
	ck_assert_uint_eq(got[3], d);
}

START_TEST(static_address)
{
	struct net_ip_config ip;

	ck_assert_int_eq(net_ip_config_parse("app=httpd ip=10.0.0.2/24 "
					     "gw=10.0.0.1", &ip), 1);
	ck_assert(!ip.dhcp);
	ck_quad(ip.address, 10, 0, 0, 2);
	ck_quad(ip.netmask, 255, 255, 255, 0);
	ck_quad(ip.gateway, 10, 0, 0, 1);
	ck_assert_int_eq(net_ip_config_parse("ip=192.168.7.9/20", &ip), 1);
	ck_quad(ip.netmask, 255, 255, 240, 0);
	ck_quad(ip.gateway, 0, 0, 0, 0);
	ck_assert_int_eq(net_ip_config_parse("ip=1.2.3.4/32", &ip), 1);
	ck_quad(ip.netmask, 255, 255, 255, 255);
	/* No prefix length: /24, what a bridge's subnet usually is. */
	ck_assert_int_eq(net_ip_config_parse("ip=1.2.3.4", &ip), 1);
	ck_quad(ip.netmask, 255, 255, 255, 0);
}
END_TEST

START_TEST(dhcp_unless_told)
{
	struct net_ip_config ip;

	ck_assert_int_eq(net_ip_config_parse("app=httpd", &ip), 0);
	ck_assert(ip.dhcp);
	ck_assert_int_eq(net_ip_config_parse("ip=dhcp gw=1.2.3.4", &ip), 0);
	ck_assert(ip.dhcp);
	ck_assert_int_eq(net_ip_config_parse("", &ip), 0);
	ck_assert(ip.dhcp);
}
END_TEST

START_TEST(malformed_falls_back_to_dhcp)
{
	static const char *const bad[] = {
		"ip=10.0.0.256/24", "ip=10.0.0/24", "ip=10.0.0.2/33",
		"ip=10.0.0.2/0", "ip=10.0.0.2/", "ip=10.0.0.2/24x",
		"ip=a.b.c.d", "ip=10..0.2", "ip=10.0.0.2.5",
		"ip=10.0.0.2/24 gw=10.0.0", "ip=10.0.0.2/24 gw=x",
		"ip=0010.0.0.2", "ip=-1.0.0.2",
		"ip=",
	};
	struct net_ip_config ip;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ck_assert_msg(net_ip_config_parse(bad[i], &ip) == -EINVAL,
			      "%s accepted", bad[i]);
		ck_assert(ip.dhcp);
	}
}
END_TEST

START_TEST(bench_pattern_as_documented)
{
	static uint8_t pattern[100000];
	struct cksum c;

	/* Filled in two pieces; the sum is coreutils' cksum of the stream. */
	bench_pattern_fill(pattern, 40000, 0);
	bench_pattern_fill(pattern + 40000, 60000, 40000);
	cksum_init(&c);
	cksum_update(&c, pattern, sizeof(pattern));
	ck_assert_uint_eq(cksum_final(&c), 3656726206u);
	ck_assert_uint_eq(bench_pattern_byte(0x01020304), 0x04 ^ 0x03 ^ 0x02 ^
			  0x01);
}
END_TEST

Suite *net_config_suite(void)
{
	Suite *s = suite_create("net_config");
	TCase *tc = tcase_create("bootargs");

	tcase_add_test(tc, static_address);
	tcase_add_test(tc, dhcp_unless_told);
	tcase_add_test(tc, malformed_falls_back_to_dhcp);
	tcase_add_test(tc, bench_pattern_as_documented);
	suite_add_tcase(s, tc);
	return s;
}
