#include "kernel/ticks.h"

#define NS_PER_S	1000000000ULL

uint64_t ticks_to_ns(uint64_t ticks, uint64_t per_second)
{
	if (!per_second || per_second > UINT32_MAX)
		return 0;
	return ticks / per_second * NS_PER_S +
	       ticks % per_second * NS_PER_S / per_second;
}

uint64_t ticks_from_ns(uint64_t ns, uint64_t per_second)
{
	uint64_t seconds = ns / NS_PER_S, rest = ns % NS_PER_S;
	uint64_t whole, part;

	if (!per_second || per_second > UINT32_MAX)
		return 0;
	if (seconds > UINT64_MAX / per_second)
		return UINT64_MAX;
	whole = seconds * per_second;
	/* rest < 10^9 and per_second < 2^32: under 2^62. */
	part = (rest * per_second + NS_PER_S - 1) / NS_PER_S;
	if (whole > UINT64_MAX - part)
		return UINT64_MAX;
	return whole + part;
}
