/*
 * The image's layout as boot/kernel.ld lays it out: the W^X boundaries and
 * the stacks with their guard pages.  All are run-time addresses (the
 * image is a PIE reached PC-relatively).
 */
#ifndef BOOT_IMAGE_H
#define BOOT_IMAGE_H

/*
 * The exception stack is 1 << EXCEPTION_STACK_SHIFT bytes aligned to twice
 * that, so one bit of sp tells vectors.S whether it overflowed (kernel.ld
 * asserts the layout).
 */
#define EXCEPTION_STACK_SHIFT	14

#ifndef __ASSEMBLER__
/* [_head, __text_end): text, read-only and executable. */
extern char _head[], __text_end[];
/* [__text_end, __rw_start): rodata, read-only; the rest is writable. */
extern char __rw_start[], _end[];
/* Unmapped pages right below each stack. */
extern char boot_stack_guard[], boot_stack_top[];
extern char exception_stack_guard[], exception_stack_top[];
/* The TLS segment's image (kernel/tls_layout.h): .tdata's bytes, then
 * zeros up to __tbss_end. */
extern char __tdata_start[], __tdata_end[], __tbss_end[];
#endif

#endif
