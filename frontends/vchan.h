/*
 * vchan: Xen's libxenvchan byte stream between two domains, either end
 * (frontends/vchan_ring.h has the rings and the page).  The server allocates
 * the shared page and the rings' pages, grants them to the peer, takes
 * an unbound event channel for it, and writes PATH/ring-ref and
 * PATH/event-channel in XenStore; the client reads those, maps the
 * grants and binds the channel.  Dom0's vchan-socket-proxy and
 * libxenvchan interoperate with both ends.
 *
 * Calls block on XenStore (open, close) or not at all (read, write);
 * vchan_wait() is the one that waits for the peer.  One thread may read
 * while another writes.  Results are >= 0 or a negative errno: Xen's,
 * XenStore's, or -EIO when the peer broke the protocol (an index beyond
 * its ring, orders no client may use), -EPIPE when it is gone.
 *
 * What is not given back: the pages a server granted (the page
 * allocator never frees) and the guest-physical space a client mapped
 * into (xen/physmap.c hands it out once).  A server's grants that the
 * peer still maps when it closes stay granted: the pages are never
 * reused.  The server's XenStore nodes get the default permissions of
 * the domain's home: dom0 reads them, another domU would not (XS_SET_PERMS
 * is not done here yet).
 */
#ifndef XEN_VCHAN_H
#define XEN_VCHAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kernel/sem.h"
#include "xen/gnttab_map.h"
#include "xen/hypercall.h"
#include "frontends/vchan_ring.h"

/* Pages a ring of its own may have (order 20), two such rings. */
#define VCHAN_RING_PAGES_MAX	(1u << (VCHAN_ORDER_MAX - VCHAN_PAGE_SHIFT))
#define VCHAN_PAGES_MAX		(2 * VCHAN_RING_PAGES_MAX)
#define VCHAN_PATH_MAX		128

enum vchan_peer {
	VCHAN_PEER_GONE,	/* closed, or said something else than 1 or 2 */
	VCHAN_PEER_CONNECTED,
	VCHAN_PEER_WAITING,	/* the server's client has not come yet */
};

/* What vchan_wait() waits for, one or both; or the peer gone. */
#define VCHAN_WAIT_DATA		1u	/* something to read */
#define VCHAN_WAIT_SPACE	2u	/* room to write */

struct vchan {
	bool server;
	domid_t peer;
	evtchn_port_t port;
	bool port_bound;
	struct vchan_interface *page;
	struct vchan_ring read, write;
	/* The handler gives both: a reader and a writer may each wait. */
	struct sem data_event, space_event;
	char path[VCHAN_PATH_MAX];
	/* Server: the shared page's grant, then every ring page's. */
	long ring_ref;
	unsigned int nrefs;
	grant_ref_t refs[VCHAN_PAGES_MAX];
	/* Client: the mappings, the shared page's first. */
	unsigned int nmaps;
	struct gnttab_mapping maps[1 + VCHAN_PAGES_MAX];
};

/*
 * Serve a vchan to domain peer at XenStore path (relative to our home,
 * or absolute) with rings of at least read_min bytes (what the peer
 * writes to us) and write_min (what we write), up to 1 MiB each.  The
 * client may come later: reads wait for it.  0; -EINVAL (sizes, a path
 * of VCHAN_PATH_MAX bytes or more); -ENOMEM; the grant, event channel
 * or XenStore error (nothing is left behind but the pages).
 */
int vchan_server_open(struct vchan *v, domid_t peer, const char *path,
		      size_t read_min, size_t write_min);

/*
 * Connect to the vchan domain peer serves at path (absolute, or
 * relative to our home).  0; -ENOENT when the server has not written
 * its nodes (yet); -EINVAL for nodes that are not numbers; -EIO for a
 * page whose orders no client may use; -ENOMEM when no guest-physical
 * space is left; the grant or event channel error.
 */
int vchan_client_open(struct vchan *v, domid_t peer, const char *path);

/* The peer's state now. */
enum vchan_peer vchan_peer_state(const struct vchan *v);

/* Bytes waiting to be read, or -EIO. */
long vchan_readable(struct vchan *v);
/* Room to write, or -EIO. */
long vchan_writable(struct vchan *v);

/*
 * Copy out up to len waiting bytes, or in up to len bytes that fit,
 * telling the peer if it asked: how many (0: none waiting, or no room),
 * -EIO, or the event channel's error.  Never waits.  A write to a peer
 * gone is -EPIPE; a read still gives what it left.
 */
long vchan_read(struct vchan *v, void *buf, size_t len);
long vchan_write(struct vchan *v, const void *buf, size_t len);

/*
 * Wait until what (VCHAN_WAIT_*) may be true or the peer is gone, at
 * most timeout_ms (WAIT_FOREVER: no limit): 0 (look again: it may have
 * been another event), -ETIMEDOUT, -EINVAL for no what.  Returns at
 * once when it is already true.  The reader waits for data alone, the
 * writer for space alone, or one thread for both.
 */
int vchan_wait(struct vchan *v, unsigned int what, int64_t timeout_ms);

/*
 * Close our end: the peer sees it gone and is notified; the server
 * removes its XenStore nodes and ends its grants, the client unmaps.
 * 0 or the first error (everything is undone that can be).
 */
int vchan_close(struct vchan *v);

#endif
