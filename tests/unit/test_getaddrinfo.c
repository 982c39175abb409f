/*
 * lib/getaddrinfo.c and lib/getnameinfo.c against the host's <netdb.h>
 * (Linux's layout and numbers, as ours), with a fake resolver in place of
 * lib/dns.c: what it was asked, and what it answers.
 */
#include <arpa/inet.h>
#include <netdb.h>
#include <string.h>

#include "lib/dns.h"
#include "helpers.h"

/* The fake resolver's state, set and read by each test. */
static struct {
	unsigned int calls;
	char name[64];
	int result;		/* 0 or an EAI_ value */
	in_addr_t addr;
} dns;

int dns_lookup_ipv4(const char *name, in_addr_t *addr)
{
	dns.calls++;
	strncpy(dns.name, name, sizeof(dns.name) - 1);
	if (dns.result == 0)
		*addr = dns.addr;
	return dns.result;
}

static void dns_reset(int result, uint32_t addr)
{
	memset(&dns, 0, sizeof(dns));
	dns.result = result;
	dns.addr = htonl(addr);
}

static const struct sockaddr_in *addr_of(const struct addrinfo *ai)
{
	ck_assert_int_eq(ai->ai_family, AF_INET);
	ck_assert_uint_eq(ai->ai_addrlen, sizeof(struct sockaddr_in));
	return (const struct sockaddr_in *)(const void *)ai->ai_addr;
}

static void assert_entry(const struct addrinfo *ai, int socktype,
			 int protocol, uint32_t addr, uint16_t port)
{
	ck_assert_ptr_nonnull(ai);
	ck_assert_int_eq(ai->ai_socktype, socktype);
	ck_assert_int_eq(ai->ai_protocol, protocol);
	ck_assert_int_eq(addr_of(ai)->sin_family, AF_INET);
	ck_assert_uint_eq(addr_of(ai)->sin_addr.s_addr, htonl(addr));
	ck_assert_uint_eq(addr_of(ai)->sin_port, htons(port));
}

START_TEST(numeric_without_the_resolver)
{
	struct addrinfo *res = NULL;

	dns_reset(EAI_FAIL, 0);
	ck_assert_int_eq(getaddrinfo("127.0.0.1", "80", NULL, &res), 0);
	assert_entry(res, SOCK_STREAM, IPPROTO_TCP, 0x7f000001, 80);
	assert_entry(res->ai_next, SOCK_DGRAM, IPPROTO_UDP, 0x7f000001, 80);
	ck_assert_ptr_null(res->ai_next->ai_next);
	ck_assert_ptr_null(res->ai_canonname);
	freeaddrinfo(res);
	/* inet_aton()'s shorter forms too. */
	ck_assert_int_eq(getaddrinfo("10.2", NULL, NULL, &res), 0);
	assert_entry(res, SOCK_STREAM, IPPROTO_TCP, 0x0a000002, 0);
	freeaddrinfo(res);
	ck_assert_uint_eq(dns.calls, 0);
}
END_TEST

START_TEST(no_node)
{
	struct addrinfo hints = { .ai_flags = AI_PASSIVE,
				  .ai_socktype = SOCK_STREAM }, *res = NULL;

	dns_reset(EAI_FAIL, 0);
	ck_assert_int_eq(getaddrinfo(NULL, "7", &hints, &res), 0);
	assert_entry(res, SOCK_STREAM, IPPROTO_TCP, INADDR_ANY, 7);
	ck_assert_ptr_null(res->ai_next);
	freeaddrinfo(res);
	hints.ai_flags = 0;
	ck_assert_int_eq(getaddrinfo(NULL, "7", &hints, &res), 0);
	assert_entry(res, SOCK_STREAM, IPPROTO_TCP, INADDR_LOOPBACK, 7);
	freeaddrinfo(res);
	ck_assert_int_eq(getaddrinfo(NULL, NULL, &hints, &res), EAI_NONAME);
	ck_assert_uint_eq(dns.calls, 0);
}
END_TEST

START_TEST(hints_pick_the_kinds)
{
	struct addrinfo hints = { .ai_socktype = SOCK_DGRAM }, *res = NULL;

	ck_assert_int_eq(getaddrinfo("1.2.3.4", "53", &hints, &res), 0);
	assert_entry(res, SOCK_DGRAM, IPPROTO_UDP, 0x01020304, 53);
	ck_assert_ptr_null(res->ai_next);
	freeaddrinfo(res);
	hints = (struct addrinfo){ .ai_protocol = IPPROTO_TCP,
				   .ai_family = AF_INET };
	ck_assert_int_eq(getaddrinfo("1.2.3.4", "53", &hints, &res), 0);
	assert_entry(res, SOCK_STREAM, IPPROTO_TCP, 0x01020304, 53);
	ck_assert_ptr_null(res->ai_next);
	freeaddrinfo(res);
}
END_TEST

START_TEST(names_go_to_the_resolver)
{
	struct addrinfo hints = { .ai_flags = AI_CANONNAME,
				  .ai_socktype = SOCK_STREAM }, *res = NULL;

	dns_reset(0, 0x0a000009);
	ck_assert_int_eq(getaddrinfo("example.test", "8080", &hints, &res), 0);
	ck_assert_uint_eq(dns.calls, 1);
	ck_assert_str_eq(dns.name, "example.test");
	assert_entry(res, SOCK_STREAM, IPPROTO_TCP, 0x0a000009, 8080);
	ck_assert_str_eq(res->ai_canonname, "example.test");
	freeaddrinfo(res);

	dns_reset(EAI_AGAIN, 0);
	res = NULL;
	ck_assert_int_eq(getaddrinfo("example.test", NULL, NULL, &res),
			 EAI_AGAIN);
	ck_assert_ptr_null(res);

	/* AI_NUMERICHOST: never asked. */
	dns_reset(0, 0x0a000009);
	hints.ai_flags = AI_NUMERICHOST;
	ck_assert_int_eq(getaddrinfo("example.test", "1", &hints, &res),
			 EAI_NONAME);
	ck_assert_uint_eq(dns.calls, 0);
}
END_TEST

START_TEST(services_are_port_numbers)
{
	struct addrinfo numeric = { .ai_flags = AI_NUMERICSERV }, *res = NULL;

	ck_assert_int_eq(getaddrinfo("1.2.3.4", "65535", NULL, &res), 0);
	ck_assert_uint_eq(addr_of(res)->sin_port, htons(65535));
	freeaddrinfo(res);
	ck_assert_int_eq(getaddrinfo("1.2.3.4", "65536", NULL, &res),
			 EAI_SERVICE);
	ck_assert_int_eq(getaddrinfo("1.2.3.4", "http", NULL, &res),
			 EAI_SERVICE);
	ck_assert_int_eq(getaddrinfo("1.2.3.4", "", NULL, &res), EAI_SERVICE);
	ck_assert_int_eq(getaddrinfo("1.2.3.4", "80x", NULL, &res),
			 EAI_SERVICE);
	ck_assert_int_eq(getaddrinfo("1.2.3.4", "http", &numeric, &res),
			 EAI_NONAME);
}
END_TEST

START_TEST(bad_hints)
{
	struct addrinfo *res = NULL;
	struct addrinfo h[] = {
		{ .ai_flags = 0x8000 },
		{ .ai_flags = AI_CANONNAME },	/* without a node, below */
		{ .ai_family = AF_INET6 },
		{ .ai_family = AF_UNIX },
		{ .ai_socktype = SOCK_RAW },
		{ .ai_socktype = SOCK_STREAM, .ai_protocol = IPPROTO_UDP },
		{ .ai_socktype = SOCK_DGRAM, .ai_protocol = IPPROTO_TCP },
		{ .ai_protocol = IPPROTO_ICMP },
	};
	const int want[] = { EAI_BADFLAGS, EAI_BADFLAGS, EAI_FAMILY,
			     EAI_FAMILY, EAI_SOCKTYPE, EAI_SOCKTYPE,
			     EAI_SOCKTYPE, EAI_SOCKTYPE };
	unsigned int i;

	for (i = 0; i < sizeof(h) / sizeof(h[0]); i++)
		ck_assert_int_eq(getaddrinfo(i == 1 ? NULL : "1.2.3.4", "80",
					     &h[i], &res), want[i]);
}
END_TEST

START_TEST(error_strings)
{
	const int codes[] = { EAI_BADFLAGS, EAI_NONAME, EAI_AGAIN, EAI_FAIL,
			      EAI_FAMILY, EAI_SOCKTYPE, EAI_SERVICE,
			      EAI_MEMORY, EAI_SYSTEM, EAI_OVERFLOW };
	unsigned int i, j;

	for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		ck_assert_str_ne(gai_strerror(codes[i]), "Unknown error");
		for (j = 0; j < i; j++)
			ck_assert_str_ne(gai_strerror(codes[i]),
					 gai_strerror(codes[j]));
	}
	ck_assert_str_eq(gai_strerror(12345), "Unknown error");
	freeaddrinfo(NULL);
}
END_TEST

START_TEST(nameinfo_numeric)
{
	struct sockaddr_in in = { .sin_family = AF_INET,
				  .sin_port = htons(7),
				  .sin_addr.s_addr = htonl(0x0a000002) };
	struct sockaddr_in6 six = { .sin6_family = AF_INET6 };
	const struct sockaddr *sa = (const struct sockaddr *)&in;
	char host[NI_MAXHOST], serv[NI_MAXSERV];

	ck_assert_int_eq(getnameinfo(sa, sizeof(in), host, sizeof(host), serv,
				     sizeof(serv), 0), 0);
	ck_assert_str_eq(host, "10.0.0.2");
	ck_assert_str_eq(serv, "7");
	ck_assert_int_eq(getnameinfo(sa, sizeof(in), NULL, 0, serv,
				     sizeof(serv), NI_NUMERICSERV), 0);
	ck_assert_int_eq(getnameinfo(sa, sizeof(in), host, sizeof(host), NULL,
				     0, NI_NAMEREQD), EAI_NONAME);
	ck_assert_int_eq(getnameinfo(sa, sizeof(in), host, 8, NULL, 0, 0),
			 EAI_OVERFLOW);
	ck_assert_int_eq(getnameinfo(sa, sizeof(in), NULL, 0, serv, 1, 0),
			 EAI_OVERFLOW);
	ck_assert_int_eq(getnameinfo(sa, sizeof(in), NULL, 0, NULL, 0, 0),
			 EAI_NONAME);
	ck_assert_int_eq(getnameinfo((const struct sockaddr *)&six,
				     sizeof(six), host, sizeof(host), NULL, 0,
				     0), EAI_FAMILY);
	ck_assert_int_eq(getnameinfo(sa, sizeof(in) - 1, host, sizeof(host),
				     NULL, 0, 0), EAI_FAMILY);
	ck_assert_int_eq(getnameinfo(sa, sizeof(in), host, sizeof(host), NULL,
				     0, 0x10000), EAI_BADFLAGS);
}
END_TEST

Suite *getaddrinfo_suite(void)
{
	Suite *s = suite_create("getaddrinfo");
	TCase *tc = tcase_create("ipv4");

	tcase_add_test(tc, numeric_without_the_resolver);
	tcase_add_test(tc, no_node);
	tcase_add_test(tc, hints_pick_the_kinds);
	tcase_add_test(tc, names_go_to_the_resolver);
	tcase_add_test(tc, services_are_port_numbers);
	tcase_add_test(tc, bad_hints);
	tcase_add_test(tc, error_strings);
	tcase_add_test(tc, nameinfo_numeric);
	suite_add_tcase(s, tc);
	return s;
}
