/* The RELR encoding (scripts/relr.h), for scripts/relr-pack.c. */
#include <errno.h>

#include "scripts/relr.h"

static int put(uint64_t *out, size_t cap, size_t *n, uint64_t v)
{
	if (*n == cap)
		return -ENOSPC;
	out[(*n)++] = v;
	return 0;
}

long relr_encode(const uint64_t *offsets, size_t n, uint64_t *out,
		 size_t cap)
{
	size_t i = 0, used = 0;

	for (size_t k = 0; k < n; k++)
		if (!offsets[k] || (offsets[k] & 7) ||
		    (k && offsets[k] <= offsets[k - 1]))
			return -EINVAL;
	while (i < n) {
		/* An offset, then bitmaps for as long as they have a bit. */
		uint64_t where = offsets[i] + 8;

		if (put(out, cap, &used, offsets[i++]))
			return -ENOSPC;
		for (;;) {
			uint64_t bitmap = 0;

			while (i < n && offsets[i] - where < RELR_BITS * 8) {
				bitmap |= 1ULL << ((offsets[i] - where) / 8);
				i++;
			}
			if (!bitmap)
				break;
			if (put(out, cap, &used, bitmap << 1 | 1))
				return -ENOSPC;
			where += RELR_BITS * 8;
		}
	}
	if (put(out, cap, &used, 0))
		return -ENOSPC;
	return (long)used;
}

long relr_decode(const uint64_t *in, size_t n_in, uint64_t *out, size_t cap)
{
	size_t used = 0;
	uint64_t where = 0;

	for (size_t k = 0; k < n_in; k++) {
		uint64_t e = in[k];

		if (!e)
			return (long)used;
		if (!(e & 1)) {
			if (put(out, cap, &used, e))
				return -ENOSPC;
			where = e + 8;
			continue;
		}
		if (!where)
			return -EINVAL;
		for (unsigned int b = 0; b < RELR_BITS; b++)
			if (e >> (b + 1) & 1 &&
			    put(out, cap, &used, where + 8ULL * b))
				return -ENOSPC;
		where += RELR_BITS * 8;
	}
	return -EINVAL;
}
