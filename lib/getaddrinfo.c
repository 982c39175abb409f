/*
 * getaddrinfo(), freeaddrinfo() and gai_strerror() (<netdb.h>), IPv4.
 * Numeric addresses (inet_aton()'s forms) are read here; names go to
 * lib/dns.c.  Pure but for that call: the host's unit tests build it
 * against the host's C library (tests/unit/test_getaddrinfo.c).
 */
#include <arpa/inet.h>
#include <netdb.h>
#include <stdlib.h>
#include <string.h>

#include "lib/dns.h"

#define AI_KNOWN	(AI_PASSIVE | AI_CANONNAME | AI_NUMERICHOST | \
			 AI_V4MAPPED | AI_ALL | AI_ADDRCONFIG | AI_NUMERICSERV)
#define PORT_MAX	65535

/* An entry and its address, one allocation: freeaddrinfo() frees both. */
struct addrinfo_in {
	struct addrinfo ai;
	struct sockaddr_in sin;
};

static const struct {
	int socktype, protocol;
} kinds[] = {
	{ SOCK_STREAM, IPPROTO_TCP },
	{ SOCK_DGRAM, IPPROTO_UDP },
};

/* A port number (network byte order), or an EAI_ value: no services
 * database, so a name is EAI_SERVICE (EAI_NONAME with AI_NUMERICSERV,
 * as glibc). */
static int service_port(const char *service, int flags, in_port_t *port)
{
	unsigned long value = 0;
	const char *p;

	*port = 0;
	if (!service)
		return 0;
	for (p = service; *p >= '0' && *p <= '9'; p++) {
		value = value * 10 + (unsigned long)(*p - '0');
		if (value > PORT_MAX)
			return EAI_SERVICE;
	}
	if (p == service || *p != '\0')
		return flags & AI_NUMERICSERV ? EAI_NONAME : EAI_SERVICE;
	*port = htons((uint16_t)value);
	return 0;
}

/* The node's address (network byte order), or an EAI_ value. */
static int node_addr(const char *node, int flags, in_addr_t *addr)
{
	struct in_addr in;

	if (!node) {
		*addr = htonl(flags & AI_PASSIVE ? INADDR_ANY : INADDR_LOOPBACK);
		return 0;
	}
	if (inet_aton(node, &in)) {
		*addr = in.s_addr;
		return 0;
	}
	if (flags & AI_NUMERICHOST)
		return EAI_NONAME;
	return dns_lookup_ipv4(node, addr);
}

/* The hints' checks, as glibc makes them. */
static int check_hints(const struct addrinfo *h, const char *node)
{
	if (h->ai_flags & ~AI_KNOWN)
		return EAI_BADFLAGS;
	if ((h->ai_flags & AI_CANONNAME) && !node)
		return EAI_BADFLAGS;
	if (h->ai_family != AF_UNSPEC && h->ai_family != AF_INET)
		return EAI_FAMILY;
	if (h->ai_socktype != 0 && h->ai_socktype != SOCK_STREAM &&
	    h->ai_socktype != SOCK_DGRAM)
		return EAI_SOCKTYPE;
	if (h->ai_protocol != 0 && h->ai_protocol != IPPROTO_TCP &&
	    h->ai_protocol != IPPROTO_UDP)
		return EAI_SOCKTYPE;
	if (h->ai_socktype == SOCK_STREAM && h->ai_protocol == IPPROTO_UDP)
		return EAI_SOCKTYPE;
	if (h->ai_socktype == SOCK_DGRAM && h->ai_protocol == IPPROTO_TCP)
		return EAI_SOCKTYPE;
	return 0;
}

int getaddrinfo(const char *node, const char *service,
		const struct addrinfo *hints, struct addrinfo **res)
{
	static const struct addrinfo none = { 0 };
	struct addrinfo *head = NULL, **tail = &head;
	struct addrinfo_in *e;
	in_port_t port = 0;
	in_addr_t addr = 0;
	unsigned int i;
	int err;

	if (!hints)
		hints = &none;
	if (!node && !service)
		return EAI_NONAME;
	err = check_hints(hints, node);
	if (!err)
		err = service_port(service, hints->ai_flags, &port);
	if (!err)
		err = node_addr(node, hints->ai_flags, &addr);
	if (err)
		return err;
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		if ((hints->ai_socktype && hints->ai_socktype != kinds[i].socktype) ||
		    (hints->ai_protocol && hints->ai_protocol != kinds[i].protocol))
			continue;
		e = calloc(1, sizeof(*e));
		if (!e)
			goto no_memory;
		e->sin.sin_family = AF_INET;
		e->sin.sin_port = port;
		e->sin.sin_addr.s_addr = addr;
		e->ai.ai_family = AF_INET;
		e->ai.ai_socktype = kinds[i].socktype;
		e->ai.ai_protocol = kinds[i].protocol;
		e->ai.ai_addrlen = sizeof(e->sin);
		e->ai.ai_addr = (struct sockaddr *)&e->sin;
		*tail = &e->ai;
		tail = &e->ai.ai_next;
	}
	/* No DNS name to give: the node as asked for, as glibc does for a
	 * numeric one. */
	if ((hints->ai_flags & AI_CANONNAME) && head) {
		head->ai_canonname = strdup(node);
		if (!head->ai_canonname)
			goto no_memory;
	}
	*res = head;
	return 0;
no_memory:
	freeaddrinfo(head);
	return EAI_MEMORY;
}

void freeaddrinfo(struct addrinfo *res)
{
	struct addrinfo *next;

	for (; res; res = next) {
		next = res->ai_next;
		free(res->ai_canonname);
		free(res);	/* the whole struct addrinfo_in */
	}
}

const char *gai_strerror(int err)
{
	switch (err) {
	case 0:
		return "Success";
	case EAI_BADFLAGS:
		return "Bad value for ai_flags";
	case EAI_NONAME:
		return "Name or service not known";
	case EAI_AGAIN:
		return "Temporary failure in name resolution";
	case EAI_FAIL:
		return "Non-recoverable failure in name resolution";
	case EAI_FAMILY:
		return "ai_family not supported";
	case EAI_SOCKTYPE:
		return "ai_socktype not supported";
	case EAI_SERVICE:
		return "Servname not supported for ai_socktype";
	case EAI_MEMORY:
		return "Memory allocation failure";
	case EAI_SYSTEM:
		return "System error";
	case EAI_OVERFLOW:
		return "Argument buffer overflow";
	default:
		return "Unknown error";
	}
}
