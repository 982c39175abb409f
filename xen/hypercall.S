/*
 * Xen hypercall entry on Arm (xen/include/public/arch-arm.h): hvc with the
 * Xen tag, the hypercall number in x16, arguments in x0-x4, result in x0.
 *
 * long xen_hypercall(op, a1, a2, a3, a4, a5)
 */
#define XEN_HYPERCALL_TAG 0xEA1

	.text
	.global xen_hypercall
xen_hypercall:
	mov	x16, x0
	mov	x0, x1
	mov	x1, x2
	mov	x2, x3
	mov	x3, x4
	mov	x4, x5
	hvc	#XEN_HYPERCALL_TAG
	ret
