/*
 * picolibc's <arpa/inet.h> has only htonl(), htons(), ntohl() and
 * ntohs(); the address conversions are lib/inet.c's.
 */
#ifndef OSPREY_ARPA_INET_H
#define OSPREY_ARPA_INET_H

#include_next <arpa/inet.h>
#include <netinet/in.h>

#ifdef __cplusplus
extern "C" {
#endif

/* AF_INET: "a.b.c.d" into 4 bytes: 1, or 0 if src is not that form;
 * another family: -1 and EAFNOSUPPORT. */
int inet_pton(int af, const char *src, void *dst);
/* AF_INET: dst, or NULL with ENOSPC if size is too small; another
 * family: NULL and EAFNOSUPPORT. */
const char *inet_ntop(int af, const void *src, char *dst, socklen_t size);
/* The forms inet_addr() takes ("a", "a.b", "a.b.c", "a.b.c.d", each
 * part decimal, octal or hex): 1, or 0 if cp is none of them. */
int inet_aton(const char *cp, struct in_addr *addr);
/* inet_aton()'s address, or INADDR_NONE. */
in_addr_t inet_addr(const char *cp);
/* "a.b.c.d" in a buffer of the calling thread's, overwritten by its
 * next call. */
char *inet_ntoa(struct in_addr in);

#ifdef __cplusplus
}
#endif

#endif
