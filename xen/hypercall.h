/*
 * Typed hypercall wrappers.  Each returns Xen's result: >= 0 on success,
 * a negative Xen errno (the Linux values, see kernel/errno.h) on failure;
 * callers check and report it.  Arguments pointing at memory pass the
 * identity-mapped (guest-physical) address, in cacheable RAM.
 */
#ifndef XEN_HYPERCALL_H
#define XEN_HYPERCALL_H

#include <stdint.h>

#include <xen/xen.h>
#include <xen/event_channel.h>
#include <xen/features.h>
#include <xen/grant_table.h>
#include <xen/hvm/hvm_op.h>
#include <xen/hvm/params.h>
#include <xen/memory.h>
#include <xen/sched.h>
#include <xen/vcpu.h>
#include <xen/version.h>

long xen_hypercall(unsigned long op, unsigned long a1, unsigned long a2,
		   unsigned long a3, unsigned long a4, unsigned long a5);

#define XEN_ARG(p) ((unsigned long)(uintptr_t)(p))

static inline long hyp_console_io(int cmd, unsigned long len,
				  const char *buf)
{
	return xen_hypercall(__HYPERVISOR_console_io, (unsigned long)cmd, len,
			     XEN_ARG(buf), 0, 0);
}

static inline long hyp_xen_version(int cmd, void *arg)
{
	return xen_hypercall(__HYPERVISOR_xen_version, (unsigned long)cmd,
			     XEN_ARG(arg), 0, 0, 0);
}

static inline long hyp_memory_op(int cmd, void *arg)
{
	return xen_hypercall(__HYPERVISOR_memory_op, (unsigned long)cmd,
			     XEN_ARG(arg), 0, 0, 0);
}

static inline long hyp_event_channel_op(int cmd, void *arg)
{
	return xen_hypercall(__HYPERVISOR_event_channel_op,
			     (unsigned long)cmd, XEN_ARG(arg), 0, 0, 0);
}

static inline long hyp_grant_table_op(int cmd, void *arg,
				      unsigned int count)
{
	return xen_hypercall(__HYPERVISOR_grant_table_op, (unsigned long)cmd,
			     XEN_ARG(arg), count, 0, 0);
}

static inline long hyp_sched_op(int cmd, void *arg)
{
	return xen_hypercall(__HYPERVISOR_sched_op, (unsigned long)cmd,
			     XEN_ARG(arg), 0, 0, 0);
}

static inline long hyp_vcpu_op(int cmd, unsigned int vcpu, void *arg)
{
	return xen_hypercall(__HYPERVISOR_vcpu_op, (unsigned long)cmd, vcpu,
			     XEN_ARG(arg), 0, 0);
}

static inline long hyp_hvm_op(int cmd, void *arg)
{
	return xen_hypercall(__HYPERVISOR_hvm_op, (unsigned long)cmd,
			     XEN_ARG(arg), 0, 0, 0);
}

/* One HVM parameter of our own domain (HVM_PARAM_*): 0, or Xen's error
 * (*value is then not to be used). */
static inline long hvm_get_param(uint32_t index, uint64_t *value)
{
	struct xen_hvm_param p = { .domid = DOMID_SELF, .index = index };
	long err = hyp_hvm_op(HVMOP_get_param, &p);

	*value = p.value;
	return err;
}

#endif
