/*
 * POSIX cksum: the CRC-32 (polynomial 0x04C11DB7, most significant bit
 * first) of the data followed by its length, complemented, so that a
 * guest's figures compare with dom0's `cksum`.  Pure code: the host unit
 * tests run it.
 */
#ifndef APPS_CKSUM_H
#define APPS_CKSUM_H

#include <stddef.h>
#include <stdint.h>

struct cksum {
	uint32_t crc;
	uint64_t length;
};

void cksum_init(struct cksum *c);
void cksum_update(struct cksum *c, const void *data, size_t len);
/* What `cksum` prints first for the data so far. */
uint32_t cksum_final(const struct cksum *c);

#endif
