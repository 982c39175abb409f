/*
 * dtbdump: a freestanding arm64 guest that prints the DTB Xen gave it, as
 * hex lines on the Xen console, so that a host script can rebuild the blob:
 *
 *   DTB-BEGIN <dtb address, 16 hex> <totalsize, 8 hex>
 *   DTB <offset, 8 hex> <up to 32 bytes as 64 hex digits>
 *   ...
 *   DTB-END <totalsize, 8 hex> <sum of all bytes mod 2^32, 8 hex>
 *
 * or "DTB-ERROR bad-magic <first word>" if x0 does not point to a DTB.
 * Then it idles in wfi: it does not shut down, because a dom0 that shuts
 * down takes the whole machine with it, and a domU may still be dumping.
 *
 * Entry (Linux arm64 boot protocol, as Xen follows it): EL1, MMU off,
 * x0 = DTB address. With the MMU off every data access is Device memory,
 * where an unaligned access faults: the DTB is read only with aligned
 * 64-bit loads, whatever its alignment. Everything is PC-relative, so the
 * image runs wherever it is loaded.
 *
 * Build: gcc -c, ld -Ttext=0, objcopy -O binary (see scripts/gen-xen-dtbs.sh).
 */

/* Xen hypercall ABI on arm64: hvc #0xEA1, number in x16, args in x0..x4. */
#define XEN_HVC_IMM		0xEA1
#define HYPERVISOR_console_io	18
#define CONSOLEIO_write		0

#define BYTES_PER_LINE		32
#define FDT_MAGIC		0xd00dfeed

	.text
	.globl	_start
_start:
	/* arm64 Image header (Documentation/arch/arm64/booting.rst). */
	b	entry				/* code0 */
	.long	0				/* code1 */
	.quad	0				/* text_offset */
	.quad	image_end - _start		/* image_size */
	.quad	0xa	/* flags: little-endian, 4K pages, load anywhere */
	.quad	0, 0, 0				/* res2..res4 */
	.ascii	"ARM\x64"			/* magic */
	.long	0				/* res5: no PE header */

entry:
	mov	x19, x0				/* DTB address */
	adr	x23, line			/* line buffer */
	mov	x9, x23				/* write cursor */

	mov	x1, #0
	bl	be32_at
	mov	w24, w0				/* magic */
	mov	x1, #4
	bl	be32_at
	mov	w20, w0				/* totalsize */

	mov	w1, #(FDT_MAGIC & 0xffff)
	movk	w1, #(FDT_MAGIC >> 16), lsl #16
	cmp	w24, w1
	b.eq	1f
	adr	x1, str_error
	bl	put_str
	mov	x1, x24
	mov	x2, #8
	bl	put_hex
	bl	flush_line
	b	idle

1:	adr	x1, str_begin
	bl	put_str
	mov	x1, x19
	mov	x2, #16
	bl	put_hex
	bl	put_space
	mov	x1, x20
	mov	x2, #8
	bl	put_hex
	bl	flush_line

	mov	x21, #0				/* offset of this line */
	mov	w22, #0				/* byte sum */
next_line:
	cmp	x21, x20
	b.hs	end
	adr	x1, str_line
	bl	put_str
	mov	x1, x21
	mov	x2, #8
	bl	put_hex
	bl	put_space
	add	x25, x21, #BYTES_PER_LINE
	cmp	x25, x20
	csel	x25, x25, x20, ls		/* end of this line */
next_byte:
	mov	x1, x21
	bl	byte_at
	add	w22, w22, w0
	mov	x1, x0
	mov	x2, #2
	bl	put_hex
	add	x21, x21, #1
	cmp	x21, x25
	b.lo	next_byte
	bl	flush_line
	b	next_line

end:	adr	x1, str_end
	bl	put_str
	mov	x1, x20
	mov	x2, #8
	bl	put_hex
	bl	put_space
	mov	x1, x22
	mov	x2, #8
	bl	put_hex
	bl	flush_line

idle:	wfi
	b	idle

/* byte_at: w0 = DTB byte at offset x1, read with an aligned 64-bit load. */
byte_at:
	add	x3, x19, x1
	and	x4, x3, #~7
	ldr	x0, [x4]
	and	x3, x3, #7
	lsl	x3, x3, #3
	lsr	x0, x0, x3
	and	x0, x0, #0xff
	ret

/* be32_at: w0 = big-endian 32-bit DTB word at offset x1 (any alignment). */
be32_at:
	mov	x6, x30
	mov	x7, x1
	mov	w8, #0
	mov	x5, #4
2:	mov	x1, x7
	bl	byte_at
	orr	w8, w0, w8, lsl #8
	add	x7, x7, #1
	subs	x5, x5, #1
	b.ne	2b
	mov	w0, w8
	mov	x30, x6
	ret

/* put_str: append the NUL-terminated string at x1 to the line. */
put_str:
	ldrb	w3, [x1], #1
	cbz	w3, 3f
	strb	w3, [x9], #1
	b	put_str
3:	ret

put_space:
	mov	w3, #' '
	strb	w3, [x9], #1
	ret

/* put_hex: append the low x2 hex digits of x1, most significant first. */
put_hex:
	lsl	x3, x2, #2
4:	sub	x3, x3, #4
	lsr	x4, x1, x3
	and	x4, x4, #0xf
	cmp	x4, #10
	add	x5, x4, #'0'
	add	x4, x4, #('a' - 10)
	csel	x4, x5, x4, lo
	strb	w4, [x9], #1
	cbnz	x3, 4b
	ret

/* flush_line: end the line and write it with HYPERVISOR_console_io. */
flush_line:
	mov	w3, #'\n'
	strb	w3, [x9], #1
	mov	x16, #HYPERVISOR_console_io
	mov	x0, #CONSOLEIO_write
	sub	x1, x9, x23
	mov	x2, x23
	hvc	#XEN_HVC_IMM
	mov	x9, x23
	ret

str_begin:	.asciz	"DTB-BEGIN "
str_line:	.asciz	"DTB "
str_end:	.asciz	"DTB-END "
str_error:	.asciz	"DTB-ERROR bad-magic "

	.balign	8
line:	.skip	128
image_end:
