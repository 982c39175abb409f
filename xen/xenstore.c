#include <stdio.h>
#include <string.h>

#include "boot/mmu.h"
#include "kernel/errno.h"
#include "kernel/irq.h"
#include "kernel/mutex.h"
#include "kernel/printk.h"
#include "kernel/sem.h"
#include "kernel/thread.h"
#include "xen/events.h"
#include "xen/hypercall.h"
#include "xen/xenstore.h"
#include "xen/xs_reply.h"
#include "xen/xs_wire.h"

#define REPLY_TIMEOUT_MS	10000
#define SPACE_WAIT_MS		100
#define MAX_WATCHES		16
#define WATCH_QUEUE		8
#define PATH_LEN		256
#define TXN_RETRIES		16
#define READER_PRIORITY		2
#define WATCH_PRIORITY		3

struct watch {
	char path[PATH_LEN];
	char token[16];
	xs_watch_cb cb;
	void *ctx;
};

struct watch_event {
	char path[PATH_LEN];
	char token[16];
};

/*
 * Client state, owned by this file.  The ring and port are set once by
 * xenstore_init(), the ring only once xenstored has connected it; broken
 * is set, never cleared, by whichever thread finds the connection
 * unusable.  resets counts the times xenstored reset the connection (the
 * reader thread writes it; requests compare it before and after).
 * request_lock serialises requests: one in flight, its reply handed from
 * the reader thread through reply/reply_ready, which reply_slot (changed
 * with IRQs masked) matches to it.  The watch table is changed under
 * request_lock; the event queue with IRQs masked (reader produces,
 * xenwatch consumes).  mutex_lock() and ksem_take() with WAIT_FOREVER, and
 * mutex_unlock() by the owner, cannot fail: their results go unchecked.
 */
static struct xenstore_domain_interface *ring;
static evtchn_port_t port;
static bool broken;
static volatile unsigned int resets;
static struct sem ring_event, ring_space, reply_ready, events_ready;
static struct mutex request_lock;
static uint32_t next_req_id;
static struct xs_reply_slot reply_slot;
static struct xs_msg incoming, reply;
static struct watch watches[MAX_WATCHES];
/* Makes every watch's token new, so that an event still queued for a
 * removed watch never reaches the one that took its slot. */
static unsigned int watch_serial;
/* Watches whose events the full queue could not take (reader sets,
 * xenwatch clears, with IRQs masked). */
static bool missed[MAX_WATCHES];
/* xenstored forgot our watches: set them again (same owners). */
static bool rewatch;
static struct watch_event queue[WATCH_QUEUE];
static unsigned int queue_head, queue_len;

bool xenstore_available(void)
{
	return ring && !broken;
}

/*
 * Kick xenstored: 0, or -EIO and the connection is broken.  Xen refuses a
 * send only for a port that is not open (or that XSM forbids), and then
 * refuses every one: xenstored could never be woken again, so rather
 * than let each request wait out its timeout, disconnect, as for a
 * broken protocol (and wake a requester waiting for a reply that cannot
 * come).
 */
static int notify_store(void)
{
	long err = evtchn_send(port);

	if (!err)
		return 0;
	printk("xenstore: EVTCHNOP_send(%u): %ld (%s); disconnecting\n",
	       port, err, errno_name(err));
	broken = true;
	ksem_give(&reply_ready);
	return -EIO;
}

static void on_event(evtchn_port_t p, void *ctx)
{
	(void)p;
	(void)ctx;
	ksem_give(&ring_event);
	ksem_give(&ring_space);
}

/* Watch slot i's event did not fit the queue.  IRQs masked. */
static void mark_missed(const char *token)
{
	unsigned int i;

	for (i = 0; i < MAX_WATCHES; i++)
		if (strcmp(watches[i].token, token) == 0)
			missed[i] = true;
}

static void queue_watch_event(const struct xs_msg *m)
{
	const char *path, *token;
	unsigned long flags;

	if (xs_parse_watch_event(m->body, m->hdr.len, &path, &token) ||
	    !token[0]) {
		printk("xenstore: malformed watch event ignored\n");
		return;
	}
	flags = irq_save();
	if (queue_len == WATCH_QUEUE) {
		/* Not lost: the watch fires once more, for its own path,
		 * when xenwatch catches up (every callback reads the
		 * store's state anew, so one firing stands for many). */
		mark_missed(token);
		irq_restore(flags);
		ksem_give(&events_ready);
		return;
	}
	snprintf(queue[(queue_head + queue_len) % WATCH_QUEUE].path,
		 PATH_LEN, "%s", path);
	snprintf(queue[(queue_head + queue_len) % WATCH_QUEUE].token,
		 sizeof(queue[0].token), "%s", token);
	queue_len++;
	irq_restore(flags);
	ksem_give(&events_ready);
}

/*
 * A reply for the request in flight is copied with IRQs masked, so that
 * the requester never sees it half-copied, nor one it stopped waiting for.
 */
static void hand_over_reply(void)
{
	unsigned long flags = irq_save();
	bool ours = xs_reply_offer(&reply_slot, &incoming.hdr);

	if (ours)
		memcpy(&reply, &incoming, sizeof(reply));
	irq_restore(flags);
	if (ours)
		ksem_give(&reply_ready);
	else
		printk("xenstore: reply to request %u not awaited, dropped "
		       "(%u so far)\n", incoming.hdr.req_id, reply_slot.stale);
}

/*
 * xenstored reset the connection (docs/misc/xenstore-ring.txt): it dropped
 * any partial message, the request in flight, every watch and transaction.
 * The requester is woken to hear -EAGAIN; the watches are set again on the
 * xenwatch thread, which the rewatch flag sends there.
 */
static void connection_was_reset(void)
{
	unsigned long flags;

	incoming.have = 0;
	resets++;
	ksem_give(&reply_ready);
	printk("xenstore: xenstored reset the connection; watches set again\n");
	flags = irq_save();
	rewatch = true;
	irq_restore(flags);
	ksem_give(&events_ready);
}

/* The only reader of the response ring. */
static void reader_thread(void *unused)
{
	bool resetting = false;
	int r;

	(void)unused;
	for (;;) {
		r = xs_ring_connection(ring);
		if (r < 0) {
			printk("xenstore: xenstored stopped serving us (error "
			       "%u); disconnecting\n", ring->error);
			broken = true;
			ksem_give(&reply_ready);
			return;
		}
		if (r == 0) {
			/* Nothing but the state counts until it is back. */
			resetting = true;
			ksem_take(&ring_event, WAIT_FOREVER);
			continue;
		}
		if (resetting) {
			resetting = false;
			connection_was_reset();
		}
		r = xs_ring_read_msg(ring, &incoming);
		if (r < 0) {
			printk("xenstore: xenstored broke the protocol (%d); "
			       "disconnecting\n", r);
			broken = true;
			ksem_give(&reply_ready);
			return;
		}
		if (r == 0) {
			ksem_take(&ring_event, WAIT_FOREVER);
			continue;
		}
		/* We made room in the ring. */
		if (notify_store())
			return;
		if (incoming.hdr.type == XS_WATCH_EVENT)
			queue_watch_event(&incoming);
		else
			hand_over_reply();
		incoming.have = 0;
	}
}

static void set_watch_again(unsigned int i);

/* Fire, once each, the watches whose events the queue could not take. */
static void fire_missed(void)
{
	unsigned long flags;
	unsigned int i;
	bool was;

	for (i = 0; i < MAX_WATCHES; i++) {
		flags = irq_save();
		was = missed[i];
		missed[i] = false;
		irq_restore(flags);
		if (was && watches[i].cb)
			watches[i].cb(watches[i].path, watches[i].ctx);
	}
}

static void watch_thread(void *unused)
{
	struct watch_event ev;
	unsigned long flags;
	unsigned int i;
	bool have, again;

	(void)unused;
	for (;;) {
		ksem_take(&events_ready, WAIT_FOREVER);
		flags = irq_save();
		again = rewatch;
		rewatch = false;
		have = queue_len > 0;
		if (have) {
			ev = queue[queue_head];
			queue_head = (queue_head + 1) % WATCH_QUEUE;
			queue_len--;
		}
		irq_restore(flags);
		for (i = 0; again && i < MAX_WATCHES; i++)
			if (watches[i].cb)
				set_watch_again(i);
		if (have) {
			for (i = 0; i < MAX_WATCHES; i++)
				if (watches[i].cb &&
				    strcmp(watches[i].token, ev.token) == 0)
					watches[i].cb(ev.path,
						      watches[i].ctx);
		}
		fire_missed();
	}
}

/*
 * Part of a request out; -EAGAIN if the connection was reset since the
 * request began (reset_mark): the rest would follow no header.
 */
static int write_all(const void *buf, size_t len, unsigned int reset_mark)
{
	const char *p = buf;
	unsigned int stalls = 0;

	while (len) {
		long n;

		if (resets != reset_mark || xs_ring_connection(ring) != 1)
			return -EAGAIN;
		n = xs_ring_write(ring, p, len);

		if (n < 0) {
			broken = true;
			return -EIO;
		}
		p += n;
		len -= (size_t)n;
		if (n) {
			stalls = 0;
			continue;
		}
		if (notify_store())
			return -EIO;
		if (ksem_take(&ring_space, SPACE_WAIT_MS) &&
		    ++stalls * SPACE_WAIT_MS >= REPLY_TIMEOUT_MS)
			return -ETIMEDOUT;
	}
	return 0;
}

/* Wake-ups left over from a request that timed out answer nothing. */
static void drain_reply_ready(void)
{
	while (ksem_take(&reply_ready, 0) == 0)
		;
}

/*
 * Wait for the answer to req_id: 0 (it is in reply), -ETIMEDOUT, -EIO, or
 * -EAGAIN when xenstored reset the connection, dropping the request.  A
 * wake-up meant for an earlier request starts the wait again; there is at
 * most one per request that timed out.
 */
static int wait_for_reply(uint32_t req_id, unsigned int reset_mark)
{
	unsigned long flags;
	bool timed_out, reset;
	int err;

	do {
		timed_out = ksem_take(&reply_ready, REPLY_TIMEOUT_MS) != 0;
		reset = resets != reset_mark;
		flags = irq_save();
		err = xs_reply_collect(&reply_slot, req_id,
				       timed_out || broken || reset);
		if (err == -ETIMEDOUT)
			drain_reply_ready();
		irq_restore(flags);
	} while (err == -EAGAIN);
	if (err && broken)
		return -EIO;
	if (err && reset)
		return -EAGAIN;
	return err;
}

/*
 * One request: header and payload parts out, the matching reply back.
 * out, if given, receives the reply body (NUL-terminated, truncated).
 */
static int request(uint32_t type, xs_transaction_t t, const char *parts[],
		   const uint32_t lens[], unsigned int nparts, char *out,
		   size_t outlen)
{
	struct xsd_sockmsg hdr = { .type = type, .tx_id = t };
	unsigned long flags;
	unsigned int i, reset_mark;
	int err;

	if (!ring || broken)
		return ring ? -EIO : -ENOENT;
	for (i = 0; i < nparts; i++)
		hdr.len += lens[i];
	if (hdr.len > XENSTORE_PAYLOAD_MAX)
		return -E2BIG;
	mutex_lock(&request_lock, WAIT_FOREVER);
	hdr.req_id = ++next_req_id;
	reset_mark = resets;
	flags = irq_save();
	xs_reply_expect(&reply_slot, hdr.req_id);
	drain_reply_ready();
	irq_restore(flags);
	err = write_all(&hdr, sizeof(hdr), reset_mark);
	for (i = 0; !err && i < nparts; i++)
		err = write_all(parts[i], lens[i], reset_mark);
	if (!err)
		err = notify_store();
	if (!err)
		err = wait_for_reply(hdr.req_id, reset_mark);
	if (err) {
		/* No answer (or never asked): a late one is stale.  Called
		 * to leave the slot idle; whether an answer came after all
		 * no longer matters, the request has failed. */
		flags = irq_save();
		(void)xs_reply_collect(&reply_slot, hdr.req_id, true);
		irq_restore(flags);
	} else if (reply.hdr.type == XS_ERROR) {
		err = xs_error_to_errno(reply.body, reply.hdr.len);
	} else if (reply.hdr.type != type) {
		err = -EIO;
	} else {
		err = (int)reply.hdr.len;
	}
	if (err >= 0 && out && outlen) {
		size_t n = reply.hdr.len < outlen - 1 ? reply.hdr.len :
							outlen - 1;

		memcpy(out, reply.body, n);
		out[n] = '\0';
	}
	mutex_unlock(&request_lock);
	return err;
}

int xs_read(xs_transaction_t t, const char *path, char *buf, size_t len)
{
	const char *parts[] = { path };
	uint32_t lens[] = { (uint32_t)strlen(path) + 1 };

	return request(XS_READ, t, parts, lens, 1, buf, len);
}

int xs_write(xs_transaction_t t, const char *path, const char *value)
{
	/* The value goes without its NUL: XenStore values are bytes. */
	const char *parts[] = { path, value };
	uint32_t lens[] = { (uint32_t)strlen(path) + 1,
			    (uint32_t)strlen(value) };
	int err = request(XS_WRITE, t, parts, lens, 2, NULL, 0);

	return err < 0 ? err : 0;
}

static int simple(uint32_t type, xs_transaction_t t, const char *path)
{
	const char *parts[] = { path };
	uint32_t lens[] = { (uint32_t)strlen(path) + 1 };
	int err = request(type, t, parts, lens, 1, NULL, 0);

	return err < 0 ? err : 0;
}

int xs_mkdir(xs_transaction_t t, const char *path)
{
	return simple(XS_MKDIR, t, path);
}

int xs_rm(xs_transaction_t t, const char *path)
{
	return simple(XS_RM, t, path);
}

int xs_directory(xs_transaction_t t, const char *path, char *buf,
		 size_t len)
{
	const char *parts[] = { path };
	uint32_t lens[] = { (uint32_t)strlen(path) + 1 };
	int n = request(XS_DIRECTORY, t, parts, lens, 1, buf, len);

	if (n < 0)
		return n;
	if ((size_t)n >= len)
		return -E2BIG;
	return xs_count_names(buf, (uint32_t)n);
}

int xs_transaction_start(xs_transaction_t *t)
{
	const char *parts[] = { "" };
	uint32_t lens[] = { 1 };
	char id[16];
	unsigned long n;
	int err = request(XS_TRANSACTION_START, XS_NO_TRANSACTION, parts,
			  lens, 1, id, sizeof(id));

	if (err < 0)
		return err;
	if (xs_parse_uint(id, UINT32_MAX, &n) || n == 0)
		return -EIO;
	*t = (xs_transaction_t)n;
	return 0;
}

int xs_transaction_end(xs_transaction_t t, bool commit)
{
	const char *parts[] = { commit ? "T" : "F" };
	uint32_t lens[] = { 2 };
	int err = request(XS_TRANSACTION_END, t, parts, lens, 1, NULL, 0);

	return err < 0 ? err : 0;
}

int xs_transaction_run(int (*fn)(xs_transaction_t t, void *ctx), void *ctx)
{
	xs_transaction_t t;
	unsigned int tries;
	int err = -EAGAIN;

	for (tries = 0; tries < TXN_RETRIES && err == -EAGAIN; tries++) {
		err = xs_transaction_start(&t);
		if (err)
			return err;
		err = fn(t, ctx);
		if (err) {
			/* fn's error is the one to report.  An abort that
			 * fails too leaves the transaction open in xenstored
			 * until the connection ends; were that to happen
			 * often, its quota would refuse new transactions, an
			 * error xs_transaction_start reports. */
			(void)xs_transaction_end(t, false);
			return err;
		}
		err = xs_transaction_end(t, true);
	}
	return err;
}

int xs_watch(const char *path, xs_watch_cb cb, void *ctx)
{
	unsigned int i;
	const char *parts[2];
	uint32_t lens[2];
	int err;

	if (strlen(path) >= PATH_LEN)
		return -E2BIG;
	mutex_lock(&request_lock, WAIT_FOREVER);
	for (i = 0; i < MAX_WATCHES && watches[i].cb; i++)
		;
	if (i == MAX_WATCHES) {
		mutex_unlock(&request_lock);
		return -ENOSPC;
	}
	snprintf(watches[i].path, PATH_LEN, "%s", path);
	snprintf(watches[i].token, sizeof(watches[i].token), "w%u.%u", i,
		 ++watch_serial);
	watches[i].ctx = ctx;
	watches[i].cb = cb;
	mutex_unlock(&request_lock);
	parts[0] = watches[i].path;
	lens[0] = (uint32_t)strlen(path) + 1;
	parts[1] = watches[i].token;
	lens[1] = (uint32_t)strlen(watches[i].token) + 1;
	err = request(XS_WATCH, XS_NO_TRANSACTION, parts, lens, 2, NULL, 0);
	if (err < 0) {
		mutex_lock(&request_lock, WAIT_FOREVER);
		watches[i].cb = NULL;
		mutex_unlock(&request_lock);
		return err;
	}
	return 0;
}

int xs_unwatch(const char *path, xs_watch_cb cb, void *ctx)
{
	char token[sizeof(watches[0].token)];
	const char *parts[2];
	uint32_t lens[2];
	unsigned int i;
	int err;

	mutex_lock(&request_lock, WAIT_FOREVER);
	for (i = 0; i < MAX_WATCHES; i++)
		if (watches[i].cb == cb && watches[i].ctx == ctx &&
		    strcmp(watches[i].path, path) == 0)
			break;
	if (i == MAX_WATCHES) {
		mutex_unlock(&request_lock);
		return -ENOENT;
	}
	/* The slot is free from now: events still queued carry a token
	 * no later watch will have. */
	memcpy(token, watches[i].token, sizeof(token));
	watches[i].cb = NULL;
	mutex_unlock(&request_lock);
	parts[0] = path;
	lens[0] = (uint32_t)strlen(path) + 1;
	parts[1] = token;
	lens[1] = (uint32_t)strlen(token) + 1;
	err = request(XS_UNWATCH, XS_NO_TRANSACTION, parts, lens, 2, NULL, 0);
	/* request() gives the reply's length ("OK"): 0 is what we promise. */
	return err < 0 ? err : 0;
}

/* After a reset: xenstored forgot watch i; it also fires it once more. */
static void set_watch_again(unsigned int i)
{
	const char *parts[] = { watches[i].path, watches[i].token };
	uint32_t lens[] = { (uint32_t)strlen(watches[i].path) + 1,
			    (uint32_t)strlen(watches[i].token) + 1 };
	int err = request(XS_WATCH, XS_NO_TRANSACTION, parts, lens, 2, NULL,
			  0);

	if (err < 0)
		printk("xenstore: cannot watch %.60s again: %d\n",
		       watches[i].path, err);
}

/*
 * Until the store's params name a page: 1 (in *pfn), or -ENOENT.  Each
 * look is after an event on the store's port, which init-dom0less has
 * xenstored notify once the page is set up; on_event counts events from
 * the moment it is set, so none falls between a look and the wait.
 */
static int wait_for_page(uint64_t evtchn, uint64_t *pfn)
{
	int state;

	printk("xenstore: waiting for dom0 to set it up (init-dom0less)\n");
	/* It may never come: that must not keep the machine on. */
	thread_background();
	do {
		ksem_take(&ring_event, WAIT_FOREVER);
		if (hvm_get_param(HVM_PARAM_STORE_PFN, pfn))
			return -ENOENT;
		state = xs_store_params(*pfn, evtchn);
	} while (state == 0);
	return state;
}

/*
 * Until xenstored has connected the ring: Xen 4.21 creates a dom0less
 * page, and init-dom0less sets one up, in XENSTORE_RECONNECT; xenstored
 * sets CONNECTED and notifies when dom0 introduces the domain.  0 or
 * -EIO.
 */
static int wait_until_connected(struct xenstore_domain_interface *r)
{
	bool said = false;
	int state;

	while ((state = xs_ring_connection(r)) == 0) {
		if (!said) {
			printk("xenstore: waiting for xenstored to connect\n");
			thread_background();	/* as in wait_for_page */
		}
		said = true;
		ksem_take(&ring_event, WAIT_FOREVER);
	}
	return state < 0 ? -EIO : 0;
}

int xenstore_init(void)
{
	struct xenstore_domain_interface *r;
	uint64_t pfn, evtchn;
	int state;
	long err;

	if (hvm_get_param(HVM_PARAM_STORE_PFN, &pfn) ||
	    hvm_get_param(HVM_PARAM_STORE_EVTCHN, &evtchn))
		return -ENOENT;
	state = xs_store_params(pfn, evtchn);
	if (state < 0)
		return state;
	ksem_init(&ring_event, 0, 1);
	ksem_init(&ring_space, 0, 1);
	ksem_init(&reply_ready, 0, 1);
	ksem_init(&events_ready, 0, WATCH_QUEUE);
	mutex_init(&request_lock);
	port = (evtchn_port_t)evtchn;
	err = evtchn_set_handler(port, on_event, NULL);
	if (err)
		return (int)err;
	if (state == 0) {
		state = wait_for_page(evtchn, &pfn);
		if (state < 0)
			return state;
	}
	if (mmu_map(pfn << 12, 4096, MMU_NORMAL))
		return -EFAULT;
	r = (struct xenstore_domain_interface *)(uintptr_t)(pfn << 12);
	err = wait_until_connected(r);
	if (err)
		return (int)err;
	ring = r;
	if (!thread_create("xenstore", reader_thread, NULL, READER_PRIORITY,
			   THREAD_STACK_DEFAULT) ||
	    !thread_create("xenwatch", watch_thread, NULL, WATCH_PRIORITY,
			   THREAD_STACK_DEFAULT)) {
		ring = NULL;
		return -ENOMEM;
	}
	return 0;
}
