#include <string.h>

#include "kernel/block.h"
#include "kernel/errno.h"
#include "kernel/mutex.h"
#include "kernel/printk.h"

/*
 * The registered devices and the last generation handed out, owned by
 * this file: changed by drivers (on the XenBus thread), read by any
 * thread; list_lock (all-zero is an unlocked mutex) serialises both.
 * 64 bits: generations never wrap, so none is ever reused.
 */
static struct block_device *devices[BLOCK_DEVICES_MAX];
static uint64_t last_generation;
static struct mutex list_lock;

int block_register(struct block_device *bd)
{
	unsigned int i, free = BLOCK_DEVICES_MAX;
	int err = 0;

	mutex_lock(&list_lock, WAIT_FOREVER);
	for (i = 0; i < BLOCK_DEVICES_MAX; i++) {
		if (!devices[i]) {
			if (free == BLOCK_DEVICES_MAX)
				free = i;
		} else if (strcmp(devices[i]->name, bd->name) == 0) {
			err = -EEXIST;
		}
	}
	if (!err && free == BLOCK_DEVICES_MAX)
		err = -ENOSPC;
	if (!err) {
		devices[free] = bd;
		bd->generation = ++last_generation;
	}
	mutex_unlock(&list_lock);
	return err;
}

void block_unregister(struct block_device *bd)
{
	unsigned int i;

	mutex_lock(&list_lock, WAIT_FOREVER);
	for (i = 0; i < BLOCK_DEVICES_MAX; i++) {
		if (devices[i] == bd) {
			devices[i] = NULL;
			bd->generation = 0;
		}
	}
	mutex_unlock(&list_lock);
}

bool block_request_stale(const struct block_device *bd,
			 const struct block_request *rq)
{
	return !rq->generation || rq->generation != bd->generation;
}

int block_find(const char *name, struct block_handle *h)
{
	unsigned int i;
	int err = -ENODEV;

	mutex_lock(&list_lock, WAIT_FOREVER);
	for (i = 0; i < BLOCK_DEVICES_MAX && err; i++) {
		if (devices[i] && strcmp(devices[i]->name, name) == 0) {
			h->bd = devices[i];
			h->generation = devices[i]->generation;
			err = 0;
		}
	}
	mutex_unlock(&list_lock);
	return err;
}

void block_for_each(void (*fn)(const struct block_handle *h, void *ctx),
		    void *ctx)
{
	struct block_handle list[BLOCK_DEVICES_MAX];
	unsigned int i, n = 0;

	/* fn may block (a flush): not under the lock.  The handles say
	 * which disks these were, should one go meanwhile. */
	mutex_lock(&list_lock, WAIT_FOREVER);
	for (i = 0; i < BLOCK_DEVICES_MAX; i++) {
		if (devices[i]) {
			list[n].bd = devices[i];
			list[n++].generation = devices[i]->generation;
		}
	}
	mutex_unlock(&list_lock);
	for (i = 0; i < n; i++)
		fn(&list[i], ctx);
}

int block_submit(const struct block_handle *h, struct block_request *rq)
{
	struct block_device *bd = h->bd;

	/* A first look; the driver's, under its lock, is the one that
	 * cannot race with a detach. */
	rq->generation = h->generation;
	if (block_request_stale(bd, rq))
		return -ENODEV;
	if (rq->op == BLOCK_FLUSH) {
		if (rq->count)
			return -EINVAL;
	} else if (rq->op == BLOCK_READ || rq->op == BLOCK_WRITE) {
		if (rq->count == 0 || rq->sector >= bd->sectors ||
		    rq->count > bd->sectors - rq->sector)
			return -EINVAL;
	} else {
		return -EINVAL;
	}
	if (rq->op != BLOCK_READ && bd->readonly)
		return -EROFS;
	rq->result = 0;
	rq->pending = 0;
	ksem_init(&rq->done, 0, 1);
	if (rq->op == BLOCK_FLUSH && !bd->can_flush) {
		block_complete(rq, 0);
		return 0;
	}
	return bd->ops->submit(bd, rq);
}

int block_wait(struct block_request *rq)
{
	ksem_take(&rq->done, WAIT_FOREVER);
	return rq->result;
}

void block_complete(struct block_request *rq, int result)
{
	rq->result = result;
	ksem_give(&rq->done);
}

static int sync_request(const struct block_handle *h, enum block_op op,
			uint64_t sector, uint32_t count, void *buf)
{
	struct block_request rq = {
		.op = op, .sector = sector, .count = count, .buf = buf,
	};
	int err = block_submit(h, &rq);

	return err ? err : block_wait(&rq);
}

int block_read(const struct block_handle *h, uint64_t sector,
	       uint32_t count, void *buf)
{
	return sync_request(h, BLOCK_READ, sector, count, buf);
}

int block_write(const struct block_handle *h, uint64_t sector,
		uint32_t count, const void *buf)
{
	/* The driver only reads a write's buffer. */
	return sync_request(h, BLOCK_WRITE, sector, count, (void *)buf);
}

int block_flush(const struct block_handle *h)
{
	return sync_request(h, BLOCK_FLUSH, 0, 0, NULL);
}
