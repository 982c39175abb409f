/*
 * SipHash-2-4 (Aumasson and Bernstein, "SipHash: a fast short-input PRF",
 * 2012): a keyed hash whose output an observer cannot predict without the
 * 128-bit key.  Pure code, host-tested against the paper's vectors; the
 * kernel's entropy pool and lwIP's TCP initial sequence numbers use it.
 */
#ifndef KERNEL_SIPHASH_H
#define KERNEL_SIPHASH_H

#include <stddef.h>
#include <stdint.h>

#define SIPHASH_KEY_LEN	16

/* A hash in progress: siphash_init, any number of 8-byte words, final. */
struct siphash {
	uint64_t v[4];
};

void siphash_init(struct siphash *s, const uint8_t key[SIPHASH_KEY_LEN]);
/* Absorb one 64-bit word (what the byte form does per 8 bytes, LE). */
void siphash_word(struct siphash *s, uint64_t m);
/* The 64-bit result for a message whose last word (with its length in
 * the top byte, as the byte form builds it) is `last`. */
uint64_t siphash_final(struct siphash *s, uint64_t last);

/* SipHash-2-4 of len bytes, as the reference implementation computes. */
uint64_t siphash24(const uint8_t key[SIPHASH_KEY_LEN], const void *data,
		   size_t len);

#endif
