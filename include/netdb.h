/*
 * Names and services for sockets (lib/getaddrinfo.c): IPv4 only.
 * Numeric addresses are read without the network; names go to lwIP's
 * DNS resolver, whose servers come from DHCP (with ip= in bootargs there
 * are none, and only numeric addresses and "localhost" resolve).  There
 * is no services database: a service is a port number.  Linux's layout
 * and numbers.
 */
#ifndef _NETDB_H
#define _NETDB_H

#include <netinet/in.h>
#include <sys/socket.h>

#ifdef __cplusplus
extern "C" {
#endif

struct addrinfo {
	int ai_flags;
	int ai_family;
	int ai_socktype;
	int ai_protocol;
	socklen_t ai_addrlen;
	struct sockaddr *ai_addr;
	char *ai_canonname;
	struct addrinfo *ai_next;
};

#define AI_PASSIVE	0x0001	/* no node: INADDR_ANY, for bind() */
#define AI_CANONNAME	0x0002
#define AI_NUMERICHOST	0x0004
#define AI_V4MAPPED	0x0008
#define AI_ALL		0x0010
#define AI_ADDRCONFIG	0x0020
#define AI_NUMERICSERV	0x0400

#define NI_MAXHOST	1025
#define NI_MAXSERV	32
#define NI_NUMERICHOST	1
#define NI_NUMERICSERV	2
#define NI_NOFQDN	4
#define NI_NAMEREQD	8
#define NI_DGRAM	16

#define EAI_BADFLAGS	-1
#define EAI_NONAME	-2
#define EAI_AGAIN	-3
#define EAI_FAIL	-4
#define EAI_FAMILY	-6
#define EAI_SOCKTYPE	-7
#define EAI_SERVICE	-8
#define EAI_MEMORY	-10
#define EAI_SYSTEM	-11
#define EAI_OVERFLOW	-12

/*
 * 0 and *res, a list to give to freeaddrinfo(), or an EAI_ number:
 * EAI_NONAME (no such name, or both node and service NULL),
 * EAI_AGAIN (no answer from a DNS server, or none known), EAI_FAMILY
 * (not AF_INET or AF_UNSPEC), EAI_SOCKTYPE, EAI_SERVICE (not a port
 * number), EAI_BADFLAGS, EAI_MEMORY.  Without hints' ai_socktype, one
 * entry for SOCK_STREAM and one for SOCK_DGRAM.
 */
int getaddrinfo(const char *node, const char *service,
		const struct addrinfo *hints, struct addrinfo **res);
void freeaddrinfo(struct addrinfo *res);
const char *gai_strerror(int err);
/*
 * AF_INET only, numeric: names are not looked up (NI_NAMEREQD fails
 * with EAI_NONAME), services are port numbers.  EAI_FAMILY,
 * EAI_OVERFLOW when a buffer is too small.
 */
int getnameinfo(const struct sockaddr *addr, socklen_t addrlen,
		char *host, socklen_t hostlen, char *serv, socklen_t servlen,
		int flags);

#ifdef __cplusplus
}
#endif

#endif
