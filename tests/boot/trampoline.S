/*
 * Test-only loader stub: QEMU's -kernel always puts an Image at RAM base +
 * 2 MiB, so to prove the image runs from anywhere this stub, started by
 * QEMU's generic loader, enters it at IMAGE with x0 = DTB as a bootloader
 * would.  IMAGE and DTB come from the build (-D).
 */
	.text
	.global _start
_start:
	ldr	x0, dtb
	ldr	x1, image
	mov	x2, xzr
	mov	x3, xzr
	br	x1
	.align	3
dtb:	.quad	DTB
image:	.quad	IMAGE
