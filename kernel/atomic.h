/*
 * Atomic operations on memory shared with another domain or the
 * hypervisor.  GCC's __atomic builtins compile to exclusive load/store
 * loops here (-mno-outline-atomics), which work on every ARMv8 CPU.
 */
#ifndef KERNEL_ATOMIC_H
#define KERNEL_ATOMIC_H

#include <stdbool.h>
#include <stdint.h>

static inline bool atomic_test_and_clear_bit64(volatile uint64_t *word,
					       unsigned int bit)
{
	uint64_t mask = 1ULL << bit;

	return __atomic_fetch_and(word, ~mask, __ATOMIC_SEQ_CST) & mask;
}

static inline bool atomic_test_and_set_bit64(volatile uint64_t *word,
					     unsigned int bit)
{
	uint64_t mask = 1ULL << bit;

	return __atomic_fetch_or(word, mask, __ATOMIC_SEQ_CST) & mask;
}

static inline void atomic_set_bit64(volatile uint64_t *word,
				    unsigned int bit)
{
	__atomic_fetch_or(word, 1ULL << bit, __ATOMIC_SEQ_CST);
}

static inline void atomic_clear_bit64(volatile uint64_t *word,
				      unsigned int bit)
{
	__atomic_fetch_and(word, ~(1ULL << bit), __ATOMIC_SEQ_CST);
}

static inline uint64_t atomic_xchg64(volatile uint64_t *p, uint64_t v)
{
	return __atomic_exchange_n(p, v, __ATOMIC_SEQ_CST);
}

static inline bool atomic_cmpxchg16(volatile uint16_t *p, uint16_t *expected,
				    uint16_t desired)
{
	return __atomic_compare_exchange_n(p, expected, desired, false,
					   __ATOMIC_SEQ_CST,
					   __ATOMIC_SEQ_CST);
}

/* Order our writes to shared memory before a later flag write. */
static inline void smp_wmb(void)
{
	__asm__ volatile("dmb ishst" : : : "memory");
}

static inline void smp_rmb(void)
{
	__asm__ volatile("dmb ishld" : : : "memory");
}

static inline void smp_mb(void)
{
	__asm__ volatile("dmb ish" : : : "memory");
}

#endif
