#include <string.h>

#include "kernel/block.h"
#include "kernel/errno.h"
#include "kernel/mutex.h"
#include "kernel/printk.h"

/*
 * The registered devices, owned by this file: changed by drivers (on the
 * XenBus thread), read by any thread; list_lock (all-zero is an unlocked
 * mutex) serialises both.
 */
static struct block_device *devices[BLOCK_DEVICES_MAX];
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
	if (!err)
		devices[free] = bd;
	mutex_unlock(&list_lock);
	return err;
}

void block_unregister(struct block_device *bd)
{
	unsigned int i;

	mutex_lock(&list_lock, WAIT_FOREVER);
	for (i = 0; i < BLOCK_DEVICES_MAX; i++)
		if (devices[i] == bd)
			devices[i] = NULL;
	mutex_unlock(&list_lock);
}

struct block_device *block_find(const char *name)
{
	struct block_device *bd = NULL;
	unsigned int i;

	mutex_lock(&list_lock, WAIT_FOREVER);
	for (i = 0; i < BLOCK_DEVICES_MAX && !bd; i++)
		if (devices[i] && strcmp(devices[i]->name, name) == 0)
			bd = devices[i];
	mutex_unlock(&list_lock);
	return bd;
}

void block_for_each(void (*fn)(struct block_device *bd, void *ctx),
		    void *ctx)
{
	struct block_device *list[BLOCK_DEVICES_MAX];
	unsigned int i, n = 0;

	/* fn may block (a flush): not under the lock. */
	mutex_lock(&list_lock, WAIT_FOREVER);
	for (i = 0; i < BLOCK_DEVICES_MAX; i++)
		if (devices[i])
			list[n++] = devices[i];
	mutex_unlock(&list_lock);
	for (i = 0; i < n; i++)
		fn(list[i], ctx);
}

int block_submit(struct block_device *bd, struct block_request *rq)
{
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
	sem_init(&rq->done, 0, 1);
	if (rq->op == BLOCK_FLUSH && !bd->can_flush) {
		block_complete(rq, 0);
		return 0;
	}
	return bd->ops->submit(bd, rq);
}

int block_wait(struct block_request *rq)
{
	sem_take(&rq->done, WAIT_FOREVER);
	return rq->result;
}

void block_complete(struct block_request *rq, int result)
{
	rq->result = result;
	sem_give(&rq->done);
}

static int sync_request(struct block_device *bd, enum block_op op,
			uint64_t sector, uint32_t count, void *buf)
{
	struct block_request rq = {
		.op = op, .sector = sector, .count = count, .buf = buf,
	};
	int err = block_submit(bd, &rq);

	return err ? err : block_wait(&rq);
}

int block_read(struct block_device *bd, uint64_t sector, uint32_t count,
	       void *buf)
{
	return sync_request(bd, BLOCK_READ, sector, count, buf);
}

int block_write(struct block_device *bd, uint64_t sector, uint32_t count,
		const void *buf)
{
	/* The driver only reads a write's buffer. */
	return sync_request(bd, BLOCK_WRITE, sector, count, (void *)buf);
}

int block_flush(struct block_device *bd)
{
	return sync_request(bd, BLOCK_FLUSH, 0, 0, NULL);
}
