/*
 * Entry point and Linux arm64 Image header (Documentation/arm64/booting).
 *
 * Loaders (Xen, QEMU) enter at the first byte with the MMU off and x0 = DTB.
 * The image is a static PIE linked at 0: until the relocations are applied
 * only PC-relative addressing (adr/adrp) may be used.
 */
#include "cpu.h"
#include "image.h"
#include "sysregs.h"

	.section .text.head, "ax"
	.global _head
_head:
	b	primary_entry		/* code0 */
	.long	0			/* code1 */
	.quad	0			/* text_offset: anywhere 2 MiB aligned */
	.quad	_image_size		/* image_size, bss and stacks included */
	/* flags: little endian (bit 0 = 0), 4K pages (bits 1-2 = 1),
	 * placement anywhere in physical memory (bit 3 = 1) */
	.quad	0xa
	.quad	0, 0, 0			/* res2-res4 */
	.ascii	"ARM\x64"		/* magic */
	.long	0			/* res5: no PE header */

primary_entry:
	mrs	x21, cntvct_el0		/* boot time zero, for the benchmarks */
	mov	x19, x0			/* DTB physical address */
	adr	x20, _head		/* where we were loaded */
	msr	daifset, #0xf

	mrs	x1, CurrentEL
	cmp	x1, #CURRENTEL_EL2
	b.ne	el1_entry
	bl	el2_setup		/* bare QEMU with virtualization=on */

el1_entry:
	/* FP/SIMD on for good, before any exception: the vectors save these
	 * registers (boot/fpsimd.h), and libfdt and C library code use them;
	 * the kernel's own C does not (-mgeneral-regs-only). */
	mov	x1, #CPACR_FPEN_ON
	msr	cpacr_el1, x1
	isb

	/*
	 * rodata and data are stored packed in the file, each right after
	 * what precedes it, and run page-aligned (boot/kernel.ld): move each
	 * up, data (with the relocations) first, since rodata's place is
	 * where data was.  Only PC-relative addresses and the link-time
	 * shifts until the relocations are applied.
	 */
	adrp	x2, __rw_start
	add	x2, x2, :lo12:__rw_start
	adrp	x3, __relr_end
	add	x3, x3, :lo12:__relr_end
	ldr	x4, =__data_shift
	bl	move_up
	adrp	x2, __text_end
	add	x2, x2, :lo12:__text_end
	adrp	x3, __rodata_end
	add	x3, x3, :lo12:__rodata_end
	ldr	x4, =__rodata_shift
	bl	move_up

	/*
	 * Apply the relative relocations, packed as RELR by
	 * scripts/relr-pack.c (scripts/relr.h): the load address is added to
	 * each word named, by an even entry (its offset) or by a bit of an
	 * odd one (bits 1-63: the 63 words after the last one named).  The
	 * stream ends with a 0 and lies where the bss will be (x5: the next
	 * word a bitmap covers), so this comes before the bss is zeroed.
	 */
	adrp	x2, __relr_start
	add	x2, x2, :lo12:__relr_start
1:	ldr	x4, [x2], #8
	cbz	x4, 2f
	tbnz	x4, #0, 7f
	add	x5, x20, x4		/* an offset: relocate that word */
	ldr	x6, [x5]
	add	x6, x6, x20
	str	x6, [x5], #8
	b	1b
7:	mov	x7, x5			/* a bitmap over x5's next 63 words */
8:	lsr	x4, x4, #1
	cbz	x4, 9f
	tbz	x4, #0, 10f
	ldr	x6, [x7]
	add	x6, x6, x20
	str	x6, [x7]
10:	add	x7, x7, #8
	b	8b
9:	add	x5, x5, #63 * 8
	b	1b

2:	adrp	x2, __bss_start
	add	x2, x2, :lo12:__bss_start
	adrp	x3, __bss_end
	add	x3, x3, :lo12:__bss_end
3:	cmp	x2, x3
	b.hs	4f
	stp	xzr, xzr, [x2], #16
	b	3b

	/*
	 * This CPU's struct cpu (boot/cpu.h), before anything can trap: the
	 * vectors find their FP/SIMD save area and stack top through it.
	 */
4:	adrp	x1, cpus
	add	x1, x1, :lo12:cpus
	msr	tpidr_el1, x1
	adrp	x2, boot_fpsimd
	add	x2, x2, :lo12:boot_fpsimd
	str	x2, [x1, #CPU_FPSIMD_SAVE_AREA]
	adrp	x2, exception_stack_top
	add	x2, x2, :lo12:exception_stack_top
	str	x2, [x1, #CPU_EXC_STACK_TOP]
	adrp	x2, exception_stack_guard
	add	x2, x2, :lo12:exception_stack_guard
	str	x2, [x1, #CPU_EXC_STACK_GUARD]
	mrs	x2, mpidr_el1
	str	x2, [x1, #CPU_MPIDR]
	mov	x2, #CPU_ONLINE
	str	w2, [x1, #CPU_STATE]

	/*
	 * The boot code's thread pointer (kernel/tls_layout.h: a 16-byte
	 * control block, then .tdata's image and .tbss's zeros, the latter
	 * already zeroed with the bss).  tpidr_el0 is UNKNOWN at reset, and
	 * the C library keeps errno there.  Threads get their own block
	 * (kernel/sched.c); exceptions save and restore tpidr_el0.
	 */
	adrp	x1, boot_tls
	add	x1, x1, :lo12:boot_tls
	msr	tpidr_el0, x1
	add	x1, x1, #16
	adrp	x2, __tdata_start
	add	x2, x2, :lo12:__tdata_start
	adrp	x3, __tdata_end
	add	x3, x3, :lo12:__tdata_end
5:	cmp	x2, x3
	b.hs	6f
	ldrb	w4, [x2], #1
	strb	w4, [x1], #1
	b	5b

	/*
	 * The kernel runs on SP_EL0 (EL1t) and takes exceptions on SP_EL1
	 * (EL1h), a stack of their own: an overflow into a stack's guard page
	 * then faults onto a stack that still has room (boot/vectors.S).
	 */
6:	msr	spsel, #1
	adrp	x1, exception_stack_top
	add	x1, x1, :lo12:exception_stack_top
	mov	sp, x1
	msr	spsel, #0
	adrp	x1, boot_stack_top
	add	x1, x1, :lo12:boot_stack_top
	mov	sp, x1
	adrp	x1, exception_vectors
	add	x1, x1, :lo12:exception_vectors
	msr	vbar_el1, x1
	isb
	mov	x29, xzr
	mov	x30, xzr
	mov	x0, x19
	mov	x1, x20
	mov	x2, x21
	bl	kernel_main
halt:	wfi
	b	halt

/*
 * secondary_entry(x0 = its struct cpu): where PSCI CPU_ON starts another
 * CPU (kernel/smp.c), with its MMU off, at EL1 (Xen) or EL2 (bare QEMU
 * with virtualization=on).  The image is relocated and in use: no
 * relocation, no BSS clear, and no cache invalidation over it (that would
 * throw away the boot CPU's dirty lines).  Until the MMU is on, loads are
 * non-cacheable: the boot block in struct cpu was cleaned to the point of
 * coherency for it, and nothing is stored.
 */
	.global secondary_entry
secondary_entry:
	msr	daifset, #0xf
	mov	x19, x0
	mrs	x1, CurrentEL
	cmp	x1, #CURRENTEL_EL2
	b.ne	1f
	bl	el2_setup
1:	mov	x1, #CPACR_FPEN_ON
	msr	cpacr_el1, x1
	ldr	x1, [x19, #CPU_BOOT_MAIR]
	msr	mair_el1, x1
	ldr	x1, [x19, #CPU_BOOT_TCR]
	msr	tcr_el1, x1
	ldr	x1, [x19, #CPU_BOOT_TTBR0]
	msr	ttbr0_el1, x1
	isb
	tlbi	vmalle1
	ic	iallu
	dsb	nsh
	isb
	ldr	x1, [x19, #CPU_BOOT_SCTLR]
	msr	sctlr_el1, x1
	isb
	/* The MMU is on, with the boot CPU's tables (identity map and the
	 * stack window): now the stacks and the vectors. */
	msr	tpidr_el1, x19
	msr	spsel, #1
	ldr	x1, [x19, #CPU_EXC_STACK_TOP]
	mov	sp, x1
	msr	spsel, #0
	ldr	x1, [x19, #CPU_BOOT_SP]
	mov	sp, x1
	ldr	x1, [x19, #CPU_BOOT_TPIDR0]
	msr	tpidr_el0, x1
	ldr	x1, [x19, #CPU_BOOT_VBAR]
	msr	vbar_el1, x1
	isb
	mov	x29, xzr
	mov	x30, xzr
	ldr	x1, [x19, #CPU_BOOT_ENTRY]
	mov	x0, x19
	blr	x1
	b	halt

/*
 * move_up(x2 = start, x3 = end, x4 = by): move the words at [x2 - x4,
 * x3 - x4) to [x2, x3), last first (the two may overlap).  With the MMU
 * off every access is Device memory: aligned words only, and each store
 * goes to memory (mmu_turn_on drops any stale cached line over the image
 * before the caches are used).  Clobbers x3, x5, x6.
 */
	.text
move_up:
	cbz	x4, 2f
	sub	x5, x3, x4
1:	cmp	x3, x2
	b.ls	2f
	ldr	x6, [x5, #-8]!
	str	x6, [x3, #-8]!
	b	1b
2:	ret

/*
 * Running at EL2 without a hypervisor: give EL1 the machine (AArch64,
 * no traps on timers, FP or GICv3 system registers) and drop to EL1h.
 */
el2_setup:
	mov	x1, #HCR_EL2_RW
	msr	hcr_el2, x1
	mrs	x1, cnthctl_el2
	orr	x1, x1, #CNTHCTL_EL1PCTEN_EL1PCEN
	msr	cnthctl_el2, x1
	msr	cntvoff_el2, xzr
	mov	x1, #CPTR_EL2_NO_TRAPS
	msr	cptr_el2, x1
	msr	hstr_el2, xzr
	mrs	x1, midr_el1
	msr	vpidr_el2, x1
	mrs	x1, mpidr_el1
	msr	vmpidr_el2, x1
	mrs	x1, id_aa64pfr0_el1
	ubfx	x1, x1, #24, #4		/* GIC system register interface */
	cbz	x1, 1f
	mrs	x1, ICC_SRE_EL2
	orr	x1, x1, #ICC_SRE_EL2_SRE
	orr	x1, x1, #ICC_SRE_EL2_ENABLE
	msr	ICC_SRE_EL2, x1
	isb
1:	ldr	x1, =SCTLR_EL1_RES1
	msr	sctlr_el1, x1
	mov	x1, #SPSR_EL1H_MASKED
	msr	spsr_el2, x1
	msr	elr_el2, x30
	eret

/*
 * mmu_turn_on(mair, tcr, ttbr0, image_start, image_end)
 * Called with the MMU off.  Everything written so far went straight to
 * memory, so drop any stale lines the loader left for the image before the
 * caches start answering for it.
 */
	.text
	.global mmu_turn_on
mmu_turn_on:
	mrs	x5, ctr_el0
	ubfx	x5, x5, #16, #4		/* DminLine: log2(words) */
	mov	x6, #4
	lsl	x6, x6, x5		/* line size in bytes */
	sub	x7, x6, #1
	bic	x3, x3, x7
1:	dc	ivac, x3
	add	x3, x3, x6
	cmp	x3, x4
	b.lo	1b
	dsb	sy
	msr	mair_el1, x0
	msr	tcr_el1, x1
	msr	ttbr0_el1, x2
	isb
	tlbi	vmalle1
	ic	iallu
	dsb	nsh
	isb
	mrs	x0, sctlr_el1
	orr	x0, x0, #SCTLR_EL1_M
	orr	x0, x0, #SCTLR_EL1_C
	orr	x0, x0, #SCTLR_EL1_I
	bic	x0, x0, #SCTLR_EL1_A
	orr	x0, x0, #SCTLR_EL1_WXN	/* belt and braces for W^X */
	msr	sctlr_el1, x0
	isb
	ret
