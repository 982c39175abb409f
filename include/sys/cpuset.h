/*
 * Sets of CPUs, as glibc's <sched.h> gives them with _GNU_SOURCE:
 * cpu_set_t (1024 bits, in unsigned longs) and the CPU_* macros, for
 * sched_setaffinity() and pthread_setaffinity_np().  CPU i is Osprey's
 * CPU index i, the number sched_getcpu() returns.
 *
 * picolibc's <sched.h> declares sched_getaffinity() and
 * sched_setaffinity() only where cpu_set_t "is defined through indirect
 * inclusion of sys/cpuset.h", that is, once this header's guard,
 * _SYS_CPUSET_H_, is defined.  Our <sys/sched.h>, which picolibc's
 * <sched.h> includes first, includes this header under _GNU_SOURCE, so a
 * program written for glibc builds unchanged.
 *
 * As in glibc, a CPU number at or past the set's size is ignored by
 * CPU_SET and CPU_CLR and is never in the set for CPU_ISSET.
 */
#ifndef _SYS_CPUSET_H_
#define _SYS_CPUSET_H_

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define CPU_SETSIZE	1024

typedef unsigned long __cpu_mask;

#define __NCPUBITS	(8 * sizeof(__cpu_mask))

typedef struct {
	__cpu_mask __bits[CPU_SETSIZE / (8 * sizeof(__cpu_mask))];
} cpu_set_t;

/* The bytes of a set holding count CPUs (glibc's CPU_ALLOC_SIZE). */
#define CPU_ALLOC_SIZE(count) \
	((((size_t)(count) + __NCPUBITS - 1) / __NCPUBITS) * \
	 sizeof(__cpu_mask))

static __inline void __cpuset_zero(size_t size, cpu_set_t *set)
{
	unsigned char *bytes = (unsigned char *)set;
	size_t i;

	for (i = 0; i < size; i++)
		bytes[i] = 0;
}

static __inline void __cpuset_set(size_t cpu, size_t size, cpu_set_t *set)
{
	if (cpu / 8 < size)
		set->__bits[cpu / __NCPUBITS] |=
			(__cpu_mask)1 << (cpu % __NCPUBITS);
}

static __inline void __cpuset_clr(size_t cpu, size_t size, cpu_set_t *set)
{
	if (cpu / 8 < size)
		set->__bits[cpu / __NCPUBITS] &=
			~((__cpu_mask)1 << (cpu % __NCPUBITS));
}

static __inline int __cpuset_isset(size_t cpu, size_t size,
				   const cpu_set_t *set)
{
	return cpu / 8 < size &&
	       (set->__bits[cpu / __NCPUBITS] >> (cpu % __NCPUBITS)) & 1;
}

static __inline int __cpuset_count(size_t size, const cpu_set_t *set)
{
	size_t i;
	int n = 0;

	for (i = 0; i < size / sizeof(__cpu_mask); i++)
		n += __builtin_popcountl(set->__bits[i]);
	return n;
}

static __inline int __cpuset_equal(size_t size, const cpu_set_t *a,
				   const cpu_set_t *b)
{
	size_t i;

	for (i = 0; i < size / sizeof(__cpu_mask); i++)
		if (a->__bits[i] != b->__bits[i])
			return 0;
	return 1;
}

/* The _S forms take the set's size in bytes (a multiple of
 * sizeof(unsigned long), as CPU_ALLOC_SIZE gives). */
#define CPU_ZERO_S(size, set)		__cpuset_zero((size), (set))
#define CPU_SET_S(cpu, size, set)	__cpuset_set((cpu), (size), (set))
#define CPU_CLR_S(cpu, size, set)	__cpuset_clr((cpu), (size), (set))
#define CPU_ISSET_S(cpu, size, set)	__cpuset_isset((cpu), (size), (set))
#define CPU_COUNT_S(size, set)		__cpuset_count((size), (set))
#define CPU_EQUAL_S(size, a, b)		__cpuset_equal((size), (a), (b))

#define CPU_ZERO(set)		CPU_ZERO_S(sizeof(cpu_set_t), (set))
#define CPU_SET(cpu, set)	CPU_SET_S((cpu), sizeof(cpu_set_t), (set))
#define CPU_CLR(cpu, set)	CPU_CLR_S((cpu), sizeof(cpu_set_t), (set))
#define CPU_ISSET(cpu, set)	CPU_ISSET_S((cpu), sizeof(cpu_set_t), (set))
#define CPU_COUNT(set)		CPU_COUNT_S(sizeof(cpu_set_t), (set))
#define CPU_EQUAL(a, b)		CPU_EQUAL_S(sizeof(cpu_set_t), (a), (b))

#ifdef __cplusplus
}
#endif

#endif
