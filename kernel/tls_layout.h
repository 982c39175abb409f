/*
 * Where a thread's thread-local storage goes, apart from the hardware so
 * that the host unit tests run it.
 *
 * GCC and ld use AArch64's TLS variant 1 (the ELF TLS ABI): tpidr_el0
 * points at a 16-byte thread control block, and the thread's TLS block,
 * .tdata's initial image and then .tbss's zeros, starts right after it.
 * ld resolves each local-exec access to tp + 16 + (address - start of the
 * TLS segment) when no TLS section wants more than 16-byte alignment;
 * boot/kernel.ld asserts that and starts .tdata 16-aligned, so the
 * segment starts at __tdata_start even when .tdata is empty.
 * Nothing reads the control block (no dynamic linker, no DTV), but its
 * bytes are reserved so that tp always points at memory of the thread.
 */
#ifndef KERNEL_TLS_LAYOUT_H
#define KERNEL_TLS_LAYOUT_H

#include <stddef.h>
#include <stdint.h>

#define TLS_TCB_SIZE	16
#define TLS_ALIGN	16

/* Link-time addresses of boot/kernel.ld's TLS symbols (relocated alike,
 * so their differences are the sizes). */
struct tls_image {
	uintptr_t tdata_start;
	uintptr_t tdata_end;
	uintptr_t tbss_end;
};

/* Offsets from the start of the memory the block is carved from. */
struct tls_layout {
	size_t tp;		/* the control block: what tpidr_el0 gets */
	size_t block;		/* tp + TLS_TCB_SIZE: .tdata copied here */
	size_t copy;		/* bytes of .tdata to copy */
	size_t zero;		/* bytes to zero after them (.tbss) */
	size_t end;		/* first byte after the block, 16-aligned */
};

/*
 * Lay out the control block and TLS block of image in memory whose first
 * `from` bytes are taken, the memory itself being 16-aligned.  Returns 0,
 * or -EINVAL if image's addresses are out of order or its start is not
 * 16-aligned (boot/kernel.ld broken), -ERANGE if the layout would
 * not fit in a size_t.
 */
int tls_layout(const struct tls_image *image, size_t from,
	       struct tls_layout *out);

#endif
