/*
 * The register state saved on every exception, on the exception stack
 * (boot/vectors.S).  sp is the interrupted SP_EL0, or for a nested
 * exception the SP_EL1 right above the frame.
 */
#ifndef BOOT_TRAP_FRAME_H
#define BOOT_TRAP_FRAME_H

#define TRAP_FRAME_X30		240
#define TRAP_FRAME_SP		248
#define TRAP_FRAME_ELR		256
#define TRAP_FRAME_ESR		272
#define TRAP_FRAME_TPIDR	288
#define TRAP_FRAME_SIZE		304

#define TRAP_SYNC		0
#define TRAP_IRQ		1
#define TRAP_FIQ		2
#define TRAP_SERROR		3
#define TRAP_NESTED		4
#define TRAP_BAD_LOWER		5

#ifndef __ASSEMBLER__
#include <stdint.h>

#include "boot/cpu.h"

struct trap_frame {
	uint64_t x[31];
	uint64_t sp;
	uint64_t elr;
	uint64_t spsr;
	uint64_t esr;
	uint64_t far;
	/* The thread pointer (kernel/tls_layout.h): in the frame, so the
	 * scheduler's frame copies switch it with the rest. */
	uint64_t tpidr;
	uint64_t reserved;	/* sp stays 16-aligned below the frame */
};

_Static_assert(sizeof(struct trap_frame) == TRAP_FRAME_SIZE, "frame size");
_Static_assert(__builtin_offsetof(struct trap_frame, x[30]) ==
	       TRAP_FRAME_X30, "x30 offset");
_Static_assert(__builtin_offsetof(struct trap_frame, sp) ==
	       TRAP_FRAME_SP, "sp offset");
_Static_assert(__builtin_offsetof(struct trap_frame, elr) ==
	       TRAP_FRAME_ELR, "elr offset");
_Static_assert(__builtin_offsetof(struct trap_frame, esr) ==
	       TRAP_FRAME_ESR, "esr offset");
_Static_assert(__builtin_offsetof(struct trap_frame, tpidr) ==
	       TRAP_FRAME_TPIDR, "tpidr offset");

/* Resume the context in frame (an assembly tail of the vectors). */
void trap_return(struct trap_frame *frame) __attribute__((noreturn));

/* The frame at the top of this CPU's exception stack, where
 * trap_return() wants an EL1t context (the scheduler's first switch). */
static inline struct trap_frame *trap_first_frame(void)
{
	uintptr_t top = (uintptr_t)this_cpu()->exception_stack_top;

	return (struct trap_frame *)(top - sizeof(struct trap_frame));
}
#endif

#endif
