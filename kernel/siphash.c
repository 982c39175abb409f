/* SipHash-2-4, after the paper's description (see siphash.h). */
#include "kernel/siphash.h"

static uint64_t rotl(uint64_t x, unsigned int b)
{
	return (x << b) | (x >> (64 - b));
}

static void sipround(uint64_t v[4])
{
	v[0] += v[1];
	v[1] = rotl(v[1], 13) ^ v[0];
	v[0] = rotl(v[0], 32);
	v[2] += v[3];
	v[3] = rotl(v[3], 16) ^ v[2];
	v[0] += v[3];
	v[3] = rotl(v[3], 21) ^ v[0];
	v[2] += v[1];
	v[1] = rotl(v[1], 17) ^ v[2];
	v[2] = rotl(v[2], 32);
}

/* Little-endian, whatever the host: the vectors are defined so. */
static uint64_t load_le(const uint8_t *p, size_t n)
{
	uint64_t x = 0;

	while (n--)
		x = x << 8 | p[n];
	return x;
}

void siphash_init(struct siphash *s, const uint8_t key[SIPHASH_KEY_LEN])
{
	uint64_t k0 = load_le(key, 8), k1 = load_le(key + 8, 8);

	/* "somepseudorandomlygeneratedbytes", the paper's constants */
	s->v[0] = k0 ^ 0x736f6d6570736575ULL;
	s->v[1] = k1 ^ 0x646f72616e646f6dULL;
	s->v[2] = k0 ^ 0x6c7967656e657261ULL;
	s->v[3] = k1 ^ 0x7465646279746573ULL;
}

void siphash_word(struct siphash *s, uint64_t m)
{
	s->v[3] ^= m;
	sipround(s->v);
	sipround(s->v);
	s->v[0] ^= m;
}

uint64_t siphash_final(struct siphash *s, uint64_t last)
{
	siphash_word(s, last);
	s->v[2] ^= 0xff;
	sipround(s->v);
	sipround(s->v);
	sipround(s->v);
	sipround(s->v);
	return s->v[0] ^ s->v[1] ^ s->v[2] ^ s->v[3];
}

uint64_t siphash24(const uint8_t key[SIPHASH_KEY_LEN], const void *data,
		   size_t len)
{
	const uint8_t *p = data;
	struct siphash s;
	size_t i;

	siphash_init(&s, key);
	for (i = 0; i + 8 <= len; i += 8)
		siphash_word(&s, load_le(p + i, 8));
	return siphash_final(&s, (uint64_t)len << 56 | load_le(p + i, len - i));
}
