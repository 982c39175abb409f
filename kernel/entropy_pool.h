/*
 * An entropy pool: samples of what differs from one boot to the next
 * (counter values around short waits, RNDR words, ...) absorbed in order
 * into one SipHash state, from which a 128-bit seed is drawn.  Pure code
 * (host-tested); kernel/random.c feeds it and says what the samples are.
 *
 * SipHash here is a mixing function with a fixed, public key, not a
 * secret: the seed is as unpredictable as the samples together, never
 * more.  Any one unpredictable sample makes the whole seed so.
 */
#ifndef KERNEL_ENTROPY_POOL_H
#define KERNEL_ENTROPY_POOL_H

#include <stdint.h>

#include "kernel/siphash.h"

struct entropy_pool {
	struct siphash hash;
	uint64_t samples;
};

void entropy_pool_init(struct entropy_pool *pool);
void entropy_pool_add(struct entropy_pool *pool, uint64_t sample);
/* 16 bytes from every sample so far; the pool is left as it was. */
void entropy_pool_seed(const struct entropy_pool *pool,
		       uint8_t seed[SIPHASH_KEY_LEN]);

#endif
