/*
 * SMC Calling Convention (Arm DEN 0028) calls through the PSCI conduit the
 * DT named, and the one question the kernel asks with them: is Xen
 * underneath, even when the DT has no /hypervisor node?
 */
#ifndef DRIVERS_SMCCC_H
#define DRIVERS_SMCCC_H

#include <stdbool.h>
#include <stdint.h>

#include "fdt/platform.h"

/* x0..x3 as the callee left them; what they mean is the function's. */
struct smccc_result {
	uint64_t x0, x1, x2, x3;
};

/* w0 of a function the callee does not implement (SMCCC: -1). */
#define SMCCC_NOT_SUPPORTED	0xffffffffu

/*
 * Call fn(a1, a2, a3) through conduit (hvc #0 or smc #0).  With PSCI_NONE
 * nothing is called and x0 is SMCCC_NOT_SUPPORTED.  The caller must know
 * the callee implements fn: on bare QEMU an unknown hvc or smc is
 * UNDEFINED, not "not supported".
 */
struct smccc_result smccc_call(enum psci_method conduit, uint32_t fn,
			       uint64_t a1, uint64_t a2, uint64_t a3);

/*
 * The SMCCC version p's PSCI conduit implements (major << 16 | minor, e.g.
 * 0x10001 for 1.1), asked the way Linux does so that nothing faults:
 * PSCI_VERSION only of a DT that names PSCI 0.2 or later, PSCI_FEATURES
 * only of PSCI >= 1.0, SMCCC_VERSION only if PSCI_FEATURES lists it.
 * Returns the version (> 0), -ENOENT when p has no conduit or only PSCI
 * 0.1, or -ENOSYS when PSCI is older than 1.0 or does not implement
 * SMCCC_VERSION (so the conduit speaks SMCCC 1.0 at best).
 */
int smccc_version(const struct platform *p);

/*
 * Does the Call UID in r (w0..w3, four bytes a register, the first byte
 * lowest) spell uid?  Pure.
 */
bool smccc_uid_equal(const struct smccc_result *r, const uint8_t uid[16]);

/*
 * True when Xen answers p's PSCI conduit: SMCCC >= 1.1 (smccc_version())
 * and the hypervisor service Call UID (0x8500ff01) is XEN_SMCCC_UID.
 * False otherwise, KVM and firmware included; never makes a call that
 * could fault.
 */
bool smccc_hypervisor_is_xen(const struct platform *p);

#endif
