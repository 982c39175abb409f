/*
 * Per-CPU state the boot code and the vectors reach: each CPU's
 * TPIDR_EL1 points at its own struct cpu (set by head.S before the first
 * exception, and by secondary_entry for the others).  The offsets are
 * spelled out for the assembly, and checked below.
 *
 * Owners: cpus[i] is written by CPU i itself once it runs, and by the CPU
 * that starts it (kernel/smp.c) before it runs; the boot block is read by
 * CPU i with its MMU off, so its writer cleans it to the point of
 * coherency first.
 */
#ifndef BOOT_CPU_H
#define BOOT_CPU_H

/* GICv2 and Xen's vGICv2 reach 8 CPUs; fdt/ keeps PLATFORM_MAX_CPUS. */
#define CPU_MAX			8

#define CPU_FPSIMD_SAVE_AREA	0
#define CPU_EXC_STACK_TOP	8
#define CPU_EXC_STACK_GUARD	16
#define CPU_BOOT_MAIR		24
#define CPU_BOOT_TCR		32
#define CPU_BOOT_TTBR0		40
#define CPU_BOOT_SCTLR		48
#define CPU_BOOT_VBAR		56
#define CPU_BOOT_SP		64
#define CPU_BOOT_TPIDR0		72
#define CPU_BOOT_ENTRY		80
#define CPU_MPIDR		88
#define CPU_STATE		104
#define CPU_SIZE		128

/* struct cpu's state. */
#define CPU_OFF			0
#define CPU_STARTING		1
#define CPU_ONLINE		2
#define CPU_ABANDONED		3	/* came up too late: must turn off */

#ifndef __ASSEMBLER__
#include <stdint.h>

#include "boot/fpsimd.h"

struct cpu {
	/* Where the vectors save the interrupted thread's FP/SIMD state
	 * (boot/fpsimd.h): the running thread's, set by the scheduler. */
	struct fpsimd_state *fpsimd_save_area;
	uint64_t exception_stack_top;	/* SP_EL1 when a thread runs */
	uint64_t exception_stack_guard;	/* the unmapped page below it */
	/* What secondary_entry (boot/head.S) loads, MMU off. */
	uint64_t boot_mair, boot_tcr, boot_ttbr0, boot_sctlr, boot_vbar;
	uint64_t boot_sp;		/* SP_EL0: its idle thread's stack */
	uint64_t boot_tpidr_el0;	/* its idle thread's TLS */
	uint64_t boot_entry;		/* void entry(struct cpu *) */
	uint64_t mpidr;
	unsigned int index;
	/* Depth of the kernel lock this CPU holds (boot/kernel_lock.c). */
	unsigned int lock_depth;
	volatile int state;		/* CPU_OFF ... */
} __attribute__((aligned(64)));

_Static_assert(sizeof(struct cpu) == CPU_SIZE, "struct cpu size");
_Static_assert(__builtin_offsetof(struct cpu, exception_stack_top) ==
	       CPU_EXC_STACK_TOP, "cpu exception stack offset");
_Static_assert(__builtin_offsetof(struct cpu, exception_stack_guard) ==
	       CPU_EXC_STACK_GUARD, "cpu guard offset");
_Static_assert(__builtin_offsetof(struct cpu, boot_mair) == CPU_BOOT_MAIR,
	       "cpu boot block offset");
_Static_assert(__builtin_offsetof(struct cpu, boot_entry) == CPU_BOOT_ENTRY,
	       "cpu boot entry offset");
_Static_assert(__builtin_offsetof(struct cpu, mpidr) == CPU_MPIDR,
	       "cpu mpidr offset");
_Static_assert(__builtin_offsetof(struct cpu, state) == CPU_STATE,
	       "cpu state offset");

extern struct cpu cpus[CPU_MAX];

static inline struct cpu *this_cpu(void)
{
	struct cpu *c;

	__asm__ volatile("mrs %0, tpidr_el1" : "=r"(c));
	return c;
}

/* Where PSCI starts a CPU: x0 is its struct cpu (boot/head.S). */
void secondary_entry(void);

/* MPIDR_EL1's affinity fields (Aff3, Aff2-Aff0), as a DT's cpu reg. */
#define MPIDR_AFFINITY_MASK	0xff00ffffffULL

/*
 * Write [p, p + n) back to memory (the point of coherency), for a CPU
 * that reads it with its MMU and caches off.
 */
static inline void dcache_clean_poc(const void *p, unsigned long n)
{
	uint64_t ctr, line;
	uintptr_t a, end = (uintptr_t)p + n;

	__asm__ volatile("mrs %0, ctr_el0" : "=r"(ctr));
	line = 4ULL << ((ctr >> 16) & 0xf);	/* DminLine: log2(words) */
	for (a = (uintptr_t)p & ~(uintptr_t)(line - 1); a < end; a += line)
		__asm__ volatile("dc cvac, %0" : : "r"(a) : "memory");
	__asm__ volatile("dsb sy" : : : "memory");
}

/* This CPU's index in cpus[] (0 is the boot CPU).  A thread that may be
 * preempted and moved reads a CPU it may already have left. */
static inline unsigned int cpu_index(void)
{
	return this_cpu()->index;
}
#endif

#endif
