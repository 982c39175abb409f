/*
 * The TCP benchmark's byte stream (apps/tcp_bench.h): byte i of it.  Not
 * periodic at 256 or 64 Ki, so that a lost or repeated segment changes
 * the cksum; simple enough for a peer to generate it too.
 */
#ifndef APPS_BENCH_PATTERN_H
#define APPS_BENCH_PATTERN_H

#include <stddef.h>
#include <stdint.h>

static inline uint8_t bench_pattern_byte(uint64_t i)
{
	return (uint8_t)(i ^ (i >> 8) ^ (i >> 16) ^ (i >> 24));
}

/* buf gets bytes offset .. offset + len - 1 of the stream. */
static inline void bench_pattern_fill(uint8_t *buf, size_t len,
				      uint64_t offset)
{
	size_t i;

	for (i = 0; i < len; i++)
		buf[i] = bench_pattern_byte(offset + i);
}

#endif
