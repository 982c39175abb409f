/*
 * The disks: Xen's PV block devices (disk=[...] in the domain's
 * config), by the names Linux gives them ("xvda").  Sector numbers and
 * counts are in the disk's own sectors (sector_size bytes); a buffer may
 * be anywhere in memory, at any alignment.  A disk appears once its
 * backend has connected, in the first moments after boot (a program that
 * needs one waits for it: samples/disk polls osprey_block_list), and
 * disks come and go while the program runs (`xl block-attach`,
 * `xl block-detach`).
 *
 * Results are >= 0, or a negative errno value of <errno.h>:
 *
 *   -ENODEV  no such disk, or the disk opened is gone (detached): every
 *            later call on it fails so, even if another disk takes its
 *            name
 *   -EINVAL  a NULL argument, a count of 0, or sectors past the end
 *   -EROFS   a write to a read-only disk
 *   -EIO     the backend failed the request, or broke the protocol
 *   -ENOMEM  no memory for the request
 */
#ifndef OSPREY_BLOCK_H
#define OSPREY_BLOCK_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define OSPREY_BLOCK_NAME_LEN	16

struct osprey_block_info {
	char name[OSPREY_BLOCK_NAME_LEN];	/* "xvda" */
	uint64_t sectors;
	uint32_t sector_size;	/* bytes: a power of two, 512 or more */
	bool readonly;
	bool removable;
	bool cdrom;
	bool can_flush;		/* else osprey_block_flush() has no work */
};

/*
 * The disks there are now, up to max of them into list (list may be NULL
 * when max is 0), in the order they came: how many there are, which may
 * be more than max.  0 without disks (no Xen, or no disk= in the
 * domain's config); never an error.
 */
int osprey_block_list(struct osprey_block_info *list, unsigned int max);

/* An open disk: info is its geometry; the rest is the kernel's. */
struct osprey_block {
	struct osprey_block_info info;
	void *_device;
	uint64_t _generation;
};

/* Open the disk called name into *disk: 0, or -ENODEV.  Nothing to
 * close: a struct osprey_block holds no resource. */
int osprey_block_open(const char *name, struct osprey_block *disk);

/* count sectors from sector into buf (count * sector_size bytes): 0. */
int osprey_block_read(const struct osprey_block *disk, uint64_t sector,
		      uint32_t count, void *buf);

/* count sectors from buf to sector: 0 once the backend has them, which
 * is not yet durable (osprey_block_flush). */
int osprey_block_write(const struct osprey_block *disk, uint64_t sector,
		       uint32_t count, const void *buf);

/* Make the writes completed so far durable (a barrier on the backend's
 * disk): 0. */
int osprey_block_flush(const struct osprey_block *disk);

#ifdef __cplusplus
}
#endif

#endif
