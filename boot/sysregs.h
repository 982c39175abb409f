/*
 * System register bits and encodings used by the boot code and drivers.
 * Shared by assembly and C, so plain #defines only.
 */
#ifndef BOOT_SYSREGS_H
#define BOOT_SYSREGS_H

#define CURRENTEL_EL2			(2 << 2)
#define CPACR_FPEN_ON			(3 << 20)

#define HCR_EL2_RW			(1 << 31)
#define CNTHCTL_EL1PCTEN_EL1PCEN	3
#define CPTR_EL2_NO_TRAPS		0x33ff
#define SCTLR_EL1_RES1			0x30d00800
#define SCTLR_EL1_M			(1 << 0)
#define SCTLR_EL1_A			(1 << 1)
#define SCTLR_EL1_C			(1 << 2)
#define SCTLR_EL1_I			(1 << 12)
#define SCTLR_EL1_WXN			(1 << 19)
#define SPSR_EL1H_MASKED		0x3c5	/* EL1h, D A I F set */
#define SPSR_EL1T			0x4	/* EL1t (SP_EL0), all unmasked */

/* GICv3 CPU interface: spelled as encodings so any assembler takes them. */
#define ICC_SRE_EL2			S3_4_C12_C9_5
#define ICC_SRE_EL2_SRE			(1 << 0)
#define ICC_SRE_EL2_ENABLE		(1 << 3)
#define ICC_SRE_EL1			S3_0_C12_C12_5
#define ICC_PMR_EL1			S3_0_C4_C6_0
#define ICC_IAR1_EL1			S3_0_C12_C12_0
#define ICC_EOIR1_EL1			S3_0_C12_C12_1
#define ICC_BPR1_EL1			S3_0_C12_C12_3
#define ICC_CTLR_EL1			S3_0_C12_C12_4
#define ICC_IGRPEN1_EL1			S3_0_C12_C12_7
#define ICC_SGI1R_EL1			S3_0_C12_C11_5

#ifndef __ASSEMBLER__
#include <stdint.h>

#define STRINGIFY_(x) #x
#define STRINGIFY(x) STRINGIFY_(x)

#define read_sysreg(reg) ({ \
	uint64_t v_; \
	__asm__ volatile("mrs %0, " STRINGIFY(reg) : "=r"(v_)); \
	v_; })

#define write_sysreg(val, reg) \
	__asm__ volatile("msr " STRINGIFY(reg) ", %0" \
			 : : "r"((uint64_t)(val)) : "memory")

static inline void isb(void)
{
	__asm__ volatile("isb" : : : "memory");
}

static inline void dsb_sy(void)
{
	__asm__ volatile("dsb sy" : : : "memory");
}

/* Stores seen by the other CPUs before what follows (an SGI). */
static inline void dsb_ishst(void)
{
	__asm__ volatile("dsb ishst" : : : "memory");
}

static inline void wfi(void)
{
	__asm__ volatile("wfi" : : : "memory");
}
#endif

#endif
