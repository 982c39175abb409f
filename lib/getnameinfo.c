/*
 * getnameinfo() (<netdb.h>): numeric only, IPv4.  There is no reverse
 * DNS here and no services database: the host is inet_ntop()'s text
 * (NI_NAMEREQD fails), the service the port number.  Pure: host-tested
 * (tests/unit/test_getaddrinfo.c).
 */
#include <arpa/inet.h>
#include <netdb.h>
#include <stdio.h>
#include <string.h>

#define NI_KNOWN	(NI_NUMERICHOST | NI_NUMERICSERV | NI_NOFQDN | \
			 NI_NAMEREQD | NI_DGRAM)

int getnameinfo(const struct sockaddr *addr, socklen_t addrlen,
		char *host, socklen_t hostlen, char *serv, socklen_t servlen,
		int flags)
{
	struct sockaddr_in in;
	int n;

	if (flags & ~NI_KNOWN)
		return EAI_BADFLAGS;
	if (!addr || addrlen < sizeof(in))
		return EAI_FAMILY;
	memcpy(&in, addr, sizeof(in));
	if (in.sin_family != AF_INET)
		return EAI_FAMILY;
	if ((!host || !hostlen) && (!serv || !servlen))
		return EAI_NONAME;
	if (host && hostlen) {
		if (flags & NI_NAMEREQD)
			return EAI_NONAME;
		if (!inet_ntop(AF_INET, &in.sin_addr, host, hostlen))
			return EAI_OVERFLOW;
	}
	if (serv && servlen) {
		n = snprintf(serv, servlen, "%u", ntohs(in.sin_port));
		if (n < 0 || (socklen_t)n >= servlen)
			return EAI_OVERFLOW;
	}
	return 0;
}
