/*
 * What the flood suite's tools (tests/boot/flood.sh) share: argument
 * parsing that refuses what it cannot read, a monotonic clock, the
 * Internet checksum for hand-built headers, and a hard stop.
 *
 * The tools run in the dom0 test host against guests on its bridge
 * xenbr0 only: every one takes its target's address and a duration, and
 * sets an alarm so that it ends even if a send blocks.
 */
#ifndef TESTS_TOOLS_FLOOD_FLOOD_H
#define TESTS_TOOLS_FLOOD_FLOOD_H

#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>

/* The longest run any tool accepts: a flood is bounded. */
#define FLOOD_SECS_MAX	600

void flood_die(const char *fmt, ...)
	__attribute__((format(printf, 1, 2), noreturn));

/* A dotted quad, else flood_die naming WHAT. */
struct in_addr flood_address(const char *text, const char *what);

/* A decimal in [MIN, MAX], else flood_die naming WHAT. */
unsigned long flood_number(const char *text, unsigned long min,
			   unsigned long max, const char *what);

/* Seconds on the monotonic clock. */
double flood_now(void);

/*
 * SIGALRM after SECS seconds, which ends the process (its default
 * action): the bound on a run whatever a system call does.
 */
void flood_deadline(unsigned long secs);

/* RFC 1071's sum of LEN bytes at DATA, added to SUM (not folded). */
uint32_t flood_sum(const void *data, size_t len, uint32_t sum);

/* SUM folded to 16 bits and complemented: the checksum field. */
uint16_t flood_checksum(uint32_t sum);

/* The TCP/UDP pseudo-header's sum (RFC 793, RFC 768). */
uint32_t flood_pseudo_sum(struct in_addr src, struct in_addr dst,
			  uint8_t protocol, uint16_t length);

/* xorshift32: spoofed ports, addresses and sequence numbers. */
uint32_t flood_random(uint32_t *state);

#endif
