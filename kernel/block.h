/*
 * Block devices: what a disk driver registers, and the kernel's API to
 * read, write and flush by sector.  Requests are asynchronous (several in
 * flight, each completing through its own semaphore) with synchronous
 * wrappers.  Sector numbers and counts are in the device's sectors
 * (sector_size bytes); a buffer may be anywhere in memory, of any
 * alignment: the driver copies.  Results are >= 0 or a negative errno.
 *
 * Users hold a disk through a struct block_handle, which names the disk
 * as it was found: once that disk is gone, requests through the handle
 * fail with -ENODEV for good, even when its driver's struct block_device
 * (or its name) serves another disk since.
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
	uint64_t generation;	/* the handle's, for the driver's check */
	int result;
	struct sem done;
	unsigned int pending;	/* the driver's pieces still out */
};

struct block_device;

struct block_ops {
	/*
	 * Start rq (already checked against the device): 0, after which
	 * block_complete() is called exactly once; or an error, and the
	 * request was not started.  A request that block_request_stale()
	 * says is stale fails with -ENODEV: the driver checks it under the
	 * lock it registers and unregisters bd with, so that a request can
	 * never reach the disk that took bd's place.
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
	/* Set by block_register to a number no registration had before,
	 * 0 by block_unregister: what handles are checked against. */
	uint64_t generation;
};

/* A disk as block_find or block_for_each found it (see above). */
struct block_handle {
	struct block_device *bd;	/* its name and geometry */
	uint64_t generation;
};

/*
 * Make bd visible by its name: 0; -EEXIST when the name is taken, -ENOSPC
 * with BLOCK_DEVICES_MAX registered.  bd's memory must stay valid for
 * good (a stale handle still points to it after block_unregister).
 */
int block_register(struct block_device *bd);
/* Hide bd from lookups; requests through its handles fail from now. */
void block_unregister(struct block_device *bd);

/* For drivers: whether rq came through a handle to a disk now gone. */
bool block_request_stale(const struct block_device *bd,
			 const struct block_request *rq);

/* A handle to the device named so: 0, or -ENODEV. */
int block_find(const char *name, struct block_handle *h);
/* Call fn with a handle to each registered device, in registration
 * order. */
void block_for_each(void (*fn)(const struct block_handle *h, void *ctx),
		    void *ctx);

/*
 * Start rq.  Refused here, before the driver sees it: -ENODEV when the
 * handle's disk is gone, -EROFS for a write to a read-only device,
 * -EINVAL for a range past the end or a count of 0 (or not 0 for a
 * flush).  Else the driver's submit result.
 */
int block_submit(const struct block_handle *h, struct block_request *rq);
/* Wait for a started rq: its result. */
int block_wait(struct block_request *rq);
/* For drivers: rq is finished with result (IRQ context is fine). */
void block_complete(struct block_request *rq, int result);

/* Synchronous forms: 0 or an error. */
int block_read(const struct block_handle *h, uint64_t sector,
	       uint32_t count, void *buf);
int block_write(const struct block_handle *h, uint64_t sector,
		uint32_t count, const void *buf);
int block_flush(const struct block_handle *h);

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
