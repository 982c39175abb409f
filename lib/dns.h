/*
 * Internal to lib/: a name's IPv4 address from lwIP's DNS resolver, for
 * getaddrinfo().  The host's unit tests put a fake of their own in its
 * place (tests/unit/test_getaddrinfo.c).
 */
#ifndef LIB_DNS_H
#define LIB_DNS_H

#include <netinet/in.h>

/*
 * Waits for the answer (lwIP asks each server up to DNS_MAX_RETRIES
 * times).  0 and *addr (network byte order), or an EAI_ value of
 * <netdb.h>: EAI_NONAME (no server resolved the name, or none answered:
 * lwIP does not tell them apart; or the name is not one), EAI_AGAIN (no
 * DNS server is known, or lwIP's table of queries is full), EAI_MEMORY
 * (the stack could not start).
 */
int dns_lookup_ipv4(const char *name, in_addr_t *addr);

#endif
