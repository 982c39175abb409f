/*
 * blkbench: the Linux domU's side of scripts/bench/blk.sh, the same
 * measurement as Osprey's `disk-bench` (apps/disk.c) so that the two
 * figures compare:
 *
 *   blkbench DEV read|write|randread KIB MIB DEPTH
 *
 * MIB MiB in requests of KIB KiB with DEPTH of them in flight, sequential
 * from byte 0 (wrapping at the end of the disk) or at pseudo-random
 * KIB-aligned places (the same generator and seed as disk-bench), then
 *
 *   blkbench NAME MODE: K KiB requests, depth D: N requests in MS ms,
 *   X KB/s, Y IOPS
 *
 * with KB/s = bytes / ms, as disk-bench computes it.  The device is opened
 * with O_DIRECT (no page cache: every request reaches the driver) and the
 * requests go through Linux's native AIO (io_submit / io_getevents, the
 * syscalls themselves, no libaio), so DEPTH requests are in flight from one
 * thread, as fio's libaio engine does.  Without libc, so that
 * gcc-aarch64-linux-gnu alone builds it:
 *   aarch64-linux-gnu-gcc -static -nostdlib -ffreestanding -O2 -o blkbench
 */
#include <stdint.h>

#define SYS_IO_SETUP		0
#define SYS_IO_SUBMIT		2
#define SYS_IO_GETEVENTS	4
#define SYS_OPENAT		56
#define SYS_LSEEK		62
#define SYS_WRITE		64
#define SYS_EXIT		93
#define SYS_CLOCK_GETTIME	113

#define AT_FDCWD		-100
#define O_RDWR			2
#define O_DIRECT		0200000	/* arm64's value */
#define SEEK_END		2
#define CLOCK_MONOTONIC		1
#define IOCB_CMD_PREAD		0
#define IOCB_CMD_PWRITE		1

#define KIB_MAX			1024
#define DEPTH_MAX		64
#define BUFFER_BYTES		(4u << 20)	/* KIB * DEPTH at most */

/* linux/aio_abi.h, little-endian. */
struct iocb {
	uint64_t data;
	uint32_t key, rw_flags;
	uint16_t opcode;
	int16_t reqprio;
	uint32_t fildes;
	uint64_t buf, nbytes;
	int64_t offset;
	uint64_t reserved2;
	uint32_t flags, resfd;
};

struct io_event {
	uint64_t data, obj;
	int64_t res, res2;
};

struct timespec {
	long sec, nsec;
};

static long sys(long nr, long a, long b, long c, long d, long e)
{
	register long x8 __asm__("x8") = nr;
	register long x0 __asm__("x0") = a;
	register long x1 __asm__("x1") = b;
	register long x2 __asm__("x2") = c;
	register long x3 __asm__("x3") = d;
	register long x4 __asm__("x4") = e;

	__asm__ volatile("svc #0"
			 : "+r"(x0)
			 : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4)
			 : "memory");
	return x0;
}

/* gcc may call these for struct copies and zeroing. */
void *memset(void *s, int c, unsigned long n)
{
	unsigned char *p = s;

	while (n--)
		*p++ = (unsigned char)c;
	return s;
}

void *memcpy(void *d, const void *s, unsigned long n)
{
	unsigned char *q = d;
	const unsigned char *p = s;

	while (n--)
		*q++ = *p++;
	return d;
}

static unsigned long len(const char *s)
{
	unsigned long n = 0;

	while (s[n])
		n++;
	return n;
}

static void put(const char *s)
{
	sys(SYS_WRITE, 1, (long)s, (long)len(s), 0, 0);
}

static char *number(char *p, uint64_t v)
{
	char tmp[24];
	int n = 0;

	do
		tmp[n++] = (char)('0' + v % 10);
	while (v /= 10);
	while (n)
		*p++ = tmp[--n];
	return p;
}

static char *text(char *p, const char *s)
{
	while (*s)
		*p++ = *s++;
	return p;
}

static int parse(const char *s, uint64_t *v)
{
	*v = 0;
	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		*v = *v * 10 + (uint64_t)(*s - '0');
	}
	return 0;
}

static int streq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

static uint64_t now_ms(void)
{
	struct timespec t;

	sys(SYS_CLOCK_GETTIME, CLOCK_MONOTONIC, (long)&t, 0, 0, 0);
	return (uint64_t)t.sec * 1000 + (uint64_t)t.nsec / 1000000;
}

static __attribute__((noreturn)) void leave(int code)
{
	for (;;)
		sys(SYS_EXIT, code, 0, 0, 0, 0);
}

static __attribute__((noreturn)) void fail(const char *what, long err)
{
	char line[128], *p = text(line, "blkbench: ");

	p = text(p, what);
	p = text(p, ": error -");
	p = number(p, (uint64_t)-err);
	*p++ = '\n';
	*p = '\0';
	put(line);
	leave(1);
}

/* The same sequence as disk-bench's next_random. */
static uint64_t next_random(uint64_t *state)
{
	*state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
	return *state >> 33;
}

static uint8_t buffer[BUFFER_BYTES] __attribute__((aligned(4096)));
static struct iocb cbs[DEPTH_MAX];

struct run {
	int fd, write, random;
	uint64_t bytes, slots, next, seed;
};

/* Point cb at the next place: sequential or random, as disk-bench. */
static void prepare(struct run *r, struct iocb *cb, unsigned int i)
{
	uint64_t place = r->random ? next_random(&r->seed) % r->slots :
				     r->next++ % r->slots;

	memset(cb, 0, sizeof(*cb));
	cb->data = i;
	cb->opcode = r->write ? IOCB_CMD_PWRITE : IOCB_CMD_PREAD;
	cb->fildes = (uint32_t)r->fd;
	cb->buf = (uint64_t)(uintptr_t)(buffer + i * r->bytes);
	cb->nbytes = r->bytes;
	cb->offset = (int64_t)(place * r->bytes);
}

static void submit(unsigned long ctx, struct iocb *cb)
{
	struct iocb *list[1] = { cb };
	long n = sys(SYS_IO_SUBMIT, (long)ctx, 1, (long)list, 0, 0);

	if (n != 1)
		fail("io_submit", n < 0 ? n : -5);
}

static void bench(int argc, char **argv)
{
	static struct io_event events[DEPTH_MAX];
	uint64_t kib, mib, depth, count, started = 0, finished = 0, t0, ms;
	unsigned long ctx = 0;
	struct run r = { 0 };
	char line[256], *p, *name;
	long size, n, i;

	if (argc != 6 || parse(argv[3], &kib) || parse(argv[4], &mib) ||
	    parse(argv[5], &depth) || !kib || kib > KIB_MAX || !depth ||
	    depth > DEPTH_MAX || kib * 1024 * depth > BUFFER_BYTES ||
	    !(streq(argv[2], "read") || streq(argv[2], "write") ||
	      streq(argv[2], "randread"))) {
		put("usage: blkbench DEV read|write|randread KIB MIB DEPTH\n");
		leave(2);
	}
	name = argv[1];
	for (p = argv[1]; *p; p++)
		if (*p == '/')
			name = p + 1;
	r.write = streq(argv[2], "write");
	r.random = streq(argv[2], "randread");
	r.seed = 1;
	r.bytes = kib * 1024;
	r.fd = (int)sys(SYS_OPENAT, AT_FDCWD, (long)argv[1],
			O_RDWR | O_DIRECT, 0, 0);
	if (r.fd < 0)
		fail("open", r.fd);
	size = sys(SYS_LSEEK, r.fd, 0, SEEK_END, 0, 0);
	if (size < 0)
		fail("lseek", size);
	r.slots = (uint64_t)size / r.bytes;
	count = mib * 1024 * 1024 / r.bytes;
	if (!r.slots || !count)
		fail("nothing to do", -22);
	n = sys(SYS_IO_SETUP, (long)depth, (long)&ctx, 0, 0, 0);
	if (n < 0)
		fail("io_setup", n);
	t0 = now_ms();
	for (i = 0; i < (long)depth && started < count; i++, started++) {
		prepare(&r, &cbs[i], (unsigned int)i);
		submit(ctx, &cbs[i]);
	}
	while (finished < started) {
		n = sys(SYS_IO_GETEVENTS, (long)ctx, 1, (long)depth,
			(long)events, 0);
		if (n < 0)
			fail("io_getevents", n);
		for (i = 0; i < n; i++) {
			unsigned int slot = (unsigned int)events[i].data;

			if (events[i].res != (int64_t)r.bytes)
				fail(r.write ? "write" : "read",
				     events[i].res < 0 ? events[i].res : -5);
			finished++;
			if (started < count) {
				prepare(&r, &cbs[slot], slot);
				submit(ctx, &cbs[slot]);
				started++;
			}
		}
	}
	ms = now_ms() - t0;
	p = text(line, "blkbench ");
	p = text(p, name);
	p = text(p, " ");
	p = text(p, argv[2]);
	p = text(p, ": ");
	p = number(p, kib);
	p = text(p, " KiB requests, depth ");
	p = number(p, depth);
	p = text(p, ": ");
	p = number(p, finished);
	p = text(p, " requests in ");
	p = number(p, ms);
	p = text(p, " ms, ");
	p = number(p, ms ? finished * r.bytes / ms : 0);
	p = text(p, " KB/s, ");
	p = number(p, ms ? finished * 1000 / ms : 0);
	p = text(p, " IOPS\n");
	*p = '\0';
	put(line);
}

/* The kernel's initial stack: argc, then argv[]. */
__attribute__((used)) static void start(long *sp)
{
	bench((int)sp[0], (char **)(sp + 1));
	leave(0);
}

__asm__(".text\n.global _start\n_start:\n\tmov x0, sp\n\tb start\n");
