/*
 * SMCCC calls, and whether Xen is underneath without a /hypervisor node
 * (a dom0less domU built without "xen,enhanced").
 */
#include <stdint.h>

#include <xen/xen.h>
#include <xen/arch-arm/smccc.h>

#include "drivers/smccc.h"
#include "kernel/errno.h"

#define PSCI_VERSION		0x84000000u
#define PSCI_FEATURES		0x8400000au
#define SMCCC_VERSION		0x80000000u
/*
 * Call UID of service owner 5, which Xen names ARM_SMCCC_OWNER_HYPERVISOR
 * (arch/arm/include/asm/smccc.h, vsmc.c answers it with XEN_SMCCC_UID).
 * Not owner 6, the vendor-specific hypervisor range (0x8600ff01) where KVM
 * answers: Xen 4.17 calls that one unhandled and returns -1.
 */
#define SMCCC_HYP_CALL_UID	0x8500ff01u

#define PSCI_1_0		0x10000
#define SMCCC_1_1		0x10001

struct smccc_result smccc_call(enum psci_method conduit, uint32_t fn,
			       uint64_t a1, uint64_t a2, uint64_t a3)
{
	register uint64_t x0 __asm__("x0") = fn;
	register uint64_t x1 __asm__("x1") = a1;
	register uint64_t x2 __asm__("x2") = a2;
	register uint64_t x3 __asm__("x3") = a3;

	/* SMCCC 1.1 and later preserve x4-x17; 1.0 does not promise it. */
	if (conduit == PSCI_HVC)
		__asm__ volatile("hvc #0"
				 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
				 :
				 : "x4", "x5", "x6", "x7", "x8", "x9", "x10",
				   "x11", "x12", "x13", "x14", "x15", "x16",
				   "x17", "memory");
	else if (conduit == PSCI_SMC)
		__asm__ volatile("smc #0"
				 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
				 :
				 : "x4", "x5", "x6", "x7", "x8", "x9", "x10",
				   "x11", "x12", "x13", "x14", "x15", "x16",
				   "x17", "memory");
	else
		x0 = SMCCC_NOT_SUPPORTED;
	return (struct smccc_result){ x0, x1, x2, x3 };
}

/* w0 as the signed 32-bit value PSCI and SMCCC return. */
static int32_t call_w0(enum psci_method conduit, uint32_t fn, uint64_t a1)
{
	return (int32_t)smccc_call(conduit, fn, a1, 0, 0).x0;
}

int smccc_version(const struct platform *p)
{
	int32_t v;

	if (p->psci == PSCI_NONE || !p->psci_0_2)
		return -ENOENT;
	v = call_w0(p->psci, PSCI_VERSION, 0);
	if (v < PSCI_1_0)
		return -ENOSYS;
	/* PSCI_FEATURES: 0 or a positive flags word when implemented. */
	if (call_w0(p->psci, PSCI_FEATURES, SMCCC_VERSION) < 0)
		return -ENOSYS;
	v = call_w0(p->psci, SMCCC_VERSION, 0);
	return v > 0 ? v : -ENOSYS;
}

bool smccc_hypervisor_is_xen(const struct platform *p)
{
	static const xen_uuid_t xen_uid = XEN_SMCCC_UID;
	struct smccc_result r;

	/* SMCCC 1.0 has no hypervisor service range to ask. */
	if (smccc_version(p) < SMCCC_1_1)
		return false;
	r = smccc_call(p->psci, SMCCC_HYP_CALL_UID, 0, 0, 0);
	return smccc_uid_equal(&r, xen_uid.a);
}
