#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tests/tools/flood/flood.h"

void flood_die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

struct in_addr flood_address(const char *text, const char *what)
{
	struct in_addr a;

	if (inet_pton(AF_INET, text, &a) != 1)
		flood_die("%s: '%s' is not an IPv4 address", what, text);
	return a;
}

unsigned long flood_number(const char *text, unsigned long min,
			   unsigned long max, const char *what)
{
	unsigned long n;
	char *end;

	errno = 0;
	n = strtoul(text, &end, 10);
	if (errno || end == text || *end || text[0] == '-' || n < min ||
	    n > max)
		flood_die("%s: '%s' is not a number from %lu to %lu", what,
			  text, min, max);
	return n;
}

double flood_now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

void flood_deadline(unsigned long secs)
{
	alarm((unsigned int)secs);
}

uint32_t flood_sum(const void *data, size_t len, uint32_t sum)
{
	const uint8_t *p = data;

	for (; len > 1; p += 2, len -= 2)
		sum += (uint32_t)(p[0] << 8 | p[1]);
	if (len)
		sum += (uint32_t)(p[0] << 8);
	return sum;
}

uint16_t flood_checksum(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return htons((uint16_t)~sum);
}

uint32_t flood_pseudo_sum(struct in_addr src, struct in_addr dst,
			  uint8_t protocol, uint16_t length)
{
	uint32_t sum = flood_sum(&src, 4, 0);

	sum = flood_sum(&dst, 4, sum);
	return sum + protocol + length;
}

uint32_t flood_random(uint32_t *state)
{
	uint32_t x = *state;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	*state = x;
	return x;
}
