/*
 * blkfront: see blkfront.h.
 *
 * Data always goes through a pool of pages the disk owns: the caller's
 * buffer may be anywhere (a thread stack is not identity-mapped) and of
 * any alignment, the backend never writes anywhere but the pool, and with
 * persistent grants the pool is granted once, at connection, as the
 * protocol wants the same grants reused.  The pool's bookkeeping is
 * xen/grant_pool.c's: a page whose grant a backend keeps never serves
 * again, and every page is cleared before a new connection.  A slot
 * whose backends kept more than GRANT_BUDGET_KEPT_MAX grants is retired.
 * Responses are taken on a thread per disk, woken by the event channel,
 * so that the copies and XenStore calls run in thread context.
 *
 * Sector numbers on the ring and the backend's "sectors" are in 512-byte
 * units whatever "sector-size" says: that is what Linux's blkback writes
 * and reads (we do not offer feature-large-sector-size).  sector-size
 * only sets the granularity of requests.
 */
#include <stdio.h>
#include <string.h>

#include "kernel/block.h"
#include "kernel/bootargs.h"
#include "kernel/errno.h"
#include "kernel/mutex.h"
#include "kernel/page_alloc.h"
#include "kernel/printk.h"
#include "kernel/thread.h"
#include "frontends/blkfront.h"
#include "frontends/blkif_ring.h"
#include "xen/events.h"
#include "xen/gnttab.h"
#include "xen/grant_pool.h"
#include "frontends/vbd_name.h"
#include "xen/xenbus.h"
#include "xen/xenstore.h"
#include "xen/xs_wire.h"
#include <xen/io/protocols.h>

#define DISKS_MAX		8
/* Pages of data in flight per disk: 1 MiB. */
#define POOL_PAGES		256
#define SEGS_INDIRECT		32	/* 128 KiB a request */
#define INDIRECT_PAGES		(POOL_PAGES / SEGS_INDIRECT)
#define RING_ORDER_MAX		3	/* 8 pages: 256 requests */
#define RING_PAGES_MAX		(1u << RING_ORDER_MAX)
#define WORKER_PRIORITY		5
#define SECTOR_SHIFT		9
#define NO_REF			(-1)

/*
 * One ring request, by slot.  Its pages' grants are the pools' to
 * record: a request that fails with the ring (the backend may still use
 * its pages) leaves them taken and granted until the next connection's
 * reset ends them.
 */
struct piece {
	struct block_request *rq;
	uint8_t *buf;			/* the caller's bytes it covers */
	uint32_t bytes;
	uint16_t page[SEGS_INDIRECT];	/* pool page numbers */
	uint8_t npages;
	int8_t indirect;		/* indirect page number, or -1 */
};

/* DISK_RETIRED: its backends kept too many grants (struct grant_budget):
 * the slot serves no other disk. */
enum disk_state { DISK_FREE, DISK_PROBED, DISK_INITIALISED,
		  DISK_CONNECTED, DISK_CLOSED, DISK_RETIRED };

struct disk {
	struct xenbus_device *dev;
	struct block_device bd;
	enum disk_state state;
	uint16_t handle;		/* the device id, as blkif wants it */
	/* Chosen at the handshake. */
	bool persistent, indirect;
	/* How a flush goes on the ring (FLUSH_DISKCACHE, or WRITE_BARRIER
	 * from a backend with only feature-barrier); bd.can_flush says if
	 * at all, and turns false for good when the backend says the op is
	 * not supported after all. */
	uint8_t flush_op;
	unsigned int ring_order, segs_max;
	/*
	 * Set up once, kept for the next disk in this slot.  A page whose
	 * grant a backend keeps is out of its pool for good; ring pages
	 * whose grant it keeps are dropped (NULL: new ones next time).
	 */
	uint8_t *ring_pages, *pool_pages, *indirect_pages;
	struct piece *pieces;		/* BLKIF_SLOTS_MAX of them */
	long ring_ref[RING_PAGES_MAX];
	struct grant_pool pool;		/* POOL_PAGES data pages */
	struct grant_pool seg_lists;	/* INDIRECT_PAGES segment lists */
	struct grant_budget budget;	/* the slot's, across its disks */
	blkif_front_ring_t ring;
	evtchn_port_t port;
	bool port_open;
	struct blkif_tracker tracker;
	/* error != 0: the disk is going away (-ENODEV) or its ring is
	 * corrupt (-EIO); every request fails with it. */
	int error;
	struct mutex lock;		/* all of the above after probe */
	struct sem kick;		/* event channel -> worker */
	struct sem room;		/* worker -> a submitter waiting */
	unsigned int waiters;
	struct thread *worker;
};

/*
 * The disks, allocated on first use and reused after a detach; owned by
 * this file.  disks[] and options change only on the XenBus thread.
 */
static struct disk *disks[DISKS_MAX];
static struct {
	bool no_persistent, no_indirect;
	unsigned int ring_order_max;
} options = { false, false, RING_ORDER_MAX };

/* The device's number: the last part of "device/vbd/51712". */
static unsigned long device_number(const struct xenbus_device *dev)
{
	const char *id = strrchr(dev->nodename, '/');
	unsigned long n;

	return id && !xs_parse_uint(id + 1, 0xffffffffUL, &n) ? n : 0;
}

static void on_event(evtchn_port_t port, void *ctx)
{
	struct disk *d = ctx;

	(void)port;
	ksem_give(&d->kick);
}

static void wake_waiters(struct disk *d)
{
	unsigned int i;

	for (i = 0; i < d->waiters; i++)
		ksem_give(&d->room);
}

static const struct grant_pool_ops grant_ops = {
	.grant = gnttab_grant_access,
	.end = gnttab_end_access,
};

/*
 * Give a pool page back after its request: its per-request grant ended
 * first (persistent grants stay).  False if the backend keeps it: the
 * pool keeps the page out for good, the budget counts it.
 */
static bool give_back(struct disk *d, struct grant_pool *pool,
		      unsigned int n)
{
	if (!d->persistent && grant_pool_end(pool, n)) {
		grant_budget_kept(&d->budget, 1);
		return false;
	}
	(void)grant_pool_put(pool, n);
	return true;
}

/*
 * A piece is over (result err): copy what it read, give its pages back,
 * and complete its request when it was the last piece out.  Lock held.
 */
static void finish_piece(struct disk *d, unsigned int slot, int err)
{
	struct piece *p = &d->pieces[slot];
	struct block_request *rq = p->rq;
	uint32_t done = 0, chunk;
	unsigned int i, dropped = 0;

	for (i = 0; i < p->npages; i++) {
		unsigned int n = p->page[i];

		chunk = p->bytes - done < PAGE_SIZE ? p->bytes - done :
						      PAGE_SIZE;
		/* Ended before the copy: the backend writes no more. */
		if (!give_back(d, &d->pool, n)) {
			dropped++;
			if (!err)
				err = -EIO;
		} else if (!err && rq->op == BLOCK_READ) {
			memcpy(p->buf + done, grant_pool_page(&d->pool, n),
			       chunk);
		}
		done += chunk;
	}
	if (p->indirect >= 0 &&
	    !give_back(d, &d->seg_lists, (unsigned int)p->indirect)) {
		dropped++;
		if (!err)
			err = -EIO;
	}
	if (dropped)
		printk("blkfront: %s: the backend answered but kept %u "
		       "page%s granted: out of the pool for good\n",
		       d->bd.name, dropped, dropped > 1 ? "s" : "");
	if (err == -EOPNOTSUPP && rq->op == BLOCK_FLUSH && d->bd.can_flush) {
		/* Remembered: later flushes are no-ops, as with a backend
		 * that never offered one. */
		d->bd.can_flush = false;
		printk("blkfront: %s: the backend does not support %s after "
		       "all: no more flushes\n", d->bd.name,
		       d->flush_op == BLKIF_OP_WRITE_BARRIER ? "barriers" :
							       "flushes");
	}
	if (err && !rq->result)
		rq->result = err;
	p->rq = NULL;
	if (--rq->pending == 0)
		block_complete(rq, rq->result);
}

/*
 * Fail every request in flight with err (the ring is gone).  Their pages
 * stay taken, their grants recorded: the backend may still be reading or
 * writing them until it closes (release_ring ends them).  Lock held.
 */
static void fail_in_flight(struct disk *d, int err)
{
	struct block_request *rq;
	unsigned int s;

	for (s = 0; s < d->tracker.size; s++) {
		if (!d->tracker.slot[s].busy)
			continue;
		blkif_tracker_release(&d->tracker, s);
		rq = d->pieces[s].rq;
		d->pieces[s].rq = NULL;
		if (!rq->result)
			rq->result = err;
		if (--rq->pending == 0)
			block_complete(rq, rq->result);
	}
	wake_waiters(d);
}

/* Stop using the disk: requests fail with err from now.  Lock held. */
static void shut_down(struct disk *d, int err)
{
	if (!d->error)
		d->error = err;
	if (d->state == DISK_CONNECTED)
		block_unregister(&d->bd);
	fail_in_flight(d, err);
}

/* The ring broke its protocol: stop trusting it, and close. Lock held. */
static void corrupt(struct disk *d, const char *what, unsigned long long v)
{
	printk("blkfront: %s: corrupt ring (%s 0x%llx): disconnecting\n",
	       d->bd.name, what, v);
	shut_down(d, -EIO);
	if (!xenbus_switch_state(d->dev, XenbusStateClosing))
		(void)xenbus_switch_state(d->dev, XenbusStateClosed);
	d->state = DISK_CLOSED;
}

static void piece_done(void *ctx, unsigned int slot, int result)
{
	finish_piece(ctx, slot, result);
}

/*
 * Take every response the backend has produced: whether there was any
 * (a corrupt ring counts: the event had a reason).  Lock held.
 */
static bool take_responses(struct disk *d)
{
	int n = blkif_take_responses(&d->ring, &d->tracker, piece_done, d);

	if (n < 0)
		corrupt(d, "response index or id after",
			d->ring.rsp_cons);
	else
		wake_waiters(d);
	return n != 0;
}

static void worker(void *arg)
{
	struct disk *d = arg;
	bool work;

	thread_background();
	for (;;) {
		ksem_take(&d->kick, WAIT_FOREVER);
		mutex_lock(&d->lock, WAIT_FOREVER);
		work = d->state == DISK_CONNECTED && !d->error &&
		       take_responses(d);
		/* Under the lock: the port cannot be closed and reused. */
		if (d->port_open)
			(void)evtchn_eoi(d->port, !work);
		mutex_unlock(&d->lock);
	}
}

static void notify_backend(struct disk *d)
{
	int notify;
	long err;

	RING_PUSH_REQUESTS_AND_CHECK_NOTIFY(&d->ring, notify);
	if (notify) {
		err = evtchn_send(d->port);
		if (err)
			printk("blkfront: %s: cannot notify the backend: "
			       "%ld\n", d->bd.name, err);
	}
}

static bool room_for(struct disk *d, unsigned int npages, bool indirect)
{
	return !RING_FULL(&d->ring) && d->tracker.busy < d->tracker.size &&
	       d->pool.nfree >= npages && (!indirect || d->seg_lists.nfree);
}

/*
 * Take a free page of pool for a request (room_for said there is one)
 * into *n, granted to the backend unless persistent grants already did,
 * its grant in *gref.  0, or the error: *n is -1 if no page was taken,
 * else the page is taken all the same (finish_piece gives it back).
 */
static int take_page(struct disk *d, struct grant_pool *pool, bool readonly,
		     int *n, grant_ref_t *gref)
{
	long r;

	*n = grant_pool_take(pool);
	if (*n < 0) {
		r = *n;
		*n = -1;
		return (int)r;
	}
	r = d->persistent ? grant_pool_ref(pool, (unsigned int)*n) :
			    grant_pool_grant(pool, (unsigned int)*n,
					     d->dev->otherend_id, readonly);
	if (r < 0)
		return (int)r;
	*gref = (grant_ref_t)r;
	return 0;
}

/*
 * Why rq may not go to the backend: -ENODEV when it came through a handle
 * to a disk now gone (this slot may serve another since: checked under
 * the lock that connect and shut_down register and unregister under),
 * else the disk's error; 0 if it may.  Lock held.
 */
static int refused(struct disk *d, const struct block_request *rq)
{
	if (block_request_stale(&d->bd, rq))
		return -ENODEV;
	return d->error;
}

/*
 * Queue one ring request for bytes of rq at sector (512-byte units),
 * waiting for room.  A flush has bytes 0.  0, or an error (nothing
 * queued).  Lock held (dropped while waiting).
 */
static int queue_piece(struct disk *d, struct block_request *rq,
		       uint64_t sector, uint8_t *buf, uint32_t bytes)
{
	unsigned int npages = (bytes + PAGE_SIZE - 1) / PAGE_SIZE;
	bool indirect = npages > BLKIF_MAX_SEGMENTS_PER_REQUEST;
	uint8_t op = rq->op == BLOCK_READ ? BLKIF_OP_READ :
		     rq->op == BLOCK_WRITE ? BLKIF_OP_WRITE : d->flush_op;
	struct blkif_request_segment *seg;
	blkif_request_t *req;
	struct piece *p;
	uint32_t chunk, done = 0;
	uint64_t id;
	unsigned int i;
	int slot, err = 0;

	while (!(err = refused(d, rq)) && !room_for(d, npages, indirect)) {
		/* Pages the backend kept are gone for good: with nothing
		 * in flight to give some back, waiting would be forever. */
		if (!d->tracker.busy)
			return -ENOMEM;
		d->waiters++;
		mutex_unlock(&d->lock);
		ksem_take(&d->room, WAIT_FOREVER);
		mutex_lock(&d->lock, WAIT_FOREVER);
		d->waiters--;
	}
	if (err)
		return err;
	slot = blkif_tracker_take(&d->tracker, op, indirect, &id);
	if (slot < 0)
		return slot;	/* room_for said there was one */
	p = &d->pieces[slot];
	p->rq = rq;
	p->buf = buf;
	p->bytes = bytes;
	p->npages = 0;
	p->indirect = -1;
	req = RING_GET_REQUEST(&d->ring, d->ring.req_prod_pvt);
	if (indirect) {
		struct blkif_request_indirect *ind = (void *)req;
		int n;

		err = take_page(d, &d->seg_lists, true, &n,
				&ind->indirect_grefs[0]);
		p->indirect = (int8_t)n;
		seg = n < 0 ? NULL :
		      (void *)grant_pool_page(&d->seg_lists, (unsigned int)n);
		ind->operation = BLKIF_OP_INDIRECT;
		ind->indirect_op = op;
		ind->nr_segments = (uint16_t)npages;
		ind->id = id;
		ind->sector_number = sector;
		ind->handle = d->handle;
	} else {
		seg = req->seg;
		req->operation = op;
		req->nr_segments = (uint8_t)npages;
		req->handle = d->handle;
		req->id = id;
		req->sector_number = sector;
	}
	for (i = 0; i < npages && !err; i++) {
		int n;

		chunk = bytes - done < PAGE_SIZE ? bytes - done : PAGE_SIZE;
		err = take_page(d, &d->pool, rq->op == BLOCK_WRITE, &n,
				&seg[i].gref);
		if (n < 0)
			break;
		p->page[i] = (uint16_t)n;
		p->npages++;
		if (!err && rq->op == BLOCK_WRITE)
			memcpy(grant_pool_page(&d->pool, (unsigned int)n),
			       buf + done, chunk);
		seg[i].first_sect = 0;
		seg[i].last_sect = (uint8_t)((chunk >> SECTOR_SHIFT) - 1);
		done += chunk;
	}
	if (err) {
		/* Out of grant references: give back what was taken. */
		blkif_tracker_release(&d->tracker, (unsigned int)slot);
		rq->pending++;
		finish_piece(d, (unsigned int)slot, err);
		return err;
	}
	rq->pending++;
	d->ring.req_prod_pvt++;
	notify_backend(d);
	return 0;
}

static int disk_submit(struct block_device *bd, struct block_request *rq)
{
	struct disk *d = bd->priv;
	uint32_t per_sector = bd->sector_size >> SECTOR_SHIFT;
	uint64_t total = (uint64_t)rq->count * bd->sector_size, off = 0;
	uint32_t max = d->segs_max * PAGE_SIZE, chunk;
	int err = 0;

	mutex_lock(&d->lock, WAIT_FOREVER);
	/* Our own hold, so that pieces finishing early cannot complete rq
	 * before every piece is queued. */
	rq->pending = 1;
	/* can_flush may have turned false since block_submit looked. */
	if (rq->op == BLOCK_FLUSH && d->bd.can_flush)
		err = queue_piece(d, rq, 0, NULL, 0);
	while (rq->op != BLOCK_FLUSH && off < total && !err) {
		chunk = total - off < max ? (uint32_t)(total - off) : max;
		err = queue_piece(d, rq, rq->sector * per_sector +
				  (off >> SECTOR_SHIFT),
				  (uint8_t *)rq->buf + off, chunk);
		off += chunk;
	}
	if (err && !rq->result)
		rq->result = err;
	if (--rq->pending == 0)
		block_complete(rq, rq->result);
	mutex_unlock(&d->lock);
	return 0;
}

static int disk_drain(struct block_device *bd, int64_t timeout_ms)
{
	struct disk *d = bd->priv;
	int64_t waited;

	for (waited = 0; d->tracker.busy && !d->error; waited += 10) {
		if (waited >= timeout_ms)
			return -ETIMEDOUT;
		thread_sleep_ms(10);
	}
	return 0;
}

static const struct block_ops disk_ops = {
	.submit = disk_submit,
	.drain = disk_drain,
};

/*
 * End the ring's grants: how many the backend keeps.  Those references
 * are forgotten here but stay allocated for good (nothing ends them
 * again), and the ring pages are dropped: new ones serve the next disk.
 */
static unsigned int end_ring_grants(struct disk *d)
{
	unsigned int i, kept = 0;
	long err;

	for (i = 0; i < RING_PAGES_MAX; i++) {
		if (d->ring_ref[i] == NO_REF)
			continue;
		err = gnttab_end_access((grant_ref_t)d->ring_ref[i]);
		if (err && err != -EALREADY)
			kept++;
		d->ring_ref[i] = NO_REF;
	}
	if (kept)
		d->ring_pages = NULL;
	return kept;
}

/*
 * Give back what the last connection granted, once the backend has
 * closed.  A page whose grant the backend still holds stays out of its
 * pool for good (grant_pool.h): reusing it would let the backend read
 * and write someone else's data.
 */
static void release_ring(struct disk *d)
{
	unsigned int kept;

	if (d->port_open) {
		(void)evtchn_close(d->port);
		d->port_open = false;
	}
	kept = end_ring_grants(d) + grant_pool_end_all(&d->pool) +
	       grant_pool_end_all(&d->seg_lists);
	if (kept)
		printk("blkfront: %s: the backend keeps %u page%s granted "
		       "after closing: out of use for good\n", d->bd.name,
		       kept, kept > 1 ? "s" : "");
	grant_budget_kept(&d->budget, kept);
}

/* Allocated once per slot (a ring the backend kept aside). */
static int alloc_buffers(struct disk *d)
{
	size_t piece_pages = (BLKIF_SLOTS_MAX * sizeof(struct piece) +
			      PAGE_SIZE - 1) / PAGE_SIZE;

	if (!d->ring_pages)
		d->ring_pages = page_alloc(RING_PAGES_MAX);
	if (!d->pool_pages) {
		d->pool_pages = page_alloc(POOL_PAGES);
		if (d->pool_pages)
			(void)grant_pool_init(&d->pool, &grant_ops,
					      d->pool_pages, POOL_PAGES);
	}
	if (!d->indirect_pages) {
		d->indirect_pages = page_alloc(INDIRECT_PAGES);
		if (d->indirect_pages)
			(void)grant_pool_init(&d->seg_lists, &grant_ops,
					      d->indirect_pages,
					      INDIRECT_PAGES);
	}
	if (!d->pieces)
		d->pieces = page_alloc(piece_pages);
	return d->ring_pages && d->pool_pages && d->indirect_pages &&
	       d->pieces ? 0 : -ENOMEM;
}

static int grant_ring(struct disk *d)
{
	unsigned int i;
	long r;

	for (i = 0; i < 1u << d->ring_order; i++) {
		uint8_t *page = d->ring_pages + (size_t)i * PAGE_SIZE;

		r = gnttab_grant_access(d->dev->otherend_id,
					(uint64_t)(uintptr_t)page, false);
		if (r < 0)
			return (int)r;
		d->ring_ref[i] = r;
	}
	return 0;
}

/* Persistent grants: every page the pool has left, granted once. */
static int grant_pool_pages(struct disk *d, struct grant_pool *pool)
{
	unsigned int n;
	long r;

	for (n = 0; n < pool->count; n++) {
		if (grant_pool_is_kept(pool, n))
			continue;
		r = grant_pool_grant(pool, n, d->dev->otherend_id, false);
		if (r < 0)
			return (int)r;
	}
	return 0;
}

/* blkif.h's "Request Transport Parameters", in one transaction. */
static int write_ring_keys(xs_transaction_t t, void *ctx)
{
	struct disk *d = ctx;
	char key[16];
	unsigned int i;
	int err;

	if (d->ring_order == 0) {
		err = xenbus_write_uint(t, d->dev, "ring-ref",
					(unsigned long)d->ring_ref[0]);
	} else {
		err = xenbus_write_uint(t, d->dev, "ring-page-order",
					d->ring_order);
		for (i = 0; !err && i < (1u << d->ring_order); i++) {
			snprintf(key, sizeof(key), "ring-ref%u", i);
			err = xenbus_write_uint(t, d->dev, key,
						(unsigned long)d->ring_ref[i]);
		}
	}
	if (!err)
		err = xenbus_write_uint(t, d->dev, "event-channel", d->port);
	if (!err)
		err = xenbus_write(t, d->dev, "protocol",
				   XEN_IO_PROTO_ABI_NATIVE);
	/* Ours, offered before we know the backend's: Linux's blkback
	 * writes its own only when it connects. */
	if (!err)
		err = xenbus_write_uint(t, d->dev, "feature-persistent",
					!options.no_persistent);
	return err;
}

/* The backend waits for us: set up the ring and publish it.  Lock held. */
static int initialise(struct disk *d)
{
	unsigned int order;
	long port;
	int err;

	err = grant_budget_connect(&d->budget);
	if (err) {
		printk("blkfront: %s: the backends of this slot kept %u "
		       "grants: not connecting\n", d->bd.name, d->budget.kept);
		return err;
	}
	order = (unsigned int)xenbus_backend_uint(d->dev,
						  "max-ring-page-order", 0);
	d->ring_order = order < options.ring_order_max ? order :
			options.ring_order_max;
	d->persistent = false;		/* known at Connected */
	err = alloc_buffers(d);
	if (err)
		return err;
	/* Cleared before they serve this backend, maybe another domain. */
	grant_budget_kept(&d->budget, grant_pool_reset(&d->pool) +
				      grant_pool_reset(&d->seg_lists));
	memset(d->ring_pages, 0, PAGE_SIZE << d->ring_order);
	SHARED_RING_INIT((blkif_sring_t *)d->ring_pages);
	FRONT_RING_INIT(&d->ring, (blkif_sring_t *)d->ring_pages,
			PAGE_SIZE << d->ring_order);
	blkif_tracker_init(&d->tracker, RING_SIZE(&d->ring));
	err = grant_ring(d);
	if (err)
		return err;
	port = evtchn_alloc_unbound(d->dev->otherend_id, on_event, d);
	if (port < 0)
		return (int)port;
	d->port = (evtchn_port_t)port;
	d->port_open = true;
	err = evtchn_set_late_eoi(d->port);
	if (err)
		printk("blkfront: %s: no late EOI (%d): event storms not "
		       "damped\n", d->bd.name, err);
	err = xs_transaction_run(write_ring_keys, d);
	if (!err)
		err = xenbus_switch_state(d->dev, XenbusStateInitialised);
	return err;
}

/* The backend is ready: learn the disk and offer it.  Lock held. */
static int connect(struct disk *d)
{
	unsigned long sectors = xenbus_backend_uint(d->dev, "sectors", 0);
	unsigned long size = xenbus_backend_uint(d->dev, "sector-size",
						 512);
	unsigned long info = xenbus_backend_uint(d->dev, "info", 0);
	struct block_device *bd = &d->bd;
	int err;

	if (size < 512 || size > PAGE_SIZE || (size & (size - 1)) ||
	    sectors == 0 || sectors % (size >> SECTOR_SHIFT)) {
		printk("blkfront: %s: unusable geometry: %lu sectors, "
		       "sector-size %lu\n", bd->name, sectors, size);
		return -EINVAL;
	}
	bd->sector_size = (uint32_t)size;
	bd->sectors = sectors / (size >> SECTOR_SHIFT);
	bd->readonly = info & VDISK_READONLY;
	bd->cdrom = info & VDISK_CDROM;
	bd->removable = info & VDISK_REMOVABLE;
	/* blkif.h: a barrier also flushes; Linux's blkfront falls back to
	 * it the same way. */
	d->flush_op =
		xenbus_backend_uint(d->dev, "feature-flush-cache", 0) == 1 ?
		BLKIF_OP_FLUSH_DISKCACHE :
		xenbus_backend_uint(d->dev, "feature-barrier", 0) == 1 ?
		BLKIF_OP_WRITE_BARRIER : 0;
	bd->can_flush = d->flush_op != 0;
	/* Features the backend publishes when it connects. */
	d->persistent = !options.no_persistent &&
		xenbus_backend_uint(d->dev, "feature-persistent", 0) == 1;
	d->indirect = !options.no_indirect &&
		xenbus_backend_uint(d->dev, "feature-max-indirect-segments",
				    0) >= SEGS_INDIRECT;
	d->segs_max = d->indirect ? SEGS_INDIRECT :
				    BLKIF_MAX_SEGMENTS_PER_REQUEST;
	err = 0;
	/* Writable, the segment lists too although the backend only reads
	 * them: Linux's blkback maps every persistent grant read-write, and
	 * fails the request when the grant says read-only. */
	if (d->persistent)
		err = grant_pool_pages(d, &d->pool);
	if (!err && d->persistent)
		err = grant_pool_pages(d, &d->seg_lists);
	if (err)
		return err;
	bd->ops = &disk_ops;
	bd->priv = d;
	err = block_register(bd);
	if (err)
		return err;
	d->error = 0;
	d->state = DISK_CONNECTED;
	err = xenbus_switch_state(d->dev, XenbusStateConnected);
	if (err) {
		block_unregister(bd);
		return err;
	}
	printk("blkfront: %s: %llu sectors of %u bytes (%llu MiB), %s%s%s, "
	       "backend d%u\n", bd->name, (unsigned long long)bd->sectors,
	       bd->sector_size,
	       (unsigned long long)(bd->sectors * bd->sector_size >> 20),
	       bd->readonly ? "ro" : "rw", bd->cdrom ? ", cdrom" : "",
	       bd->removable ? ", removable" : "", d->dev->otherend_id);
	printk("blkfront: %s: ring %u page%s, %u segments a request%s%s\n",
	       bd->name, 1u << d->ring_order, d->ring_order ? "s" : "",
	       d->segs_max, d->persistent ? ", persistent grants" : "",
	       !bd->can_flush ? "" :
	       d->flush_op == BLKIF_OP_WRITE_BARRIER ? ", flush by barrier" :
						       ", flush");
	return 0;
}

/* Close our end (the backend is closing, or we failed).  Lock held. */
static void close_disk(struct disk *d, int err)
{
	bool was_connected = d->state == DISK_CONNECTED;

	shut_down(d, err);
	if (d->dev->state != XenbusStateClosed &&
	    d->dev->state != XenbusStateClosing)
		(void)xenbus_switch_state(d->dev, XenbusStateClosing);
	if (d->dev->state != XenbusStateClosed)
		(void)xenbus_switch_state(d->dev, XenbusStateClosed);
	d->state = DISK_CLOSED;
	if (was_connected)
		printk("blkfront: %s: detached\n", d->bd.name);
}

static void disk_changed(struct xenbus_device *dev, enum xenbus_state state)
{
	struct disk *d = dev->priv;
	int err = 0;

	mutex_lock(&d->lock, WAIT_FOREVER);
	switch (state) {
	case XenbusStateInitWait:
		if (d->state != DISK_PROBED)
			break;
		err = initialise(d);
		if (!err)
			d->state = DISK_INITIALISED;
		break;
	case XenbusStateConnected:
		if (d->state != DISK_INITIALISED)
			break;
		err = connect(d);
		break;
	case XenbusStateClosing:
	case XenbusStateClosed:
		if (d->state != DISK_CLOSED)
			close_disk(d, -ENODEV);
		break;
	default:
		break;
	}
	if (err) {
		printk("blkfront: %s: %s failed: %d (%s)\n", d->bd.name,
		       xenbus_state_name(state), err, errno_name(err));
		close_disk(d, err);
	}
	mutex_unlock(&d->lock);
}

/* No grants yet: every reference NO_REF (0 is a real one). */
static void forget_refs(struct disk *d)
{
	unsigned int i;

	for (i = 0; i < RING_PAGES_MAX; i++)
		d->ring_ref[i] = NO_REF;
}

static struct disk *disk_slot(void)
{
	unsigned int i;

	for (i = 0; i < DISKS_MAX; i++) {
		if (!disks[i]) {
			disks[i] = page_alloc((sizeof(struct disk) +
					       PAGE_SIZE - 1) / PAGE_SIZE);
			if (!disks[i])
				return NULL;
			forget_refs(disks[i]);
		}
		if (disks[i]->state == DISK_FREE)
			return disks[i];
	}
	return NULL;
}

static int disk_probe(struct xenbus_device *dev)
{
	unsigned long number = device_number(dev);
	struct disk *d = disk_slot();
	int err;

	if (!d)
		return -ENOSPC;
	if (!d->worker) {
		ksem_init(&d->kick, 0, 1);
		ksem_init(&d->room, 0, BLKIF_SLOTS_MAX);
		mutex_init(&d->lock);
		d->worker = thread_create("blkfront", worker, d,
					  WORKER_PRIORITY,
					  THREAD_STACK_DEFAULT);
		if (!d->worker)
			return -ENOMEM;
	}
	if (vbd_name((uint32_t)number, d->bd.name, sizeof(d->bd.name)) < 0)
		snprintf(d->bd.name, sizeof(d->bd.name), "vbd%lu", number);
	d->dev = dev;
	d->handle = (uint16_t)number;
	d->error = 0;
	d->budget.connects = 0;		/* per disk; what was kept stays */
	d->state = DISK_PROBED;
	dev->priv = d;
	err = xenbus_switch_state(dev, XenbusStateInitialising);
	if (err)
		d->state = DISK_FREE;	/* XenBus tries again later */
	return err;
}

static void disk_remove(struct xenbus_device *dev)
{
	struct disk *d = dev->priv;

	mutex_lock(&d->lock, WAIT_FOREVER);
	if (d->state != DISK_CLOSED)
		close_disk(d, -ENODEV);
	release_ring(d);
	d->state = DISK_FREE;
	if (d->budget.kept > GRANT_BUDGET_KEPT_MAX) {
		printk("blkfront: %s: the backends of this slot kept %u "
		       "grants: slot retired\n", d->bd.name, d->budget.kept);
		d->state = DISK_RETIRED;
	}
	mutex_unlock(&d->lock);
}

static const struct xenbus_driver blkfront_driver = {
	.type = "vbd",
	.probe = disk_probe,
	.otherend_changed = disk_changed,
	.remove = disk_remove,
};

int blkfront_register(const char *opts)
{
	char word[24];
	const char *p = opts ? opts : "";
	unsigned long order;

	while (bootarg_next_option(&p, word, sizeof(word))) {
		if (strcmp(word, "no-persistent") == 0)
			options.no_persistent = true;
		else if (strcmp(word, "no-indirect") == 0)
			options.no_indirect = true;
		else if (strncmp(word, "ring-order=", 11) == 0 &&
			 !xs_parse_uint(word + 11, RING_ORDER_MAX, &order))
			options.ring_order_max = (unsigned int)order;
		else
			printk("blkfront: option \"%s\" unknown, ignored\n",
			       word);
	}
	return xenbus_register(&blkfront_driver);
}
