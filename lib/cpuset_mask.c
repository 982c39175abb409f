/*
 * cpu_set_t and the kernel's masks (lib/cpuset_mask.h).  A set's CPU i is
 * bit i % 8 of its byte i / 8: its unsigned longs' bits in little-endian
 * memory, as on every CPU Osprey runs on (and the host the tests run on).
 */
#include <errno.h>
#include <string.h>

#include "lib/cpuset_mask.h"

_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
	       "a set's bytes are its CPUs in order only on little-endian");

uint64_t cpuset_to_mask(const void *set, size_t size)
{
	const unsigned char *bytes = set;
	uint64_t mask = 0;
	size_t i;

	for (i = 0; i < size && i < sizeof(mask); i++)
		mask |= (uint64_t)bytes[i] << (8 * i);
	return mask;
}

int cpuset_from_mask(uint64_t mask, unsigned int cpus, void *set,
		     size_t size)
{
	unsigned char *bytes = set;
	size_t i;

	if (size < (cpus + 7) / 8)
		return EINVAL;
	memset(set, 0, size);
	for (i = 0; i < size && i < sizeof(mask); i++)
		bytes[i] = (unsigned char)(mask >> (8 * i));
	return 0;
}
