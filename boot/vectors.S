/*
 * Exception vectors.  Every exception saves a full struct trap_frame on the
 * current stack and calls trap_dispatch(frame, kind), which returns the
 * frame to resume: the same one, or another thread's (that is how the
 * scheduler switches threads, from both interrupts and `svc #0`).
 */
#include "trap_frame.h"

.macro save_frame
	sub	sp, sp, #TRAP_FRAME_SIZE
	stp	x0, x1, [sp, #16 * 0]
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
	add	x0, sp, #TRAP_FRAME_SIZE
	stp	x30, x0, [sp, #TRAP_FRAME_X30]
	mrs	x0, elr_el1
	mrs	x1, spsr_el1
	stp	x0, x1, [sp, #TRAP_FRAME_ELR]
	mrs	x0, esr_el1
	mrs	x1, far_el1
	stp	x0, x1, [sp, #TRAP_FRAME_ESR]
.endm

.macro vector kind
	.align	7
	save_frame
	mov	x0, sp
	mov	x1, #\kind
	b	trap_common
.endm

	.section .text.vectors, "ax"
	.align	11
	.global exception_vectors
exception_vectors:
	vector	TRAP_BAD_SP0		/* current EL, SP_EL0: never used */
	vector	TRAP_BAD_SP0
	vector	TRAP_BAD_SP0
	vector	TRAP_BAD_SP0
	vector	TRAP_SYNC		/* current EL, SP_ELx */
	vector	TRAP_IRQ
	vector	TRAP_FIQ
	vector	TRAP_SERROR
	vector	TRAP_BAD_LOWER		/* lower EL: no EL0 here */
	vector	TRAP_BAD_LOWER
	vector	TRAP_BAD_LOWER
	vector	TRAP_BAD_LOWER
	vector	TRAP_BAD_LOWER
	vector	TRAP_BAD_LOWER
	vector	TRAP_BAD_LOWER
	vector	TRAP_BAD_LOWER

trap_common:
	bl	trap_dispatch
	/* fall through: x0 is the frame to resume */

/* trap_return(frame): resume the context saved in frame; never returns. */
	.global trap_return
trap_return:
	mov	sp, x0
	ldp	x0, x1, [sp, #TRAP_FRAME_ELR]
	msr	elr_el1, x0
	msr	spsr_el1, x1
	ldp	x0, x1, [sp, #16 * 0]
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
