/*
 * Exception vectors.
 *
 * Stacks: all kernel code, boot included, runs at EL1t on SP_EL0; an
 * exception switches to EL1h and SP_EL1, the exception stack, which is
 * empty whenever a thread runs.  So a thread or the boot code that runs
 * off its stack into the guard page below it faults onto a stack with
 * room, and kernel/trap.c can say whose stack overflowed.  (Taking the
 * fault on the stack that overflowed would fault again on the first
 * push.)
 *
 * Every exception saves a full struct trap_frame at the top of the
 * exception stack and calls trap_dispatch(frame, kind), which returns the
 * frame to resume; the scheduler switches threads by copying contexts in
 * and out of that frame (kernel/sched.c), from interrupts and `svc #0`;
 * the frame holds tpidr_el0, so each thread keeps its own TLS and the
 * handlers run on the interrupted thread's.
 * An exception from thread context also saves the FP/SIMD registers, into
 * the thread itself (boot/fpsimd.h says why), so that handlers may use
 * them; trap_return() loads those of the thread it resumes.
 *
 * An exception taken while already on the exception stack (EL1h) is a bug
 * in a handler and fatal.  Its frame goes below the current SP_EL1; if
 * that is past the bottom of the exception stack (a handler recursed into
 * its guard page), there is no stack to report on, so the entry resets SP
 * to the top of the exception stack and reports the overflow from there.
 */
#include "cpu.h"
#include "fpsimd.h"
#include "image.h"
#include "trap_frame.h"

/* Store x2-x30 and the system registers; x0/x1 are stored by the entry. */
.macro save_rest
	stp	x2, x3, [sp, #16 * 1]
	stp	x4, x5, [sp, #16 * 2]
	stp	x6, x7, [sp, #16 * 3]
	stp	x8, x9, [sp, #16 * 4]
	stp	x10, x11, [sp, #16 * 5]
	stp	x12, x13, [sp, #16 * 6]
	stp	x14, x15, [sp, #16 * 7]
	stp	x16, x17, [sp, #16 * 8]
	stp	x18, x19, [sp, #16 * 9]
	stp	x20, x21, [sp, #16 * 10]
	stp	x22, x23, [sp, #16 * 11]
	stp	x24, x25, [sp, #16 * 12]
	stp	x26, x27, [sp, #16 * 13]
	stp	x28, x29, [sp, #16 * 14]
	mrs	x2, elr_el1
	mrs	x3, spsr_el1
	stp	x2, x3, [sp, #TRAP_FRAME_ELR]
	mrs	x2, esr_el1
	mrs	x3, far_el1
	stp	x2, x3, [sp, #TRAP_FRAME_ESR]
	mrs	x2, tpidr_el0
	str	x2, [sp, #TRAP_FRAME_TPIDR]
.endm

/*
 * The FP/SIMD registers to and from *fpsimd_save_area.  Save: x2-x4 are
 * free (stored by save_rest).  Load: every general register is free (the
 * frame's are loaded afterwards).
 */
.macro save_fpsimd
	mrs	x2, tpidr_el1
	ldr	x2, [x2, #CPU_FPSIMD_SAVE_AREA]
	stp	q0, q1, [x2, #FPSIMD_V + 32 * 0]
	stp	q2, q3, [x2, #FPSIMD_V + 32 * 1]
	stp	q4, q5, [x2, #FPSIMD_V + 32 * 2]
	stp	q6, q7, [x2, #FPSIMD_V + 32 * 3]
	stp	q8, q9, [x2, #FPSIMD_V + 32 * 4]
	stp	q10, q11, [x2, #FPSIMD_V + 32 * 5]
	stp	q12, q13, [x2, #FPSIMD_V + 32 * 6]
	stp	q14, q15, [x2, #FPSIMD_V + 32 * 7]
	stp	q16, q17, [x2, #FPSIMD_V + 32 * 8]
	stp	q18, q19, [x2, #FPSIMD_V + 32 * 9]
	stp	q20, q21, [x2, #FPSIMD_V + 32 * 10]
	stp	q22, q23, [x2, #FPSIMD_V + 32 * 11]
	stp	q24, q25, [x2, #FPSIMD_V + 32 * 12]
	stp	q26, q27, [x2, #FPSIMD_V + 32 * 13]
	stp	q28, q29, [x2, #FPSIMD_V + 32 * 14]
	stp	q30, q31, [x2, #FPSIMD_V + 32 * 15]
	mrs	x3, fpsr
	mrs	x4, fpcr
	stp	x3, x4, [x2, #FPSIMD_FPSR]
.endm

.macro load_fpsimd
	mrs	x0, tpidr_el1
	ldr	x0, [x0, #CPU_FPSIMD_SAVE_AREA]
	ldp	q0, q1, [x0, #FPSIMD_V + 32 * 0]
	ldp	q2, q3, [x0, #FPSIMD_V + 32 * 1]
	ldp	q4, q5, [x0, #FPSIMD_V + 32 * 2]
	ldp	q6, q7, [x0, #FPSIMD_V + 32 * 3]
	ldp	q8, q9, [x0, #FPSIMD_V + 32 * 4]
	ldp	q10, q11, [x0, #FPSIMD_V + 32 * 5]
	ldp	q12, q13, [x0, #FPSIMD_V + 32 * 6]
	ldp	q14, q15, [x0, #FPSIMD_V + 32 * 7]
	ldp	q16, q17, [x0, #FPSIMD_V + 32 * 8]
	ldp	q18, q19, [x0, #FPSIMD_V + 32 * 9]
	ldp	q20, q21, [x0, #FPSIMD_V + 32 * 10]
	ldp	q22, q23, [x0, #FPSIMD_V + 32 * 11]
	ldp	q24, q25, [x0, #FPSIMD_V + 32 * 12]
	ldp	q26, q27, [x0, #FPSIMD_V + 32 * 13]
	ldp	q28, q29, [x0, #FPSIMD_V + 32 * 14]
	ldp	q30, q31, [x0, #FPSIMD_V + 32 * 15]
	ldp	x1, x2, [x0, #FPSIMD_FPSR]
	msr	fpsr, x1
	/* Writes to FPCR may be self-synchronising: only when it differs. */
	mrs	x3, fpcr
	cmp	x3, x2
	b.eq	9f
	msr	fpcr, x2
9:
.endm

/* From EL1t: SP_EL1 is the empty exception stack. */
.macro vector_thread kind
	.align	7
	sub	sp, sp, #TRAP_FRAME_SIZE
	stp	x0, x1, [sp, #16 * 0]
	mov	x1, #\kind
	b	entry_thread
.endm

/*
 * From EL1h, nested.  The overflow test needs a register and has none:
 * it parks x0 in sp for a moment (Linux's trick in its kernel_ventry).
 * Below the exception stack's base, bit EXCEPTION_STACK_SHIFT of sp is 1.
 */
.macro vector_nested
	.align	7
	sub	sp, sp, #TRAP_FRAME_SIZE
	add	sp, sp, x0			/* sp = sp' + x0 */
	sub	x0, sp, x0			/* x0 = sp' */
	tbnz	x0, #EXCEPTION_STACK_SHIFT, exception_stack_overflowed
	sub	x0, sp, x0			/* x0 = x0 */
	sub	sp, sp, x0			/* sp = sp' */
	stp	x0, x1, [sp, #16 * 0]
	mov	x1, #TRAP_NESTED
	b	entry_nested
.endm

.macro vector_lower
	.align	7
	sub	sp, sp, #TRAP_FRAME_SIZE
	stp	x0, x1, [sp, #16 * 0]
	mov	x1, #TRAP_BAD_LOWER
	b	entry_nested
.endm

	.section .text.vectors, "ax"
	.align	11
	.global exception_vectors
exception_vectors:
	vector_thread	TRAP_SYNC	/* current EL, SP_EL0: kernel code */
	vector_thread	TRAP_IRQ
	vector_thread	TRAP_FIQ
	vector_thread	TRAP_SERROR
	vector_nested			/* current EL, SP_EL1: a handler */
	vector_nested
	vector_nested
	vector_nested
	vector_lower			/* lower EL: no EL0 here */
	vector_lower
	vector_lower
	vector_lower
	vector_lower
	vector_lower
	vector_lower
	vector_lower

entry_thread:
	save_rest
	save_fpsimd
	mrs	x0, sp_el0
	b	1f
entry_nested:
	save_rest
	add	x0, sp, #TRAP_FRAME_SIZE
1:	stp	x30, x0, [sp, #TRAP_FRAME_X30]
	mov	x0, sp
	bl	trap_dispatch
	/* fall through: x0 is the frame to resume */

/*
 * trap_return(frame): resume the context saved in frame; never returns.
 * A frame from EL1t sits at the top of the exception stack (sched_start()
 * puts the first one there); a nested one right below the sp it saved.
 * A nested exception saves no FP/SIMD registers (it never returns: it is
 * fatal, kernel/trap.c), so those loaded are always a thread's.
 */
	.global trap_return
trap_return:
	msr	daifset, #0xf
	msr	spsel, #1
	mov	sp, x0
	load_fpsimd
	ldr	x0, [sp, #TRAP_FRAME_TPIDR]
	msr	tpidr_el0, x0
	ldp	x0, x1, [sp, #TRAP_FRAME_ELR]
	msr	elr_el1, x0
	msr	spsr_el1, x1
	tbnz	x1, #0, 1f			/* M[0]: EL1h keeps SP_EL1 */
	ldr	x0, [sp, #TRAP_FRAME_SP]
	msr	sp_el0, x0
1:	ldp	x0, x1, [sp, #16 * 0]
	ldp	x2, x3, [sp, #16 * 1]
	ldp	x4, x5, [sp, #16 * 2]
	ldp	x6, x7, [sp, #16 * 3]
	ldp	x8, x9, [sp, #16 * 4]
	ldp	x10, x11, [sp, #16 * 5]
	ldp	x12, x13, [sp, #16 * 6]
	ldp	x14, x15, [sp, #16 * 7]
	ldp	x16, x17, [sp, #16 * 8]
	ldp	x18, x19, [sp, #16 * 9]
	ldp	x20, x21, [sp, #16 * 10]
	ldp	x22, x23, [sp, #16 * 11]
	ldp	x24, x25, [sp, #16 * 12]
	ldp	x26, x27, [sp, #16 * 13]
	ldp	x28, x29, [sp, #16 * 14]
	ldr	x30, [sp, #TRAP_FRAME_X30]
	add	sp, sp, #TRAP_FRAME_SIZE
	eret

/* The registers are lost; ELR, ESR and FAR still tell the story. */
exception_stack_overflowed:
	mrs	x0, tpidr_el1
	ldr	x0, [x0, #CPU_EXC_STACK_TOP]
	mov	sp, x0
	bl	trap_exception_stack_overflow
	b	.

/*
 * The area the boot CPU's fpsimd_save_area (boot/cpu.h) names until the
 * scheduler's first switch: exceptions during boot save there.
 */
	.section .bss.boot_fpsimd, "aw", %nobits
	.balign	16
	.global	boot_fpsimd
boot_fpsimd:
	.skip	FPSIMD_SIZE
