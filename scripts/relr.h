/*
 * RELR, the packed form of relative relocations (the ELF gABI's
 * SHT_RELR): each R_AARCH64_RELATIVE says "add the load address to the
 * 8-byte word at this offset", so only the offsets need keeping.  An even
 * entry is an offset (relocate that word; the next bitmap starts at the
 * word after it); an odd entry is a bitmap whose bits 1..63 say which of
 * the next 63 words to relocate.  Osprey's stream ends with a 0 entry
 * (offset 0 is the image's first instruction, never relocated), so
 * boot/head.S needs no length.
 */
#ifndef SCRIPTS_RELR_H
#define SCRIPTS_RELR_H

#include <stddef.h>
#include <stdint.h>

#define RELR_BITS	63	/* words one bitmap entry covers */

/*
 * Encode n offsets (sorted ascending, distinct, 8-byte aligned, none 0)
 * into out, at most cap entries including the terminating 0.  Returns the
 * number of entries written, or -EINVAL (bad offsets) or -ENOSPC.
 */
long relr_encode(const uint64_t *offsets, size_t n, uint64_t *out,
		 size_t cap);

/*
 * Decode the stream in (up to its 0, at most n_in entries) into out, at
 * most cap offsets: what boot/head.S does, for checking.  Returns the
 * number of offsets, or -EINVAL (no terminator, a bitmap first) or
 * -ENOSPC.
 */
long relr_decode(const uint64_t *in, size_t n_in, uint64_t *out, size_t cap);

#endif
