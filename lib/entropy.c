/*
 * getentropy() for programs, and so for picolibc's arc4random(): the
 * kernel's random stream (kernel/random.h says what it is good for, and
 * that it is not a source for long-term keys).
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "kernel/random.h"

#define GETENTROPY_MAX	256	/* POSIX's limit per call */

int getentropy(void *buf, size_t len)
{
	uint8_t *p = buf;
	uint64_t r;
	size_t n;

	if (len > GETENTROPY_MAX) {
		errno = EIO;
		return -1;
	}
	while (len) {
		r = random_u64();
		n = len < sizeof(r) ? len : sizeof(r);
		memcpy(p, &r, n);
		p += n;
		len -= n;
	}
	return 0;
}
