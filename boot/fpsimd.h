/*
 * Each thread's FP/SIMD registers: v0-v31 (128 bits each), FPSR and FPCR,
 * 528 bytes, kept in the thread (kernel/thread.h) and saved there by
 * boot/vectors.S on every exception taken from thread context (EL1t).
 *
 * Why eagerly, on every exception: C library code runs in threads and in
 * handlers alike, and uses SIMD registers (picolibc's snprintf writes
 * q30/q31 and saves q0-q7 in its variadic prologue), so an IRQ handler
 * that logs a line clobbers the interrupted thread's registers unless
 * they were saved on entry.  Building the handlers -mgeneral-regs-only
 * cannot help once they call the library.  Lazy switching (CPACR_EL1.FPEN
 * traps, as Zephyr's arm64 FPU sharing does) saves nothing when most
 * threads print: it adds a trap on each one's first use in a slice, an
 * owner to track, a case for handlers that use the registers, and a
 * CPACR_EL1 write with an ISB on every exception entry and exit.
 *
 * Why in the thread and not in the trap frame: the scheduler switches by
 * copying frames (kernel/sched.c).  Saved here, the registers are never
 * copied: a switch only points fpsimd_save_area at the next thread's
 * state, and the frame stays 304 bytes.  The cost is what the vectors do:
 * 16 STPs and 16 LDPs of q-register pairs, 45 instructions and 1 KiB of
 * stores and loads per exception, next to the 37 registers the frame
 * takes.  FPCR is written back only when it differs: writes to it may be
 * self-synchronising, as Linux's fpsimd_restore_fpcr notes.
 */
#ifndef BOOT_FPSIMD_H
#define BOOT_FPSIMD_H

#define FPSIMD_FPSR		0	/* then fpcr, 8 bytes on */
#define FPSIMD_V		16	/* v0-v31: q-register pairs reach it */
#define FPSIMD_SIZE		528

#ifndef __ASSEMBLER__
#include <stdint.h>

struct fpsimd_state {
	uint64_t fpsr;
	uint64_t fpcr;
	uint64_t v[32][2];	/* low, high 64 bits */
} __attribute__((aligned(16)));

_Static_assert(sizeof(struct fpsimd_state) == FPSIMD_SIZE, "fpsimd size");
_Static_assert(__builtin_offsetof(struct fpsimd_state, v) == FPSIMD_V,
	       "fpsimd v offset");

/*
 * Where the vectors save the registers of the context they interrupt, and
 * trap_return() loads them from, is per CPU: struct cpu's
 * fpsimd_save_area (boot/cpu.h), the running thread's state.  The
 * scheduler (kernel/sched.c) points it at the next thread's whenever it
 * switches; until its first switch the boot CPU's is boot_fpsimd, a
 * boot-time area in boot/vectors.S.
 */
extern struct fpsimd_state boot_fpsimd;
#endif

#endif
