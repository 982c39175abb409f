#include <stdbool.h>

#include "kernel/errno.h"
#include "xen/evtchn_bound.h"

void evtchn_bound_init(struct evtchn_bound *b)
{
	unsigned int cpu, w;

	for (cpu = 0; cpu < CPU_MAX; cpu++)
		for (w = 0; w < EVTCHN_WORDS; w++)
			b->words[cpu][w] = cpu == 0 ? ~0ULL : 0;
}

static bool valid(uint32_t port)
{
	return port != 0 && port < EVTCHN_PORTS;
}

int evtchn_bound_move(struct evtchn_bound *b, uint32_t port,
		      unsigned int cpu)
{
	unsigned int w = port / EVTCHN_WORD_BITS, c;
	uint64_t bit = 1ULL << (port % EVTCHN_WORD_BITS);

	if (!valid(port) || cpu >= CPU_MAX)
		return -EINVAL;
	/* Cleared everywhere, not only where we think it is: the one-CPU
	 * rule holds even for a record that was somehow broken. */
	for (c = 0; c < CPU_MAX; c++)
		b->words[c][w] &= ~bit;
	b->words[cpu][w] |= bit;
	return 0;
}

int evtchn_bound_cpu(const struct evtchn_bound *b, uint32_t port)
{
	unsigned int w = port / EVTCHN_WORD_BITS, c;
	uint64_t bit = 1ULL << (port % EVTCHN_WORD_BITS);

	if (!valid(port))
		return -EINVAL;
	for (c = 0; c < CPU_MAX; c++)
		if (b->words[c][w] & bit)
			return (int)c;
	return -EINVAL;
}

int evtchn_bound_next(const struct evtchn_bound *b, unsigned int cpu,
		      uint32_t from)
{
	unsigned int w;
	uint64_t word;

	if (cpu >= CPU_MAX)
		return -1;
	if (from == 0)
		from = 1;
	for (w = from / EVTCHN_WORD_BITS; w < EVTCHN_WORDS; w++) {
		word = b->words[cpu][w];
		if (w == from / EVTCHN_WORD_BITS)
			word &= ~0ULL << (from % EVTCHN_WORD_BITS);
		if (word)
			return (int)(w * EVTCHN_WORD_BITS +
				     (unsigned int)__builtin_ctzll(word));
	}
	return -1;
}
