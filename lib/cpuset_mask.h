/*
 * Internal to lib/: a program's cpu_set_t (<sys/cpuset.h>, glibc's
 * layout) to and from the kernel's affinity masks (bit i: CPU i, 64
 * bits).  The set is taken as its bytes, as Linux copies a set of any
 * size in and out.  Pure: host-tested (tests/unit/test_cpuset.c).
 */
#ifndef LIB_CPUSET_MASK_H
#define LIB_CPUSET_MASK_H

#include <stddef.h>
#include <stdint.h>

/* The CPUs in the set's first size bytes, as a mask.  CPUs from 64 on
 * are ignored: no kernel mask holds them (boot/cpu.h has 8). */
uint64_t cpuset_to_mask(const void *set, size_t size);

/*
 * mask into the set's size bytes, every other CPU cleared: 0, or EINVAL
 * (nothing written) when the set is too small to name each of cpus CPUs,
 * as Linux refuses a set smaller than the CPUs it may have.
 */
int cpuset_from_mask(uint64_t mask, unsigned int cpus, void *set,
		     size_t size);

#endif
