/*
 * The vCPU id Xen on Arm gives the CPU with a given MPIDR, for the
 * hypercalls that name a vCPU (VCPUOP_*, EVTCHNOP_bind_vcpu).  Xen maps
 * ids to virtual affinities linearly, 16 per Aff0 because GICv3's SGI
 * target list holds 16 CPUs: vaffinity_to_vcpuid() in Xen's
 * arch/arm/include/asm/domain.h is Aff0 | Aff1 << 4, and the DT Xen and
 * libxl write names each CPU by vcpuid_to_vaffinity().  Pure, for the
 * host unit tests.
 */
#ifndef XEN_VCPU_ID_H
#define XEN_VCPU_ID_H

#include <stdint.h>

static inline uint32_t xen_vcpu_id(uint64_t mpidr)
{
	uint32_t aff0 = (uint32_t)(mpidr & 0xff);
	uint32_t aff1 = (uint32_t)((mpidr >> 8) & 0xff);

	return aff0 | aff1 << 4;
}

/* The MPIDR affinity of vCPU id (Xen's vcpuid_to_vaffinity()). */
static inline uint64_t xen_vcpu_mpidr(uint32_t id)
{
	return (uint64_t)(id & 0xf) | (uint64_t)(id >> 4 & 0xff) << 8;
}

#endif
