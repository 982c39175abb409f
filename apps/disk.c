/*
 * The shell's disk commands, on the kernel's block API (kernel/block.h):
 * list the disks, read a sector as hex, write one, flush, checksum a
 * whole disk per MiB (as dom0's `cksum` would), and time transfers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apps/cksum.h"
#include "apps/disk.h"
#include "drivers/arm_timer.h"
#include "kernel/block.h"
#include "kernel/errno.h"
#include "kernel/page_alloc.h"
#include "kernel/printk.h"

#define MIB		(1024 * 1024)
/* Transfers keep DEPTH requests of CHUNK bytes in flight. */
#define CHUNK		(128 * 1024)
#define DEPTH		4
#define BUFFER_PAGES	(unsigned int)(CHUNK * DEPTH / PAGE_SIZE)
#define BENCH_DEPTH_MAX	64	/* 4 KiB requests fill the buffer */

/*
 * The transfer buffer, allocated on first use and kept (pages are never
 * freed); the shell's thread alone uses it.
 */
static uint8_t *buffer;

static uint64_t now_ms(void)
{
	return arm_timer_now() * 1000 / arm_timer_freq();
}

static void print_error(const char *cmd, const char *name, const char *at,
			int err)
{
	printk("%s %s: error %d (%s)%s\n", cmd, name, err, errno_name(err),
	       at);
}

/*
 * A handle to the disk named by the first word of *arg (advanced past
 * it) in *h: its device, or NULL.  Through the handle, a disk detached
 * meanwhile fails with ENODEV, even if another takes its name.
 */
static const struct block_device *disk_arg(const char *cmd, char **arg,
					   struct block_handle *h)
{
	char *name = *arg, *sp = strchr(name, ' ');

	if (sp) {
		*sp = '\0';
		*arg = sp + 1;
	} else {
		*arg = name + strlen(name);
	}
	if (block_find(name, h)) {
		printk("%s %s: no such disk (see disks)\n", cmd, name);
		return NULL;
	}
	return h->bd;
}

static bool number_arg(char **arg, unsigned long *out)
{
	char *end;

	if (**arg < '0' || **arg > '9')
		return false;
	*out = strtoul(*arg, &end, 0);
	if (*end && *end != ' ')
		return false;
	*arg = *end ? end + 1 : end;
	return true;
}

static void list_one(const struct block_handle *h, void *ctx)
{
	const struct block_device *bd = h->bd;
	unsigned int *count = ctx;

	printk("disk %s: %llu sectors of %u bytes (%llu MiB), %s%s%s\n",
	       bd->name, (unsigned long long)bd->sectors, bd->sector_size,
	       (unsigned long long)(bd->sectors * bd->sector_size / MIB),
	       bd->readonly ? "ro" : "rw", bd->cdrom ? ", cdrom" : "",
	       bd->removable ? ", removable" : "");
	(*count)++;
}

static void cmd_disks(void)
{
	unsigned int count = 0;

	block_for_each(list_one, &count);
	printk("disks: %u\n", count);
}

static bool get_buffer(void)
{
	if (!buffer)
		buffer = page_alloc(BUFFER_PAGES);
	if (!buffer)
		printk("disk: no memory for a %u KiB buffer\n",
		       BUFFER_PAGES * 4);
	return buffer;
}

static void cmd_read(char *arg)
{
	struct block_handle h;
	const struct block_device *bd = disk_arg("disk-read", &arg, &h);
	unsigned long sector;
	char line[80];
	unsigned int i, k;
	int err, n;

	if (!bd)
		return;
	if (!number_arg(&arg, &sector)) {
		printk("usage: disk-read DISK SECTOR\n");
		return;
	}
	if (!get_buffer())
		return;
	err = block_read(&h, sector, 1, buffer);
	if (err) {
		print_error("disk-read", bd->name, "", err);
		return;
	}
	for (i = 0; i < bd->sector_size; i += 32) {
		n = snprintf(line, sizeof(line), "%04x: ", i);
		for (k = 0; k < 32; k++)
			n += snprintf(line + n, sizeof(line) - n, "%02x",
				      buffer[i + k]);
		printk("%s\n", line);
	}
	printk("disk-read %s %lu: ok\n", bd->name, sector);
}

static void cmd_write(char *arg)
{
	struct block_handle h;
	const struct block_device *bd = disk_arg("disk-write", &arg, &h);
	unsigned long sector;
	size_t len, i;
	int err;

	if (!bd)
		return;
	if (!number_arg(&arg, &sector) || !(len = strlen(arg))) {
		printk("usage: disk-write DISK SECTOR TEXT\n");
		return;
	}
	if (!get_buffer())
		return;
	for (i = 0; i < bd->sector_size; i++)
		buffer[i] = (uint8_t)arg[i % len];
	err = block_write(&h, sector, 1, buffer);
	if (err)
		printk("disk-write %s %lu: error %d (%s)\n", bd->name, sector,
		       err, errno_name(err));
	else
		printk("disk-write %s %lu: ok\n", bd->name, sector);
}

static void cmd_flush(char *arg)
{
	struct block_handle h;
	const struct block_device *bd = disk_arg("disk-flush", &arg, &h);
	int err;

	if (!bd)
		return;
	err = block_flush(&h);
	if (err)
		print_error("disk-flush", bd->name, "", err);
	else
		printk("disk-flush %s: ok\n", bd->name);
}

/*
 * Read the whole disk, DEPTH requests of CHUNK in flight, and print the
 * cksum of each MiB.  CHUNK divides a MiB, so each piece is in one MiB.
 */
static void cmd_sum(char *arg)
{
	struct block_handle h;
	const struct block_device *bd = disk_arg("disk-sum", &arg, &h);
	struct block_request rq[DEPTH];
	uint64_t total, issued = 0, done = 0, t0;
	uint32_t per_chunk;
	struct cksum sum;
	unsigned int i;
	char at[32];
	int err = 0;

	if (!bd || !get_buffer())
		return;
	total = bd->sectors * bd->sector_size;
	per_chunk = CHUNK / bd->sector_size;
	t0 = now_ms();
	cksum_init(&sum);
	/* Start DEPTH reads; then wait for the oldest, sum it, restart it. */
	for (i = 0; i < DEPTH && issued < total && !err; i++) {
		uint64_t left = total - issued;

		rq[i] = (struct block_request){
			.op = BLOCK_READ, .sector = issued / bd->sector_size,
			.count = left < CHUNK ? (uint32_t)(left /
				bd->sector_size) : per_chunk,
			.buf = buffer + (size_t)i * CHUNK,
		};
		err = block_submit(&h, &rq[i]);
		if (!err)
			issued += (uint64_t)rq[i].count * bd->sector_size;
	}
	for (i = 0; done < issued; i = (i + 1) % DEPTH) {
		uint32_t bytes = rq[i].count * bd->sector_size;
		int result = block_wait(&rq[i]);

		if (result && !err)
			err = result;
		if (!err) {
			cksum_update(&sum, rq[i].buf, bytes);
			if (sum.length == MIB || done + bytes == total) {
				printk("disk-sum %s %llu: %u %llu\n", bd->name,
				       (unsigned long long)(done / MIB),
				       cksum_final(&sum),
				       (unsigned long long)sum.length);
				cksum_init(&sum);
			}
		}
		done += bytes;
		if (!err && issued < total) {
			uint64_t left = total - issued;

			rq[i].sector = issued / bd->sector_size;
			rq[i].count = left < CHUNK ? (uint32_t)(left /
				bd->sector_size) : per_chunk;
			err = block_submit(&h, &rq[i]);
			if (!err)
				issued += (uint64_t)rq[i].count *
					  bd->sector_size;
		}
	}
	if (err) {
		snprintf(at, sizeof(at), " at MiB %llu",
			 (unsigned long long)(done / MIB));
		print_error("disk-sum", bd->name, at, err);
		return;
	}
	printk("disk-sum %s: done %llu MiB in %llu ms\n", bd->name,
	       (unsigned long long)(total / MIB),
	       (unsigned long long)(now_ms() - t0));
}

/* A fixed pseudo-random sequence: runs are comparable. */
static uint64_t next_random(uint64_t *state)
{
	*state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
	return *state >> 33;
}

struct bench {
	struct block_handle h;
	const struct block_device *bd;
	struct block_request rq[BENCH_DEPTH_MAX];
	bool busy[BENCH_DEPTH_MAX];
	enum block_op op;
	bool random;
	uint32_t bytes;			/* a request's */
	uint64_t slots;			/* request-sized places on the disk */
	uint64_t next, seed;
};

/* Start request i at the next place: 0 or block_submit's error. */
static int bench_start(struct bench *b, unsigned int i)
{
	struct block_request *rq = &b->rq[i];
	uint64_t place = b->random ? next_random(&b->seed) % b->slots :
				     b->next++ % b->slots;
	int err;

	*rq = (struct block_request){
		.op = b->op, .count = b->bytes / b->bd->sector_size,
		.sector = place * (b->bytes / b->bd->sector_size),
		.buf = buffer + (size_t)i * b->bytes,
	};
	err = block_submit(&b->h, rq);
	b->busy[i] = !err;
	return err;
}

/*
 * disk-bench DISK read|write|randread KIB MIB DEPTH: MIB MiB in requests
 * of KIB KiB, DEPTH in flight, sequential from sector 0 (wrapping) or at
 * random KIB-aligned places; prints KB/s and requests per second.
 * Writes go to the disk: use a scratch disk.
 */
static void cmd_bench(char *arg)
{
	static struct bench b;	/* the shell thread's; too big for its stack */
	unsigned long kib, mib, depth;
	uint64_t count, started = 0, finished = 0, t0, ms;
	char *mode;
	unsigned int i;
	int err = 0, result;

	memset(&b, 0, sizeof(b));
	b.bd = disk_arg("disk-bench", &arg, &b.h);
	if (!b.bd)
		return;
	mode = arg;
	arg = strchr(arg, ' ');
	if (arg)
		*arg++ = '\0';
	b.op = strcmp(mode, "write") == 0 ? BLOCK_WRITE : BLOCK_READ;
	b.random = strcmp(mode, "randread") == 0;
	b.seed = 1;
	if (!arg || (!b.random && b.op == BLOCK_READ &&
		     strcmp(mode, "read") != 0) ||
	    !number_arg(&arg, &kib) || !number_arg(&arg, &mib) ||
	    !number_arg(&arg, &depth) || depth == 0 ||
	    depth > BENCH_DEPTH_MAX || kib == 0 ||
	    /* Divided, not multiplied: kib * depth could wrap to a
	     * small number and pass. */
	    kib > BUFFER_PAGES * 4 / depth ||
	    kib * 1024 % b.bd->sector_size || mib > UINT64_MAX / MIB ||
	    !get_buffer()) {
		printk("usage: disk-bench DISK read|write|randread KIB MIB "
		       "DEPTH (KIB * DEPTH <= %u, DEPTH <= %u)\n",
		       BUFFER_PAGES * 4, BENCH_DEPTH_MAX);
		return;
	}
	b.bytes = (uint32_t)(kib * 1024);
	b.slots = b.bd->sectors * b.bd->sector_size / b.bytes;
	count = (uint64_t)mib * MIB / b.bytes;
	if (!b.slots || !count) {
		printk("disk-bench %s: nothing to do\n", b.bd->name);
		return;
	}
	t0 = now_ms();
	for (i = 0; i < depth && started < count && !err; i++)
		if (!(err = bench_start(&b, i)))
			started++;
	/* Wait for each in turn, starting the next in its place. */
	for (i = 0; finished < started; i = (i + 1) % depth) {
		if (!b.busy[i])
			continue;
		result = block_wait(&b.rq[i]);
		b.busy[i] = false;
		finished++;
		if (result && !err)
			err = result;
		if (!err && started < count && !(err = bench_start(&b, i)))
			started++;
	}
	ms = now_ms() - t0;
	if (err) {
		print_error("disk-bench", b.bd->name, "", err);
		return;
	}
	printk("disk-bench %s %s: %lu KiB requests, depth %lu: %llu "
	       "requests in %llu ms, %llu KB/s, %llu IOPS\n", b.bd->name,
	       mode, kib, depth, (unsigned long long)finished,
	       (unsigned long long)ms,
	       (unsigned long long)(ms ? finished * b.bytes / ms : 0),
	       (unsigned long long)(ms ? finished * 1000 / ms : 0));
}

bool disk_command(const char *cmd, char *arg)
{
	if (strcmp(cmd, "disks") == 0)
		cmd_disks();
	else if (strcmp(cmd, "disk-read") == 0)
		cmd_read(arg);
	else if (strcmp(cmd, "disk-write") == 0)
		cmd_write(arg);
	else if (strcmp(cmd, "disk-flush") == 0)
		cmd_flush(arg);
	else if (strcmp(cmd, "disk-sum") == 0)
		cmd_sum(arg);
	else if (strcmp(cmd, "disk-bench") == 0)
		cmd_bench(arg);
	else
		return false;
	return true;
}
