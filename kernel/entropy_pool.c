#include "kernel/entropy_pool.h"

void entropy_pool_init(struct entropy_pool *pool)
{
	static const uint8_t zero_key[SIPHASH_KEY_LEN];

	siphash_init(&pool->hash, zero_key);
	pool->samples = 0;
}

void entropy_pool_add(struct entropy_pool *pool, uint64_t sample)
{
	siphash_word(&pool->hash, sample);
	pool->samples++;
}

/*
 * Two finalisations of copies of the state, told apart by their last
 * word (which also carries the number of samples, as SipHash's own last
 * word carries the length).
 */
void entropy_pool_seed(const struct entropy_pool *pool,
		       uint8_t seed[SIPHASH_KEY_LEN])
{
	struct siphash copy;
	uint64_t half;
	unsigned int i, b;

	for (i = 0; i < 2; i++) {
		copy = pool->hash;
		half = siphash_final(&copy, pool->samples << 1 | i);
		for (b = 0; b < 8; b++)
			seed[i * 8 + b] = (uint8_t)(half >> (8 * b));
	}
}
