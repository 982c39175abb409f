#include <stdio.h>
#include <string.h>

#include "kernel/atomic.h"
#include "kernel/errno.h"
#include "kernel/page_alloc.h"
#include "kernel/printk.h"
#include "kernel/thread.h"
#include "xen/events.h"
#include "xen/gnttab.h"
#include "xen/physmap.h"
#include "frontends/vchan.h"
#include "xen/xenstore.h"

/* The peer's live byte: the client's is cli_live, the server's srv_live. */
static uint8_t *peer_live(const struct vchan *v)
{
	return v->server ? &v->page->cli_live : &v->page->srv_live;
}

static uint8_t *own_live(const struct vchan *v)
{
	return v->server ? &v->page->srv_live : &v->page->cli_live;
}

/* The byte where the peer asks us to notify it, and where we ask it. */
static uint8_t *own_notify(const struct vchan *v)
{
	return v->server ? &v->page->srv_notify : &v->page->cli_notify;
}

static uint8_t *peer_notify(const struct vchan *v)
{
	return v->server ? &v->page->cli_notify : &v->page->srv_notify;
}

enum vchan_peer vchan_peer_state(const struct vchan *v)
{
	switch (__atomic_load_n(peer_live(v), __ATOMIC_ACQUIRE)) {
	case 1:
		return VCHAN_PEER_CONNECTED;
	case 2:
		/* Only a server's client may not have come yet. */
		return v->server ? VCHAN_PEER_WAITING : VCHAN_PEER_GONE;
	default:
		return VCHAN_PEER_GONE;
	}
}

/* In interrupt context: wake whoever waits, reader and writer. */
static void vchan_event(evtchn_port_t port, void *ctx)
{
	struct vchan *v = ctx;

	(void)port;
	ksem_give(&v->data_event);
	ksem_give(&v->space_event);
}

static int notify_peer(struct vchan *v, uint8_t bit)
{
	long err;

	if (!vchan_notify_take(own_notify(v), bit))
		return 0;
	err = evtchn_send(v->port);
	if (err)
		printk("vchan: %s: EVTCHNOP_send: %ld (%s)\n", v->path, err,
		       errno_name(err));
	return (int)err;
}

static void init_common(struct vchan *v, bool server, domid_t peer)
{
	memset(v, 0, sizeof(*v));
	v->server = server;
	v->peer = peer;
	v->ring_ref = -1;
	ksem_init(&v->data_event, 0, 1);
	ksem_init(&v->space_event, 0, 1);
}

/* Where a ring of this order is: in the page, or pages of its own. */
static void *ring_data(struct vchan *v, unsigned int order, void *own)
{
	unsigned int offset = vchan_order_offset(order);

	return offset ? (uint8_t *)v->page + offset : own;
}

static int set_rings(struct vchan *v, unsigned int left, void *left_data,
		     unsigned int right, void *right_data)
{
	/* left: the client writes, the server reads; right: the reverse. */
	int err = vchan_ring_init(&v->read,
				  v->server ? &v->page->left : &v->page->right,
				  v->server ? left_data : right_data,
				  v->server ? left : right, false);

	if (!err)
		err = vchan_ring_init(&v->write,
				      v->server ? &v->page->right :
						  &v->page->left,
				      v->server ? right_data : left_data,
				      v->server ? right : left, true);
	return err;
}

/* npages of ours granted to the peer; their refs appended to refs[]. */
static void *grant_ring(struct vchan *v, unsigned int npages, long *err)
{
	uint8_t *pages;
	unsigned int i;
	long ref;

	if (!npages)
		return NULL;
	pages = page_alloc(npages);
	if (!pages) {
		*err = -ENOMEM;
		return NULL;
	}
	for (i = 0; i < npages; i++) {
		ref = gnttab_grant_access(v->peer, (uintptr_t)pages +
					  (uint64_t)i * PAGE_SIZE, false);
		if (ref < 0) {
			*err = ref;
			return NULL;
		}
		v->page->grants[v->nrefs] = (uint32_t)ref;
		v->refs[v->nrefs++] = (grant_ref_t)ref;
	}
	return pages;
}

/*
 * A peer closing says so (its live byte 0) before it unmaps our pages:
 * libxenvchan's client unmaps the shared page after.  Closing on its
 * word, we give it a moment before a grant still mapped is left so.
 */
#define UNMAP_WAIT_MS	2000
#define UNMAP_POLL_MS	10

static long end_one(grant_ref_t ref, unsigned int *waited_ms)
{
	long err = gnttab_end_access(ref);

	while (err == -EBUSY && *waited_ms < UNMAP_WAIT_MS) {
		thread_sleep_ms(UNMAP_POLL_MS);
		*waited_ms += UNMAP_POLL_MS;
		err = gnttab_end_access(ref);
	}
	return err;
}

/* End every grant we made: the first error (-EBUSY: still mapped). */
static int end_grants(struct vchan *v)
{
	unsigned int waited_ms = 0;
	int first = 0;
	long err;

	while (v->nrefs) {
		err = end_one(v->refs[--v->nrefs], &waited_ms);
		if (err && !first)
			first = (int)err;
	}
	if (v->ring_ref >= 0) {
		err = end_one((grant_ref_t)v->ring_ref, &waited_ms);
		if (err && !first)
			first = (int)err;
		v->ring_ref = -1;
	}
	if (first)
		printk("vchan: %s: the peer still maps our pages after %u ms "
		       "(%d, %s): they stay granted\n", v->path, waited_ms,
		       first, errno_name(first));
	return first;
}

static int write_node(const char *base, const char *name, unsigned long n)
{
	char path[VCHAN_PATH_MAX + 16], value[16];

	snprintf(path, sizeof(path), "%s/%s", base, name);
	snprintf(value, sizeof(value), "%lu", n);
	return xs_write(XS_NO_TRANSACTION, path, value);
}

int vchan_server_open(struct vchan *v, domid_t peer, const char *path,
		      size_t read_min, size_t write_min)
{
	unsigned int left, right;
	void *left_data, *right_data = NULL;
	long err = 0, port;

	init_common(v, true, peer);
	if (!path || strlen(path) >= sizeof(v->path))
		return -EINVAL;
	strcpy(v->path, path);
	/* The server reads left. */
	if (vchan_orders_choose(read_min, write_min, &left, &right))
		return -EINVAL;
	v->page = page_alloc(1);
	if (!v->page)
		return -ENOMEM;
	port = evtchn_alloc_unbound(peer, vchan_event, v);
	if (port < 0)
		return (int)port;
	v->port = (evtchn_port_t)port;
	v->port_bound = true;
	v->page->left_order = (uint16_t)left;
	v->page->right_order = (uint16_t)right;
	v->page->cli_live = 2;
	v->page->srv_live = 1;
	/* Tell us when the client writes (it reads this byte). */
	v->page->cli_notify = VCHAN_NOTIFY_WRITE;
	left_data = grant_ring(v, vchan_order_pages(left), &err);
	if (!err)
		right_data = grant_ring(v, vchan_order_pages(right), &err);
	if (err)
		goto fail;
	left_data = ring_data(v, left, left_data);
	right_data = ring_data(v, right, right_data);
	err = set_rings(v, left, left_data, right, right_data);
	if (err)
		goto fail;
	/* The page is whole before the peer can find it. */
	smp_wmb();
	v->ring_ref = gnttab_grant_access(peer, (uintptr_t)v->page, false);
	if (v->ring_ref < 0) {
		err = v->ring_ref;
		goto fail;
	}
	err = write_node(path, "ring-ref", (unsigned long)v->ring_ref);
	if (!err)
		err = write_node(path, "event-channel", v->port);
	if (err) {
		(void)xs_rm(XS_NO_TRANSACTION, path);
		goto fail;
	}
	printk("vchan: serving d%u at %s: ring-ref %ld, port %u, "
	       "rings %u and %u bytes\n", peer, path, v->ring_ref, v->port,
	       1u << left, 1u << right);
	return 0;
fail:
	printk("vchan: %s: server set-up failed: %ld (%s)\n", path, err,
	       errno_name(err));
	(void)evtchn_close(v->port);
	v->port_bound = false;
	(void)end_grants(v);
	return (int)err;
}

/* A XenStore node's value as a number below limit: 0 or an error. */
static int read_number(const char *base, const char *name,
		       unsigned long limit, unsigned long *out)
{
	char path[VCHAN_PATH_MAX + 16], value[16];
	unsigned long n = 0;
	int len, i;

	snprintf(path, sizeof(path), "%s/%s", base, name);
	len = xs_read(XS_NO_TRANSACTION, path, value, sizeof(value));
	if (len < 0)
		return len;
	if (len == 0 || len >= (int)sizeof(value))
		return -EINVAL;
	for (i = 0; i < len; i++) {
		if (value[i] < '0' || value[i] > '9')
			return -EINVAL;
		n = n * 10 + (unsigned long)(value[i] - '0');
		if (n >= limit)
			return -EINVAL;
	}
	*out = n;
	return 0;
}

/* npages of the peer's grants side by side; NULL with *err set. */
static void *map_ring(struct vchan *v, const uint32_t *grants,
		      unsigned int npages, bool readonly, long *err)
{
	uint64_t gpa;
	unsigned int i;

	if (!npages)
		return NULL;
	gpa = xen_physmap_alloc(npages);
	if (!gpa) {
		*err = -ENOMEM;
		return NULL;
	}
	for (i = 0; i < npages; i++) {
		*err = gnttab_map_at(v->peer, grants[i], readonly,
				     gpa + (uint64_t)i * PAGE_SIZE,
				     &v->maps[v->nmaps]);
		if (*err)
			return NULL;
		v->nmaps++;
	}
	return (void *)(uintptr_t)gpa;
}

static int unmap_all(struct vchan *v)
{
	int first = 0;
	long err;

	while (v->nmaps) {
		err = gnttab_unmap(&v->maps[--v->nmaps]);
		if (err && !first)
			first = (int)err;
	}
	v->page = NULL;
	return first;
}

int vchan_client_open(struct vchan *v, domid_t peer, const char *path)
{
	uint32_t grants[VCHAN_PAGES_MAX];
	unsigned long ring_ref, remote_port;
	unsigned int left, right, nleft, nright;
	void *left_data = NULL, *right_data = NULL;
	uint64_t gpa;
	long err, port;

	init_common(v, false, peer);
	if (!path || strlen(path) >= sizeof(v->path))
		return -EINVAL;
	strcpy(v->path, path);
	err = read_number(path, "ring-ref", UINT32_MAX, &ring_ref);
	if (!err)
		err = read_number(path, "event-channel", UINT32_MAX,
				  &remote_port);
	if (err)
		return (int)err;
	gpa = xen_physmap_alloc(1);
	if (!gpa)
		return -ENOMEM;
	err = gnttab_map_at(peer, (grant_ref_t)ring_ref, false, gpa,
			    &v->maps[0]);
	if (err)
		return (int)err;
	v->nmaps = 1;
	v->page = (struct vchan_interface *)(uintptr_t)gpa;
	/* Read once: the server may change them, we use what we checked. */
	left = __atomic_load_n(&v->page->left_order, __ATOMIC_RELAXED);
	right = __atomic_load_n(&v->page->right_order, __ATOMIC_RELAXED);
	if (vchan_orders_check(left, right)) {
		printk("vchan: %s: orders %u and %u: no client may use them\n",
		       path, left, right);
		err = -EIO;
		goto fail;
	}
	nleft = vchan_order_pages(left);
	nright = vchan_order_pages(right);
	memcpy(grants, v->page->grants,
	       (nleft + nright) * sizeof(grants[0]));
	/* We write left and only read right (libxenvchan maps it so too). */
	err = 0;
	left_data = map_ring(v, grants, nleft, false, &err);
	if (!err)
		right_data = map_ring(v, grants + nleft, nright, true, &err);
	if (err)
		goto fail;
	err = set_rings(v, left, ring_data(v, left, left_data), right,
			ring_data(v, right, right_data));
	if (err)
		goto fail;
	port = evtchn_bind_interdomain(peer, (evtchn_port_t)remote_port,
				       vchan_event, v);
	if (port < 0) {
		err = port;
		goto fail;
	}
	v->port = (evtchn_port_t)port;
	v->port_bound = true;
	/* Tell us when the server writes; then say we are here. */
	vchan_notify_request(&v->page->srv_notify, VCHAN_NOTIFY_WRITE);
	__atomic_store_n(&v->page->cli_live, 1, __ATOMIC_SEQ_CST);
	err = evtchn_send(v->port);
	if (err) {
		printk("vchan: %s: EVTCHNOP_send: %ld (%s)\n", path, err,
		       errno_name(err));
		(void)evtchn_close(v->port);
		v->port_bound = false;
		goto fail;
	}
	printk("vchan: client of d%u at %s: rings %u and %u bytes\n", peer,
	       path, 1u << left, 1u << right);
	return 0;
fail:
	printk("vchan: %s: client set-up failed: %ld (%s)\n", path, err,
	       errno_name(err));
	(void)unmap_all(v);
	return (int)err;
}

long vchan_readable(struct vchan *v)
{
	return vchan_ring_readable(&v->read);
}

long vchan_writable(struct vchan *v)
{
	return vchan_ring_writable(&v->write);
}

long vchan_read(struct vchan *v, void *buf, size_t len)
{
	long n = vchan_ring_read(&v->read, buf, len);
	int err;

	if (n == VCHAN_RING_CORRUPT)
		printk("vchan: %s: the peer's index is beyond its ring\n",
		       v->path);
	if (n <= 0)
		return n;
	err = notify_peer(v, VCHAN_NOTIFY_READ);
	return err ? err : n;
}

long vchan_write(struct vchan *v, const void *buf, size_t len)
{
	long n;
	int err;

	if (vchan_peer_state(v) == VCHAN_PEER_GONE)
		return -EPIPE;
	n = vchan_ring_write(&v->write, buf, len);
	if (n == VCHAN_RING_CORRUPT)
		printk("vchan: %s: the peer's index is beyond its ring\n",
		       v->path);
	if (n <= 0)
		return n;
	err = notify_peer(v, VCHAN_NOTIFY_WRITE);
	return err ? err : n;
}

/* Whether what is awaited is true now (an error counts: look again). */
static bool ready(struct vchan *v, unsigned int what)
{
	if (vchan_peer_state(v) == VCHAN_PEER_GONE)
		return true;
	return ((what & VCHAN_WAIT_DATA) && vchan_readable(v) != 0) ||
	       ((what & VCHAN_WAIT_SPACE) && vchan_writable(v) != 0);
}

int vchan_wait(struct vchan *v, unsigned int what, int64_t timeout_ms)
{
	struct sem *event = what & VCHAN_WAIT_DATA ? &v->data_event :
						     &v->space_event;

	if (!(what & (VCHAN_WAIT_DATA | VCHAN_WAIT_SPACE)))
		return -EINVAL;
	if (ready(v, what))
		return 0;
	/* Ask the peer to tell us, then look again: it may have moved
	 * before it saw the request. */
	if (what & VCHAN_WAIT_DATA)
		vchan_notify_request(peer_notify(v), VCHAN_NOTIFY_WRITE);
	if (what & VCHAN_WAIT_SPACE)
		vchan_notify_request(peer_notify(v), VCHAN_NOTIFY_READ);
	if (ready(v, what))
		return 0;
	return ksem_take(event, timeout_ms) ? -ETIMEDOUT : 0;
}

int vchan_close(struct vchan *v)
{
	int first = 0, err;
	long sent = 0;

	if (v->page) {
		__atomic_store_n(own_live(v), 0, __ATOMIC_SEQ_CST);
		if (v->port_bound)
			sent = evtchn_send(v->port);
	}
	if (v->port_bound) {
		err = (int)evtchn_close(v->port);
		v->port_bound = false;
		if (!first)
			first = sent ? (int)sent : err;
	}
	if (v->server) {
		err = xs_rm(XS_NO_TRANSACTION, v->path);
		if (err && !first)
			first = err;
		err = end_grants(v);
	} else {
		err = unmap_all(v);
	}
	if (err && !first)
		first = err;
	return first;
}
