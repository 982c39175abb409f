/*
 * The UDP echo's refusals (apps/echo_policy.c): what would make an
 * answer loop, bounce between services or go to many hosts.
 */
#include "helpers.h"
#include "apps/echo_policy.h"

#define IP(a, b, c, d) \
	((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (d))

static const struct echo_local links[] = {
	{IP(10, 0, 0, 3), IP(255, 255, 255, 0)},
	{IP(192, 168, 7, 9), IP(255, 255, 240, 0)},
};

static bool refused(uint32_t source, uint16_t port)
{
	return echo_refused(source, port, false, links, 2);
}

START_TEST(ordinary_peers_answered)
{
	ck_assert(!refused(IP(10, 0, 0, 1), 40000));
	ck_assert(!refused(IP(10, 0, 0, 254), 1024));
	ck_assert(!refused(IP(8, 8, 8, 8), 53));
	ck_assert(!refused(IP(192, 168, 0, 1), 8));
	/* The network's own address is a host's on a /31 (RFC 3021). */
	ck_assert(!echo_refused(IP(10, 1, 1, 1), 5000, false,
				&(struct echo_local){IP(10, 1, 1, 0),
						     IP(255, 255, 255, 254)},
				1));
}
END_TEST

/* The loop of finding 3: from our own address and port 7, to port 7. */
START_TEST(own_address_refused)
{
	ck_assert(refused(IP(10, 0, 0, 3), 7));
	ck_assert(refused(IP(10, 0, 0, 3), 40000));
	ck_assert(refused(IP(192, 168, 7, 9), 40000));
	ck_assert(refused(IP(127, 0, 0, 1), 40000));
	ck_assert(refused(IP(127, 1, 2, 3), 40000));
}
END_TEST

START_TEST(reflecting_ports_refused)
{
	static const uint16_t ports[] = {0, 7, 13, 19, 37};
	unsigned int i;

	for (i = 0; i < sizeof(ports) / sizeof(ports[0]); i++) {
		ck_assert(refused(IP(10, 0, 0, 1), ports[i]));
		/* Even from our own programs: 127.0.0.1:7 loops too. */
		ck_assert(echo_refused(IP(127, 0, 0, 1), ports[i], true,
				       links, 2));
	}
	ck_assert(!refused(IP(10, 0, 0, 1), 9));	/* discard: silent */
}
END_TEST

START_TEST(broadcast_and_multicast_refused)
{
	ck_assert(refused(IP(255, 255, 255, 255), 40000));
	ck_assert(refused(IP(10, 0, 0, 255), 40000));
	ck_assert(refused(IP(192, 168, 15, 255), 40000));
	ck_assert(refused(IP(224, 0, 0, 1), 40000));
	ck_assert(refused(IP(239, 255, 255, 250), 1900));
	ck_assert(refused(IP(240, 0, 0, 1), 40000));
	ck_assert(refused(IP(0, 0, 0, 0), 68));
	/* Another subnet's broadcast is just an address to us. */
	ck_assert(!refused(IP(10, 0, 1, 255), 40000));
}
END_TEST

/* Our own programs over 127.0.0.1 are answered (the lwip-loop guest). */
START_TEST(loopback_programs_answered)
{
	ck_assert(!echo_refused(IP(127, 0, 0, 1), 49153, true, links, 2));
	ck_assert(!echo_refused(IP(10, 0, 0, 3), 49153, true, links, 2));
	ck_assert(!echo_refused(IP(127, 0, 0, 1), 49153, true, NULL, 0));
}
END_TEST

Suite *echo_policy_suite(void)
{
	Suite *s = suite_create("echo_policy");
	TCase *tc = tcase_create("refusals");

	tcase_add_test(tc, ordinary_peers_answered);
	tcase_add_test(tc, own_address_refused);
	tcase_add_test(tc, reflecting_ports_refused);
	tcase_add_test(tc, broadcast_and_multicast_refused);
	tcase_add_test(tc, loopback_programs_answered);
	suite_add_tcase(s, tc);
	return s;
}
