/*
 * /init of the Linux domU that scripts/bench.sh boots next to ours: print
 * one marker line on the console the kernel opened for init, then power
 * off.  No libc, so that gcc-aarch64-linux-gnu alone builds it:
 *   aarch64-linux-gnu-gcc -static -nostdlib -ffreestanding -O2 -o init
 * With -DINIT_STAYS it sleeps for ever after the marker instead, as a
 * guest that keeps running (scripts/bench/density.sh).
 */
#define SYS_WRITE	64
#define SYS_PPOLL	73
#define SYS_REBOOT	142

/* reboot(2) magic numbers and LINUX_REBOOT_CMD_POWER_OFF. */
#define REBOOT_MAGIC1	0xfee1deadL
#define REBOOT_MAGIC2	672274793L
#define REBOOT_POWER_OFF 0x4321fedcL

static long syscall4(long nr, long a, long b, long c, long d)
{
	register long x8 __asm__("x8") = nr;
	register long x0 __asm__("x0") = a;
	register long x1 __asm__("x1") = b;
	register long x2 __asm__("x2") = c;
	register long x3 __asm__("x3") = d;

	__asm__ volatile("svc #0"
			 : "+r"(x0)
			 : "r"(x8), "r"(x1), "r"(x2), "r"(x3)
			 : "memory");
	return x0;
}

void _start(void)
{
	/* bench.sh waits for exactly this line. */
	static const char marker[] = "linux-init: started\n";

	syscall4(SYS_WRITE, 1, (long)marker, sizeof(marker) - 1, 0);
#ifdef INIT_STAYS
	/* No descriptors and no timeout: blocks until a signal, which init
	 * does not get; init must not exit (the kernel would panic). */
	for (;;)
		syscall4(SYS_PPOLL, 0, 0, 0, 0);
#endif
	syscall4(SYS_REBOOT, REBOOT_MAGIC1, REBOOT_MAGIC2, REBOOT_POWER_OFF, 0);
	for (;;)
		__asm__ volatile("wfi");
}
