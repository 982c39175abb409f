/*
 * The guest's random numbers.  Xen gives a guest no RNG device, so the
 * first draw gathers a 128-bit seed from what this CPU and this boot
 * offer (kernel/random.c names each source and its limits), and every
 * draw after comes from a SipHash stream keyed by it.  Good enough to
 * keep a peer from predicting TCP sequence numbers, DHCP transaction ids
 * and ports; not a source for long-term keys.
 */
#ifndef KERNEL_RANDOM_H
#define KERNEL_RANDOM_H

#include <stdint.h>

/*
 * Mix in a value that differs between boots or guests (a wall clock, a
 * MAC address), before the first draw: a sample added after it only
 * changes the next boot's seed, which is to say nothing.
 */
void random_add(uint64_t sample);

/* 64 random bits; the first call (thread context) gathers the seed. */
uint64_t random_u64(void);

#endif
