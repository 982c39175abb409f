/*
 * IPv4 addresses as text (<arpa/inet.h>).  Pure: the host's unit tests
 * (tests/unit/test_inet.c) build it against the host's C library, whose
 * layouts are the same (Linux's).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* At most one leading zero ("01" is refused, as glibc refuses it). */
int inet_pton(int af, const char *src, void *dst)
{
	uint8_t out[4];
	unsigned int part, value, digits;

	if (af != AF_INET) {
		errno = EAFNOSUPPORT;
		return -1;
	}
	for (part = 0; part < 4; part++) {
		if (part > 0 && *src++ != '.')
			return 0;
		value = 0;
		for (digits = 0; src[digits] >= '0' && src[digits] <= '9';
		     digits++) {
			if (digits > 0 && value == 0)
				return 0;
			value = value * 10 + (unsigned int)(src[digits] - '0');
			if (value > 255)
				return 0;
		}
		if (digits == 0)
			return 0;
		out[part] = (uint8_t)value;
		src += digits;
	}
	if (*src != '\0')
		return 0;
	memcpy(dst, out, sizeof(out));
	return 1;
}

const char *inet_ntop(int af, const void *src, char *dst, socklen_t size)
{
	const uint8_t *a = src;
	char buf[INET_ADDRSTRLEN];
	int n;

	if (af != AF_INET) {
		errno = EAFNOSUPPORT;
		return NULL;
	}
	n = snprintf(buf, sizeof(buf), "%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
	if (n < 0 || (socklen_t)n >= size) {
		errno = ENOSPC;
		return NULL;
	}
	memcpy(dst, buf, (size_t)n + 1);
	return dst;
}

/* One part of inet_aton()'s forms: decimal, 0-octal or 0x-hex; *end
 * after it.  0, or -1 if none or beyond 32 bits. */
static int aton_part(const char *s, const char **end, uint32_t *value)
{
	unsigned int base = 10, digit;
	uint64_t v = 0;
	const char *p = s;

	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
	} else if (p[0] == '0') {
		base = 8;
	}
	for (s = p;; p++) {
		if (*p >= '0' && *p <= '9')
			digit = (unsigned int)(*p - '0');
		else if (base == 16 && *p >= 'a' && *p <= 'f')
			digit = (unsigned int)(*p - 'a' + 10);
		else if (base == 16 && *p >= 'A' && *p <= 'F')
			digit = (unsigned int)(*p - 'A' + 10);
		else
			break;
		if (digit >= base)
			return -1;
		v = v * base + digit;
		if (v > UINT32_MAX)
			return -1;
	}
	/* "0x" alone is not a number; "0" is (octal, no digits after). */
	if (p == s && base != 8)
		return -1;
	*end = p;
	*value = (uint32_t)v;
	return 0;
}

/* "a.b.c.d", "a.b.c" (c: 16 bits), "a.b" (b: 24 bits), "a" (32 bits). */
int inet_aton(const char *cp, struct in_addr *addr)
{
	uint32_t part[4], value;
	unsigned int n = 0, i;

	for (;;) {
		if (aton_part(cp, &cp, &part[n]) < 0)
			return 0;
		n++;
		if (*cp != '.')
			break;
		if (n == 4)
			return 0;
		cp++;
	}
	if (*cp != '\0')
		return 0;
	/* Every part but the last is one byte; the last fills the rest. */
	value = part[n - 1];
	if (n > 1 && value >> (8 * (5 - n)))
		return 0;
	for (i = 0; i + 1 < n; i++) {
		if (part[i] > 255)
			return 0;
		value |= part[i] << (24 - 8 * i);
	}
	if (addr)
		addr->s_addr = htonl(value);
	return 1;
}

in_addr_t inet_addr(const char *cp)
{
	struct in_addr a;

	return inet_aton(cp, &a) ? a.s_addr : INADDR_NONE;
}

char *inet_ntoa(struct in_addr in)
{
	/* The calling thread's, as its result is documented to be. */
	static __thread char buf[INET_ADDRSTRLEN];

	return (char *)inet_ntop(AF_INET, &in, buf, sizeof(buf));
}
