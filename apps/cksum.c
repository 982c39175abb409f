#include "apps/cksum.h"

#define POLY	0x04c11db7u

/*
 * Byte-at-a-time table, built on first use rather than stored: 1 KiB
 * less in the image.  Filled by whichever thread first sums; two filling
 * it at once write the same values.
 */
static uint32_t table[256];

static void build_table(void)
{
	uint32_t c;
	unsigned int i, k;

	for (i = 0; i < 256; i++) {
		c = (uint32_t)i << 24;
		for (k = 0; k < 8; k++)
			c = c & 0x80000000u ? c << 1 ^ POLY : c << 1;
		table[i] = c;
	}
}

static uint32_t step(uint32_t crc, uint8_t byte)
{
	return crc << 8 ^ table[(crc >> 24 ^ byte) & 0xff];
}

void cksum_init(struct cksum *c)
{
	if (!table[1])
		build_table();
	c->crc = 0;
	c->length = 0;
}

void cksum_update(struct cksum *c, const void *data, size_t len)
{
	const uint8_t *p = data;
	uint32_t crc = c->crc;

	c->length += len;
	while (len--)
		crc = step(crc, *p++);
	c->crc = crc;
}

uint32_t cksum_final(const struct cksum *c)
{
	uint64_t n = c->length;
	uint32_t crc = c->crc;

	/* The length's bytes, least significant first, as few as needed. */
	for (; n; n >>= 8)
		crc = step(crc, (uint8_t)n);
	return ~crc;
}
