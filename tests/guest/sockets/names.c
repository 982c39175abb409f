/*
 * Names: getaddrinfo() for numbers (no network needed), "localhost"
 * (lwIP's resolver), a name no server resolves (bare QEMU has no DNS
 * server: EAI_AGAIN) and bad hints; inet_pton() and inet_ntop() as the
 * image runs them (the host's unit tests check them more).
 */
#include <arpa/inet.h>
#include <netdb.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "tests/guest/sockets/sockets_test.h"

static bool is_inet(const struct addrinfo *ai, uint32_t addr, uint16_t port)
{
	const struct sockaddr_in *in = (const struct sockaddr_in *)ai->ai_addr;

	return ai->ai_family == AF_INET && ai->ai_addrlen == sizeof(*in) &&
	       in->sin_family == AF_INET && in->sin_addr.s_addr == htonl(addr) &&
	       in->sin_port == htons(port);
}

void check_getaddrinfo(void)
{
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM }, *res = NULL;
	char why[96];
	int err;

	err = getaddrinfo("127.0.0.1", "80", NULL, &res);
	verdict("getaddrinfo-numeric", err == 0 && res &&
		is_inet(res, INADDR_LOOPBACK, 80) &&
		res->ai_socktype == SOCK_STREAM && res->ai_next &&
		is_inet(res->ai_next, INADDR_LOOPBACK, 80) &&
		res->ai_next->ai_socktype == SOCK_DGRAM && !res->ai_next->ai_next,
		"127.0.0.1 port 80: not one TCP and one UDP entry");
	freeaddrinfo(res);
	res = NULL;

	err = getaddrinfo("localhost", "7", &hints, &res);
	snprintf(why, sizeof(why), "localhost: %s", gai_strerror(err));
	verdict("getaddrinfo-localhost", err == 0 && res &&
		is_inet(res, INADDR_LOOPBACK, 7) && !res->ai_next, why);
	freeaddrinfo(res);
	res = NULL;

	err = getaddrinfo("no-such-host.invalid", "80", &hints, &res);
	printf("sockets: getaddrinfo(\"no-such-host.invalid\"): %d (%s)\n",
	       err, gai_strerror(err));
	verdict("getaddrinfo-bad-name", err == EAI_AGAIN && !res &&
		strcmp(gai_strerror(err),
		       "Temporary failure in name resolution") == 0,
		"a name without a DNS server: not EAI_AGAIN");

	hints.ai_flags = AI_NUMERICHOST;
	verdict("getaddrinfo-errors",
		getaddrinfo("localhost", NULL, &hints, &res) == EAI_NONAME &&
		getaddrinfo("127.0.0.1", "http", NULL, &res) == EAI_SERVICE &&
		getaddrinfo(NULL, NULL, NULL, &res) == EAI_NONAME &&
		getaddrinfo("127.0.0.1", "80",
			    &(struct addrinfo){ .ai_family = AF_INET6 },
			    &res) == EAI_FAMILY &&
		getaddrinfo("127.0.0.1", "80",
			    &(struct addrinfo){ .ai_socktype = SOCK_RAW },
			    &res) == EAI_SOCKTYPE,
		"AI_NUMERICHOST, a service name, AF_INET6 or SOCK_RAW: "
		"not the EAI_ error POSIX names");
}

void check_inet(void)
{
	struct in_addr a;
	char text[INET_ADDRSTRLEN];

	verdict("inet", inet_pton(AF_INET, "10.0.0.2", &a) == 1 &&
		a.s_addr == htonl(0x0a000002) &&
		inet_ntop(AF_INET, &a, text, sizeof(text)) == text &&
		strcmp(text, "10.0.0.2") == 0 &&
		inet_pton(AF_INET, "10.0.0", &a) == 0 &&
		inet_addr("127.1") == htonl(INADDR_LOOPBACK),
		"inet_pton/inet_ntop/inet_addr wrong on 10.0.0.2 or 127.1");
}
