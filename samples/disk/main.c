/*
 * disk: the block API (<osprey/block.h>).  Lists the disks, then on the
 * first one writes a pattern over a few sectors, flushes, reads them back
 * and compares, and writes their old contents back (flushed too): the
 * disk ends as it was.  The last line is the verdict, "disk: PASS" or
 * "disk: FAIL: why", and the exit status says the same (0, or 1: a crash
 * under Xen, kept with on_crash="preserve").
 *
 *   disk=['format=raw,vdev=xvda,access=rw,target=/path/disk.img']
 *   extra="-- SECTOR COUNT"      (default: COUNT 8 from the disk's middle)
 *
 * Disks appear as their backends connect, in the first moments after
 * boot: the program waits up to 10 s for one.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <osprey/block.h>

#define MAX_DISKS	16
#define WAIT_MS		10000
#define POLL_MS		100
#define DEFAULT_COUNT	8

static int fail(const char *why, int err)
{
	if (err)
		printf("disk: FAIL: %s: %s\n", why, strerror(-err));
	else
		printf("disk: FAIL: %s\n", why);
	return 1;
}

static void sleep_ms(long ms)
{
	struct timespec t = { ms / 1000, ms % 1000 * 1000000L };

	nanosleep(&t, NULL);
}

/* The disks there are, after waiting for the first: how many. */
static int list_disks(struct osprey_block_info *disks)
{
	long waited;
	int n = 0, i;

	for (waited = 0; waited <= WAIT_MS; waited += POLL_MS) {
		n = osprey_block_list(disks, MAX_DISKS);
		if (n > 0)
			break;
		sleep_ms(POLL_MS);
	}
	for (i = 0; i < n && i < MAX_DISKS; i++)
		printf("disk: %s: %" PRIu64 " sectors of %" PRIu32 " bytes "
		       "(%" PRIu64 " MiB), %s%s\n", disks[i].name,
		       disks[i].sectors, disks[i].sector_size,
		       disks[i].sectors * disks[i].sector_size >> 20,
		       disks[i].readonly ? "ro" : "rw",
		       disks[i].can_flush ? ", flush" : "");
	printf("disk: %d disk%s\n", n, n == 1 ? "" : "s");
	return n;
}

/* Byte i of sector s of the pattern: no two sectors alike. */
static uint8_t pattern(uint64_t s, size_t i)
{
	return (uint8_t)(s * 131 + i * 7 + (i >> 8) + 0x5a);
}

static int test_disk(const struct osprey_block *d, uint64_t first,
		     uint32_t count)
{
	size_t bytes = (size_t)count * d->info.sector_size;
	uint8_t *old = malloc(bytes), *buf = malloc(bytes);
	int err, restore, verdict = 0;
	size_t i;

	if (!old || !buf) {
		verdict = fail("no memory for the buffers", 0);
		goto out;
	}
	err = osprey_block_read(d, first, count, old);
	if (err) {
		verdict = fail("reading the old contents", err);
		goto out;
	}
	for (i = 0; i < bytes; i++)
		buf[i] = pattern(first + i / d->info.sector_size, i);
	err = osprey_block_write(d, first, count, buf);
	if (!err)
		err = osprey_block_flush(d);
	if (!err) {
		memset(buf, 0, bytes);
		err = osprey_block_read(d, first, count, buf);
	}
	for (i = 0; !err && i < bytes; i++)
		if (buf[i] != pattern(first + i / d->info.sector_size, i))
			break;
	if (err)
		verdict = fail("writing, flushing or reading the pattern",
			       err);
	else if (i < bytes)
		verdict = fail("the pattern read back differs", 0);
	else
		printf("disk: %s: sectors %" PRIu64 "..%" PRIu64 ": wrote, "
		       "flushed and read back the pattern\n", d->info.name,
		       first, first + count - 1);
	/* Whatever happened, the old contents go back. */
	restore = osprey_block_write(d, first, count, old);
	if (!restore)
		restore = osprey_block_flush(d);
	if (restore)
		verdict = fail("restoring the old contents", restore);
	else
		printf("disk: %s: old contents restored\n", d->info.name);
out:
	free(old);
	free(buf);
	return verdict;
}

int main(int argc, char **argv)
{
	struct osprey_block_info disks[MAX_DISKS];
	struct osprey_block d;
	uint64_t first;
	uint32_t count = DEFAULT_COUNT;
	int err;

	if (list_disks(disks) == 0)
		return fail("no disk (disk=[...] in the domain's config)", 0);
	err = osprey_block_open(disks[0].name, &d);
	if (err)
		return fail(disks[0].name, err);
	if (d.info.readonly)
		return fail("the first disk is read-only", 0);
	first = d.info.sectors / 2;
	if (argc > 1)
		first = strtoull(argv[1], NULL, 0);
	if (argc > 2)
		count = (uint32_t)strtoul(argv[2], NULL, 0);
	if (count == 0 || first >= d.info.sectors ||
	    count > d.info.sectors - first)
		return fail("the sectors asked for are not on the disk", 0);
	if (test_disk(&d, first, count))
		return 1;
	printf("disk: PASS\n");
	return 0;
}
