/*
 * Block devices: what a disk driver registers, and the kernel's API to
 * read, write and flush by sector.  Requests are asynchronous (several in
 * flight, each completing through its own semaphore) with synchronous
 * wrappers.  Sector numbers and counts are in the device's sectors
 * (sector_size bytes); a buffer may be anywhere in memory, of any
 * alignment: the driver copies.  Results are >= 0 or a negative errno.
 */
#ifndef KERNEL_BLOCK_H
#define KERNEL_BLOCK_H

#include <stdbool.h>
#include <stdint.h>

#include "kernel/sem.h"

#define BLOCK_NAME_LEN		16
#define BLOCK_DEVICES_MAX	16

enum block_op {
	BLOCK_READ,
	BLOCK_WRITE,
	BLOCK_FLUSH,		/* make completed writes durable */
};

struct block_request {
	enum block_op op;
	uint64_t sector;
	uint32_t count;		/* sectors; 0 for a flush */
	void *buf;
	/* Set by the block layer and the driver. */
	int result;
	struct sem done;
	unsigned int pending;	/* the driver's pieces still out */
};

struct block_device;

struct block_ops {
	/*
	 * Start rq (already checked against the device): 0, after which
	 * block_complete() is called exactly once; or an error, and the
	 * request was not started.
	 */
	int (*submit)(struct block_device *bd, struct block_request *rq);
	/* Wait until no request is in flight: 0, or -ETIMEDOUT (at once
	 * with timeout_ms 0: a poll). */
	int (*drain)(struct block_device *bd, int64_t timeout_ms);
};

struct block_device {
	char name[BLOCK_NAME_LEN];	/* "xvda" */
	uint64_t sectors;
	uint32_t sector_size;		/* a power of two, >= 512 */
	bool readonly;
	bool cdrom;
	bool removable;
	bool can_flush;			/* else a flush is a no-op */
	const struct block_ops *ops;
	void *priv;			/* the driver's */
};

/*
 * Make bd visible by its name: 0; -EEXIST when the name is taken, -ENOSPC
 * with BLOCK_DEVICES_MAX registered.  bd's memory must stay valid for
 * good (a stale lookup may still hold it after block_unregister).
 */
int block_register(struct block_device *bd);
/* Hide bd from lookups; requests on it fail from now (its driver's). */
void block_unregister(struct block_device *bd);

/* The device named so, or NULL. */
struct block_device *block_find(const char *name);
/* Call fn on each registered device, in registration order. */
void block_for_each(void (*fn)(struct block_device *bd, void *ctx),
		    void *ctx);

/*
 * Start rq.  Refused here, before the driver sees it: -EROFS for a write
 * to a read-only device, -EINVAL for a range past the end or a count of
 * 0 (or not 0 for a flush).  Else the driver's submit result.
 */
int block_submit(struct block_device *bd, struct block_request *rq);
/* Wait for a started rq: its result. */
int block_wait(struct block_request *rq);
/* For drivers: rq is finished with result (IRQ context is fine). */
void block_complete(struct block_request *rq, int result);

/* Synchronous forms: 0 or an error. */
int block_read(struct block_device *bd, uint64_t sector, uint32_t count,
	       void *buf);
int block_write(struct block_device *bd, uint64_t sector, uint32_t count,
		const void *buf);
int block_flush(struct block_device *bd);

/*
 * Before power-off (kernel/block_sync.c): on each writable device, wait
 * for the requests in flight, then flush; the devices side by side, so
 * that one whose backend never answers costs the others nothing, and all
 * of it within timeout_ms.  Each device that fails or runs out of time is
 * named ("block: xvda: flush timed out, powering off").  0, the first
 * error, or -ETIMEDOUT; -EBUSY once a flush was left unanswered (its
 * request stays with the driver, so the sync is over for good).
 */
int block_sync_all(int64_t timeout_ms);

#endif
