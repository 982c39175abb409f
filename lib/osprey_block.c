/*
 * <osprey/block.h> on the kernel's block API (kernel/block.h): an open
 * disk is a block_handle kept in the program's struct osprey_block.
 */
#include <errno.h>
#include <stddef.h>
#include <string.h>

#include <osprey/block.h>

#include "kernel/block.h"
#include "lib/errno_map.h"

_Static_assert(OSPREY_BLOCK_NAME_LEN == BLOCK_NAME_LEN,
	       "a disk's name fits both");

struct list_ctx {
	struct osprey_block_info *list;
	unsigned int max, count;
};

static void fill_info(struct osprey_block_info *info,
		      const struct block_device *bd)
{
	memcpy(info->name, bd->name, sizeof(info->name));
	info->name[sizeof(info->name) - 1] = '\0';
	info->sectors = bd->sectors;
	info->sector_size = bd->sector_size;
	info->readonly = bd->readonly;
	info->removable = bd->removable;
	info->cdrom = bd->cdrom;
	info->can_flush = bd->can_flush;
}

static void add_one(const struct block_handle *h, void *arg)
{
	struct list_ctx *ctx = arg;

	if (ctx->count < ctx->max)
		fill_info(&ctx->list[ctx->count], h->bd);
	ctx->count++;
}

int osprey_block_list(struct osprey_block_info *list, unsigned int max)
{
	struct list_ctx ctx = { list, list ? max : 0, 0 };

	block_for_each(add_one, &ctx);
	return (int)ctx.count;
}

static int result(int kernel)
{
	return kernel >= 0 ? kernel : -errno_from_kernel(kernel);
}

int osprey_block_open(const char *name, struct osprey_block *disk)
{
	struct block_handle h;
	int err;

	if (!name || !disk)
		return -EINVAL;
	err = block_find(name, &h);
	if (err)
		return result(err);
	fill_info(&disk->info, h.bd);
	disk->_device = h.bd;
	disk->_generation = h.generation;
	return 0;
}

static struct block_handle handle(const struct osprey_block *disk)
{
	struct block_handle h = { disk->_device, disk->_generation };

	return h;
}

int osprey_block_read(const struct osprey_block *disk, uint64_t sector,
		      uint32_t count, void *buf)
{
	struct block_handle h;

	if (!disk || !disk->_device || !buf)
		return -EINVAL;
	h = handle(disk);
	return result(block_read(&h, sector, count, buf));
}

int osprey_block_write(const struct osprey_block *disk, uint64_t sector,
		       uint32_t count, const void *buf)
{
	struct block_handle h;

	if (!disk || !disk->_device || !buf)
		return -EINVAL;
	h = handle(disk);
	return result(block_write(&h, sector, count, buf));
}

int osprey_block_flush(const struct osprey_block *disk)
{
	struct block_handle h;

	if (!disk || !disk->_device)
		return -EINVAL;
	h = handle(disk);
	return result(block_flush(&h));
}
