/*
 * 9pfs: see 9pfs.h.
 *
 * The handshake (docs/misc/9pfs.pandoc): the backend publishes
 * "versions" (which must list 1), "max-rings" and "max-ring-page-order"
 * and waits in InitWait; we grant an interface page and 2^order data
 * pages (the interface page lists their grants), allocate an event
 * channel, write "version", "num-rings", "ring-ref0" and
 * "event-channel-0" in one transaction and go Initialised; once the
 * backend is Connected, so are we.  The toolstack's "tag" in our own
 * directory names the share.
 *
 * A session holds the device's lock for its round trips: the backend
 * handles one request at a time, and the reply's framing on the byte
 * ring is only known to the one reader.  The event channel wakes the
 * caller (kick); the backend is notified after we publish bytes and
 * after we free room (xen-9pfsd waits for room to write a large reply).
 */
#include <stdio.h>
#include <string.h>

#include "kernel/errno.h"
#include "kernel/mutex.h"
#include "kernel/page_alloc.h"
#include "kernel/printk.h"
#include "kernel/sem.h"
#include "kernel/thread.h"
#include "frontends/9pfs.h"
#include "frontends/p9_ring.h"
#include "xen/events.h"
#include "xen/gnttab.h"
#include "xen/xenbus.h"
#include "xen/xenstore.h"
#include "xen/xs_wire.h"

/* 16 pages, 32 KiB each way, as Mini-OS's 9pfront uses. */
#define RING_ORDER		4
#define DATA_PAGES		(1u << RING_ORDER)
/* The message buffer: the largest msize we offer (one direction's
 * ring at RING_ORDER). */
#define BUF_PAGES		(DATA_PAGES / 2)
#define NO_REF			(-1)
/* How often p9fs_find looks again for a share still connecting. */
#define FIND_POLL_MS		20

enum p9fs_state { P9FS_FREE, P9FS_PROBED, P9FS_INITIALISED,
		  P9FS_CONNECTED, P9FS_CLOSED };

struct p9fs {
	struct xenbus_device *dev;
	enum p9fs_state state;
	char tag[P9FS_TAG_LEN];
	unsigned int order;
	struct xen_9pfs_data_intf *intf;	/* one page */
	uint8_t *data;				/* DATA_PAGES pages */
	long intf_ref;
	long data_ref[DATA_PAGES];
	evtchn_port_t port;
	bool port_open;
	struct p9_ring ring;
	uint8_t *buf;		/* BUF_PAGES pages: each message, both ways */
	uint32_t msize;		/* 0 until Rversion */
	bool attached;		/* P9FS_ROOT_FID is the share's root */
	/* Changes with each connection (connect), never 0 once one was. */
	uint32_t gen;
	uint64_t fids[P9FS_FIDS / 64];	/* bit set: in use */
	/* != 0: the device is gone (-ENODEV), its ring corrupt (-EPROTO,
	 * -EMSGSIZE) or its backend silent (-ETIMEDOUT); every call fails
	 * with it. */
	int error;
	struct mutex lock;	/* everything above, after probe */
	struct sem kick;	/* event channel -> the caller waiting */
	bool initialised;	/* lock and kick set up */
};

/*
 * The devices served; owned by this file.  A slot's fields change under
 * its lock, except initialised and state's P9FS_FREE, which only the
 * XenBus thread (probe, remove) sets.  Lock order: a file's lock
 * (lib/file.c) before a device's; never two devices' at once.
 */
static struct p9fs p9fs_devs[P9FS_MAX];

static void on_event(evtchn_port_t port, void *ctx)
{
	struct p9fs *p = ctx;

	(void)port;
	ksem_give(&p->kick);
}

static void notify(struct p9fs *p)
{
	long err = evtchn_send(p->port);

	if (err)
		printk("9pfs: cannot notify the backend: %ld (%s)\n", err,
		       errno_name(err));
}

/* The ring broke the protocol: stop using it.  Lock held. */
static int corrupt(struct p9fs *p, const char *what)
{
	printk("9pfs: %s: the backend broke the protocol (%s): ring out "
	       "of use\n", p->tag, what);
	p->error = -EPROTO;
	return -EPROTO;
}

/* Wait for the backend's next event, at most timeout_ms.  Lock held. */
static int wait_event(struct p9fs *p, int64_t timeout_ms)
{
	int err = ksem_take(&p->kick, timeout_ms);

	if (err) {
		/* Part of a message may still come: the ring's framing is
		 * lost, so the device is not used again. */
		printk("9pfs: %s: no answer from the backend in %lld ms: "
		       "out of use\n", p->tag, (long long)timeout_ms);
		p->error = -ETIMEDOUT;
		return -ETIMEDOUT;
	}
	return p->error;
}

static int send_all(struct p9fs *p, const uint8_t *msg, size_t len,
		    int64_t timeout_ms)
{
	size_t done = 0;
	long n;
	int err;

	while (done < len) {
		n = p9_ring_send(&p->ring, msg + done, len - done);
		if (n < 0)
			return corrupt(p, "out_cons");
		if (n > 0) {
			done += (size_t)n;
			notify(p);
			continue;
		}
		err = wait_event(p, timeout_ms);
		if (err)
			return err;
	}
	return 0;
}

static int recv_all(struct p9fs *p, uint8_t *buf, size_t len,
		    int64_t timeout_ms)
{
	size_t done = 0;
	long n;
	int err;

	while (done < len) {
		n = p9_ring_recv(&p->ring, buf + done, len - done);
		if (n < 0)
			return corrupt(p, "in_prod");
		if (n > 0) {
			done += (size_t)n;
			notify(p);	/* room for the rest of a reply */
			continue;
		}
		err = wait_event(p, timeout_ms);
		if (err)
			return err;
	}
	return 0;
}

/* One round trip, lock held.  msize: the bound for the reply's size. */
static long call_locked(struct p9fs *p, uint8_t *msg, size_t len,
			size_t cap, uint32_t msize, int64_t timeout_ms)
{
	long size;
	int err;

	if (p->state != P9FS_CONNECTED)
		return -ENODEV;
	if (p->error)
		return p->error;
	if (len < P9_HEADER_SIZE || len > msize || cap < P9_HEADER_SIZE)
		return -EINVAL;
	/* An event left from an earlier call must not end a wait early. */
	while (ksem_take(&p->kick, 0) == 0)
		;
	err = send_all(p, msg, len, timeout_ms);
	if (!err)
		err = recv_all(p, msg, 4, timeout_ms);
	if (err)
		return err;
	size = p9_message_size(msg, msize);
	if (size < 0)
		return corrupt(p, "reply size");
	if ((size_t)size > cap) {
		p->error = -EMSGSIZE;
		return -EMSGSIZE;
	}
	err = recv_all(p, msg + 4, (size_t)size - 4, timeout_ms);
	return err ? err : size;
}

static struct p9fs *share_dev(const struct p9fs_share *share)
{
	struct p9fs *p = share->dev;

	return p >= p9fs_devs && p < p9fs_devs + P9FS_MAX && p->initialised ?
	       p : NULL;
}

/* Tversion, once per connection.  Lock held. */
static int negotiate(struct p9fs *p)
{
	uint32_t offer = p->ring.size, msize = 0;
	long n;
	int err;

	/* xen-9pfsd's msize is at most its ring's size; ours, the buffer. */
	if (offer > BUF_PAGES * PAGE_SIZE)
		offer = BUF_PAGES * PAGE_SIZE;
	n = p9_build_version(p->buf, offer, offer, P9_VERSION_U);
	if (n > 0)
		n = call_locked(p, p->buf, (size_t)n, offer, offer,
				P9FS_CALL_MS);
	err = n < 0 ? (int)n :
	      p9_parse_rversion(p->buf, (size_t)n, offer, &msize);
	if (err == -EPROTO)
		return corrupt(p, "Rversion");
	if (!err)
		p->msize = msize;
	return err;
}

/* Tattach of the share's root as P9FS_ROOT_FID.  Lock held. */
static int attach(struct p9fs *p)
{
	struct p9_qid qid;
	long n;
	int err;

	n = p9_build_attach(p->buf, p->msize, P9FS_TAG, P9FS_ROOT_FID,
			    P9_NOFID, "", p->tag, P9_NONUNAME);
	if (n > 0)
		n = call_locked(p, p->buf, (size_t)n, p->msize, p->msize,
				P9FS_CALL_MS);
	err = n < 0 ? (int)n :
	      p9_parse_rattach(p->buf, (size_t)n, p->msize, P9FS_TAG, &qid);
	if (err == -EPROTO)
		return corrupt(p, "Rattach");
	if (!err && !(qid.type & P9_QTDIR))
		return corrupt(p, "the share's root is no directory");
	if (!err) {
		memset(p->fids, 0, sizeof(p->fids));
		p->fids[0] = 1ull << P9FS_ROOT_FID;
		p->attached = true;
	}
	return err;
}

int p9fs_lock(const struct p9fs_share *share, uint8_t **buf,
	      uint32_t *msize)
{
	struct p9fs *p = share_dev(share);
	int err;

	if (!p)
		return -ENODEV;
	mutex_lock(&p->lock, WAIT_FOREVER);
	if (p->gen != share->gen || p->state != P9FS_CONNECTED)
		err = -ENODEV;
	else
		err = p->error;
	if (!err && !p->msize)
		err = negotiate(p);
	if (!err && !p->attached)
		err = attach(p);
	if (err) {
		mutex_unlock(&p->lock);
		return err;
	}
	*buf = p->buf;
	*msize = p->msize;
	return 0;
}

void p9fs_unlock(const struct p9fs_share *share)
{
	mutex_unlock(&share->dev->lock);
}

long p9fs_rpc(const struct p9fs_share *share, size_t len)
{
	struct p9fs *p = share->dev;

	return call_locked(p, p->buf, len, p->msize, p->msize, P9FS_CALL_MS);
}

int p9fs_fid_alloc(const struct p9fs_share *share, uint32_t *fid)
{
	struct p9fs *p = share->dev;
	uint32_t i;

	for (i = 0; i < P9FS_FIDS; i++) {
		if (!(p->fids[i / 64] & (1ull << (i % 64)))) {
			p->fids[i / 64] |= 1ull << (i % 64);
			*fid = i;
			return 0;
		}
	}
	return -EMFILE;
}

void p9fs_fid_free(const struct p9fs_share *share, uint32_t fid)
{
	struct p9fs *p = share->dev;

	if (fid < P9FS_FIDS && fid != P9FS_ROOT_FID)
		p->fids[fid / 64] &= ~(1ull << (fid % 64));
}

/* A connected device tagged tag (len bytes) into *share. */
static bool find_connected(const char *tag, size_t len,
			   struct p9fs_share *share)
{
	struct p9fs *p;

	for (p = p9fs_devs; p < p9fs_devs + P9FS_MAX; p++) {
		if (!p->initialised || p->state != P9FS_CONNECTED ||
		    p->error || strlen(p->tag) != len ||
		    memcmp(p->tag, tag, len) != 0)
			continue;
		share->dev = p;
		share->gen = p->gen;
		return true;
	}
	return false;
}

/* Whether XenStore lists a 9pfs device of ours tagged tag (len bytes). */
static bool listed(const char *tag, size_t len)
{
	char ids[128], path[64], value[P9FS_TAG_LEN];
	const char *id;
	int n, i;

	n = xs_directory(XS_NO_TRANSACTION, "device/9pfs", ids, sizeof(ids));
	for (i = 0, id = ids; i < n; i++, id += strlen(id) + 1) {
		snprintf(path, sizeof(path), "device/9pfs/%s/tag", id);
		if (xs_read(XS_NO_TRANSACTION, path, value,
			    sizeof(value)) >= 0 &&
		    strlen(value) == len && memcmp(value, tag, len) == 0)
			return true;
	}
	return false;
}

int p9fs_find(const char *tag, size_t len, int64_t timeout_ms,
	      struct p9fs_share *share)
{
	int64_t waited = 0;

	while (!find_connected(tag, len, share)) {
		if (!xenstore_available() || !listed(tag, len))
			return -ENOENT;
		if (waited >= timeout_ms)
			return -ETIMEDOUT;
		thread_sleep_ms(FIND_POLL_MS);
		waited += FIND_POLL_MS;
	}
	return 0;
}

bool p9fs_tag(unsigned int i, char *buf, size_t len)
{
	struct p9fs *p;

	if (i >= P9FS_MAX)
		return false;
	p = &p9fs_devs[i];
	if (!p->initialised ||
	    p->state != P9FS_CONNECTED || p->error)
		return false;
	snprintf(buf, len, "%s", p->tag);
	return true;
}

/* Whether the backend's "versions" (a comma list) names version 1. */
static bool backend_speaks_v1(struct p9fs *p)
{
	char path[128], value[64];
	const char *v;
	int len;

	snprintf(path, sizeof(path), "%s/versions", p->dev->otherend);
	len = xs_read(XS_NO_TRANSACTION, path, value, sizeof(value));
	if (len < 0)
		return false;
	for (v = value; *v; v++) {
		if (*v == '1' && (v == value || v[-1] == ',') &&
		    (v[1] == '\0' || v[1] == ','))
			return true;
	}
	return false;
}

static int write_ring_keys(xs_transaction_t t, void *ctx)
{
	struct p9fs *p = ctx;
	int err;

	err = xenbus_write_uint(t, p->dev, "version", 1);
	if (!err)
		err = xenbus_write_uint(t, p->dev, "num-rings", 1);
	if (!err)
		err = xenbus_write_uint(t, p->dev, "ring-ref0",
					(unsigned long)p->intf_ref);
	if (!err)
		err = xenbus_write_uint(t, p->dev, "event-channel-0", p->port);
	return err;
}

/*
 * End every grant of the last connection.  Pages whose grant the backend
 * still holds are dropped (never reused: it could still write them);
 * fresh ones serve the next connection.  Lock held.
 */
static void release_ring(struct p9fs *p)
{
	unsigned int i, kept = 0;
	long err;

	if (p->port_open) {
		(void)evtchn_close(p->port);
		p->port_open = false;
	}
	for (i = 0; i < DATA_PAGES; i++) {
		if (p->data_ref[i] == NO_REF)
			continue;
		err = gnttab_end_access((grant_ref_t)p->data_ref[i]);
		if (err && err != -EALREADY)
			kept++;
		p->data_ref[i] = NO_REF;
	}
	if (kept)
		p->data = NULL;
	if (p->intf_ref != NO_REF) {
		err = gnttab_end_access((grant_ref_t)p->intf_ref);
		if (err && err != -EALREADY) {
			kept++;
			p->intf = NULL;
		}
		p->intf_ref = NO_REF;
	}
	if (kept)
		printk("9pfs: %s: the backend keeps %u page%s granted after "
		       "closing: out of use for good\n", p->tag, kept,
		       kept > 1 ? "s" : "");
}

/* The backend waits for us: set up the ring and publish it.  Lock held. */
static int initialise(struct p9fs *p)
{
	unsigned int i;
	long r;

	if (!backend_speaks_v1(p)) {
		printk("9pfs: %s: the backend does not offer version 1\n",
		       p->tag);
		return -EOPNOTSUPP;
	}
	if (xenbus_backend_uint(p->dev, "max-rings", 0) < 1)
		return -EOPNOTSUPP;
	p->order = p9_ring_order((unsigned int)xenbus_backend_uint(p->dev,
					"max-ring-page-order", 0), RING_ORDER);
	if (!p->intf)
		p->intf = page_alloc(1);
	if (!p->data)
		p->data = page_alloc(DATA_PAGES);
	if (!p->buf)
		p->buf = page_alloc(BUF_PAGES);
	if (!p->intf || !p->data || !p->buf)
		return -ENOMEM;
	memset(p->intf, 0, PAGE_SIZE);
	memset(p->data, 0, (size_t)DATA_PAGES * PAGE_SIZE);
	p9_ring_init(&p->ring, p->intf, p->data, p->order);
	for (i = 0; i < 1u << p->order; i++) {
		r = gnttab_grant_access(p->dev->otherend_id,
					(uint64_t)(uintptr_t)(p->data +
					(size_t)i * PAGE_SIZE), false);
		if (r < 0)
			return (int)r;
		p->data_ref[i] = r;
		p->intf->ref[i] = (grant_ref_t)r;
	}
	r = gnttab_grant_access(p->dev->otherend_id,
				(uint64_t)(uintptr_t)p->intf, false);
	if (r < 0)
		return (int)r;
	p->intf_ref = r;
	r = evtchn_alloc_unbound(p->dev->otherend_id, on_event, p);
	if (r < 0)
		return (int)r;
	p->port = (evtchn_port_t)r;
	p->port_open = true;
	r = xs_transaction_run(write_ring_keys, p);
	if (!r)
		r = xenbus_switch_state(p->dev, XenbusStateInitialised);
	return (int)r;
}

static int connect(struct p9fs *p)
{
	int err;

	p->msize = 0;
	p->attached = false;
	p->error = 0;
	if (++p->gen == 0)
		p->gen = 1;
	p->state = P9FS_CONNECTED;
	err = xenbus_switch_state(p->dev, XenbusStateConnected);
	if (err)
		return err;
	printk("9pfs: %s: connected to d%u, ring order %u (%u bytes each "
	       "way)\n", p->tag, p->dev->otherend_id, p->order, p->ring.size);
	return 0;
}

/* Close our end; calls fail with err from now on.  Lock held. */
static void close_device(struct p9fs *p, int err)
{
	p->error = err;
	p->state = P9FS_CLOSED;
	if (p->dev->state != XenbusStateClosed &&
	    p->dev->state != XenbusStateClosing)
		(void)xenbus_switch_state(p->dev, XenbusStateClosing);
	if (p->dev->state != XenbusStateClosed)
		(void)xenbus_switch_state(p->dev, XenbusStateClosed);
}

static void p9fs_changed(struct xenbus_device *dev, enum xenbus_state state)
{
	struct p9fs *p = dev->priv;
	int err = 0;

	/*
	 * A call may hold the lock while it waits for the ring: wake it
	 * first (error set before the kick), so that it fails and lets go.
	 */
	if (state == XenbusStateClosing || state == XenbusStateClosed) {
		p->error = -ENODEV;
		ksem_give(&p->kick);
	}
	mutex_lock(&p->lock, WAIT_FOREVER);
	switch (state) {
	case XenbusStateInitWait:
		if (p->state != P9FS_PROBED)
			break;
		err = initialise(p);
		if (!err)
			p->state = P9FS_INITIALISED;
		break;
	case XenbusStateConnected:
		if (p->state == P9FS_INITIALISED)
			err = connect(p);
		break;
	case XenbusStateClosing:
	case XenbusStateClosed:
		if (p->state != P9FS_CLOSED)
			close_device(p, -ENODEV);
		break;
	default:
		break;
	}
	if (err) {
		printk("9pfs: %s: %s failed: %d (%s)\n", p->tag,
		       xenbus_state_name(state), err, errno_name(err));
		close_device(p, err);
	}
	mutex_unlock(&p->lock);
}

static int p9fs_probe(struct xenbus_device *dev)
{
	struct p9fs *p;
	char path[96];
	unsigned int i;
	int err;

	for (p = p9fs_devs; p < p9fs_devs + P9FS_MAX; p++)
		if (p->state == P9FS_FREE)
			break;
	if (p == p9fs_devs + P9FS_MAX) {
		printk("9pfs: %s: %u shares served already\n", dev->nodename,
		       P9FS_MAX);
		return -ENOSPC;
	}
	if (!p->initialised) {
		mutex_init(&p->lock);
		ksem_init(&p->kick, 0, 1);
		p->intf_ref = NO_REF;
		for (i = 0; i < DATA_PAGES; i++)
			p->data_ref[i] = NO_REF;
		p->initialised = true;
	}
	mutex_lock(&p->lock, WAIT_FOREVER);
	snprintf(path, sizeof(path), "%s/tag", dev->nodename);
	if (xs_read(XS_NO_TRANSACTION, path, p->tag, sizeof(p->tag)) < 0)
		snprintf(p->tag, sizeof(p->tag), "%s", dev->nodename);
	p->dev = dev;
	p->msize = 0;
	p->error = 0;
	p->state = P9FS_PROBED;
	dev->priv = p;
	err = xenbus_switch_state(dev, XenbusStateInitialising);
	if (err)
		p->state = P9FS_FREE;	/* XenBus tries again later */
	mutex_unlock(&p->lock);
	return err;
}

static void p9fs_remove(struct xenbus_device *dev)
{
	struct p9fs *p = dev->priv;

	p->error = -ENODEV;
	ksem_give(&p->kick);
	mutex_lock(&p->lock, WAIT_FOREVER);
	if (p->state != P9FS_CLOSED)
		close_device(p, -ENODEV);
	release_ring(p);
	p->state = P9FS_FREE;
	mutex_unlock(&p->lock);
}

static const struct xenbus_driver p9fs_driver = {
	.type = "9pfs",
	.probe = p9fs_probe,
	.otherend_changed = p9fs_changed,
	.remove = p9fs_remove,
};

int p9fs_register(void)
{
	return xenbus_register(&p9fs_driver);
}
