/*
 * The PV network frontend (xen/io/netif.h).  What each vif owns:
 *
 *   - a TX and an RX ring page and one event channel, granted and bound
 *     at each connection and given back when the backend has closed;
 *   - NETFRONT_RX_BUFS pages granted writable to the backend, all posted
 *     on the RX ring; a frame's pages (several, with feature-sg) are
 *     handed up together and reposted once the layer above has copied
 *     them out;
 *   - NETFRONT_TX_SLOTS pages granted read-only, on a free list: a frame
 *     is copied into a free slot's page, and the slot comes back when the
 *     backend answers.
 *
 * Offloads (io/netif.h), each switched off by netfront= in bootargs:
 * checksums both ways (we take frames whose checksum the backend vouches
 * for or a local sender left blank, and leave TCP's to the backend),
 * frames over several slots (feature-sg), and large TCP frames both ways
 * (feature-gso-tcpv4), which dom0 then needs to neither cut into
 * segments nor checksum when they are its own: one frame of up to 64 KiB
 * where there were forty.
 *
 * Every response is checked by frontends/netif_ring.c before use.  The event
 * handler only wakes the "netfront" thread, which reads the rings and
 * calls the network layer.  The page allocator never frees, so contexts
 * and their pages live in a pool and serve the next vif.
 *
 * A page is cleared before each grant, so that a backend never reads what
 * it held for the last one.  A page whose grant the backend still maps
 * when it has closed is abandoned for good, its grant reference with it
 * (allocated, never ended again): a fresh page takes its place.  What a
 * backend can cost that way is bounded by the context's grant_budget
 * (xen/grant_pool.h): GRANT_BUDGET_CONNECTS_MAX connections per vif
 * (a backend that cycles Closed -> InitWait is otherwise reconnected
 * forever), and no more connections once its backends kept more than
 * GRANT_BUDGET_KEPT_MAX grants; the context then serves no other vif.
 */
#include <stdio.h>
#include <string.h>

#include "kernel/atomic.h"
#include "kernel/bootargs.h"
#include "kernel/errno.h"
#include "kernel/mutex.h"
#include "kernel/page_alloc.h"
#include "kernel/printk.h"
#include "kernel/sem.h"
#include "kernel/thread.h"
#include "xen/events.h"
#include "xen/gnttab.h"
#include "xen/grant_pool.h"
#include "frontends/netfront.h"
#include "frontends/netif_ring.h"
#include "xen/xenbus.h"
#include "xen/xenstore.h"
#include "xen/xs_wire.h"

#define NETFRONT_RX_BUFS	64	/* < NETIF_RX_RING_SIZE */
#define NETFRONT_TX_SLOTS	64	/* <= NETIF_TX_RING_SIZE */
#define NETFRONT_PRIORITY	3	/* above XenBus (4) and apps (7) */
/*
 * A backend that answers none of our frames for KICK ms is notified
 * again (an event may have been lost); for STALL ms, the rings are
 * rebuilt (a reconnection, which resets the backend's side too).  The
 * netfront thread looks every WATCH ms.
 */
#define NETFRONT_TX_KICK_MS	2000
#define NETFRONT_TX_STALL_MS	6000
#define NETFRONT_WATCH_MS	1000
/* Frames one pass takes from every RX ring together, then it sleeps. */
#define NETFRONT_RX_BUDGET	32
#define NETFRONT_BACKOFF_MS	1

_Static_assert(NETFRONT_RX_BUFS < NETIF_RX_RING_SIZE, "RX ids are unique");
_Static_assert(NETFRONT_TX_SLOTS <= NETIF_TX_RING_SIZE, "TX ids fit");
_Static_assert(NETFRONT_RX_SEGS == NETIF_RX_MAX_SLOTS,
	       "a frame's slots fit its pieces");

/*
 * Features switched off by bootargs (netfront_init), for measurement.
 * Written once before XenBus starts, read only after.
 */
static struct {
	bool no_csum, no_sg, no_gso;
} options;

/* A page shared with the backend, and its grant while it has one. */
struct shared_page {
	void *page;
	grant_ref_t gref;
	bool granted;
};

struct netfront {
	/* Set at probe, cleared at remove; the rest is the vif's. */
	bool in_use;
	struct xenbus_device *dev;
	char name[16];
	uint8_t mac[NETFRONT_MAC_LEN];

	/*
	 * The two locks, in this order (with lwIP's core lock, which the
	 * layer's link_up takes and under which it sends, between them):
	 *
	 *   state_lock -> lwIP's core lock -> lock
	 *
	 * state_lock: held across the connection's XenStore round trips and
	 * XenBus state changes (xenwatch's callbacks, the netfront thread's
	 * report of a broken ring), never by the data path.
	 * lock: the rings and the flags below, for the netfront thread,
	 * senders and xenwatch; never held across a XenStore round trip
	 * nor while calling link_up.  Recursive, so that an rx callback may
	 * send.
	 */
	struct mutex state_lock;
	struct mutex lock;
	bool connected;		/* rings live, the backend Connected */
	bool broken;		/* the backend broke the protocol */
	bool report_broken;	/* ... and the backend is not told yet */
	bool awaiting;		/* we are Connected, the backend not yet */
	bool rising;		/* link_up is running: hold received frames */
	/*
	 * Reconnecting after the backend stopped taking our frames: the
	 * layer above keeps its link (ctx) while the rings are rebuilt.
	 */
	bool recovering;
	uint64_t tx_progress_ms;	/* last TX answer, or first frame out */
	bool tx_kicked;		/* notified again about a stall already */
	void *ctx;		/* the network layer's, from link_up */
	/*
	 * One event channel per ring when the backend offers it (io/netif.h
	 * feature-split-event-channels, as Linux's netfront asks for), else
	 * one for both: then tx_port == rx_port and rx_open stays false.
	 * Linux 6.12's netback, on one shared channel, sometimes never ends
	 * its first interrupt (late EOI): its TX side then stops for good.
	 */
	evtchn_port_t tx_port, rx_port;
	bool tx_open, rx_open;

	struct shared_page tx_ring, rx_ring;
	struct netif_tx_front_ring tx;
	struct netif_rx_front_ring rx;
	/* rsp_cons at the last late EOI: work since then is any change. */
	RING_IDX eoi_tx_cons, eoi_rx_cons;

	struct shared_page tx_slot[NETFRONT_TX_SLOTS];
	uint8_t tx_free[NETFRONT_TX_SLOTS];	/* free slots, next on top */
	unsigned int tx_free_count;
	struct netif_ids tx_ids;

	struct shared_page rx_buf[NETFRONT_RX_BUFS];
	uint8_t rx_buf_of_id[NETIF_RX_RING_SIZE];
	struct netif_ids rx_ids;
	struct netif_rx_frame rx_frame;
	/* The slots of the frame being read: given back at its end. */
	struct {
		uint8_t buf;
		uint16_t offset, size;
	} rx_held[NETIF_RX_MAX_SLOTS];
	unsigned int rx_held_count;
	/* NETFRONT_F_* of this connection, and of the layer's link. */
	unsigned int features, link_features;

	struct netfront_stats stats;
	/* Connections of this vif, grants kept by the context's backends. */
	struct grant_budget budget;
	bool given_up;		/* budget spent: the vif stays Closed */
};

/*
 * The pool of contexts (pages included), the network layer's ops and the
 * netfront thread's wakeup.  pool[].in_use and ops change on xenwatch
 * and in netfront_set_ops under pool_lock (ops is one pointer, read
 * under a vif's lock); each vif's state under its own locks.  pool_lock
 * comes before every vif's state_lock and lock.  Zeroed
 * mutexes are unlocked ones: nothing needs initialising before use.
 */
static struct netfront pool[NETFRONT_MAX_VIFS];
static struct mutex pool_lock;
static const struct netfront_ops *ops;
static struct sem work;
static struct thread *worker;

static void ring_notify(struct netfront *nf, evtchn_port_t port)
{
	long err = evtchn_send(port);

	if (err)
		printk("netfront: %s: cannot notify the backend: %ld\n",
		       nf->name, err);
}

/* Go down: the layer hears of it once, the rings are not read again. */
static void link_down(struct netfront *nf)
{
	nf->connected = false;
	/* While recovering, the layer keeps its link: sends fail meanwhile. */
	if (nf->recovering || !nf->ctx)
		return;
	if (ops && ops->link_down)
		ops->link_down(nf->ctx);
	nf->ctx = NULL;
}

/* A reconnection that will not happen: the layer's link goes now. */
static void recovery_failed(struct netfront *nf)
{
	nf->recovering = false;
	link_down(nf);
}

/*
 * Hand a connected vif to the layer above, holding no vif lock: link_up
 * takes lwIP's core lock, which comes first.  Frames that arrive
 * meanwhile wait on the ring (rising), and netfront_send works, so the
 * layer may send (a gratuitous ARP) from link_up.
 */
static void announce(struct netfront *nf)
{
	void *ctx;

	mutex_lock(&nf->lock, WAIT_FOREVER);
	if (!nf->connected || nf->ctx || nf->rising || !ops ||
	    !ops->link_up) {
		mutex_unlock(&nf->lock);
		return;
	}
	nf->rising = true;
	mutex_unlock(&nf->lock);
	ctx = ops->link_up(nf);
	mutex_lock(&nf->lock, WAIT_FOREVER);
	nf->rising = false;
	if (nf->connected) {
		nf->ctx = ctx;
		nf->link_features = nf->features;
	}
	else if (ctx && ops->link_down)
		ops->link_down(ctx);	/* it went down meanwhile */
	mutex_unlock(&nf->lock);
	/* Frames may have come before we were told: look now. */
	ksem_give(&work);
}

/*
 * Under state_lock: the backend answered; the link is up.  No event is
 * sent: the RX requests were published before it connected, and the TX
 * ring is empty (Linux's netfront's kick at this point reaches a port
 * not yet bound, and so does nothing either).
 */
static void link_up(struct netfront *nf)
{
	bool recovered;

	mutex_lock(&nf->lock, WAIT_FOREVER);
	nf->awaiting = false;
	nf->connected = true;
	recovered = nf->recovering;
	nf->recovering = false;
	if (recovered && nf->features != nf->link_features) {
		/* The layer's link was made for other features: a new one. */
		printk("netfront: %s: reconnected with other features\n",
		       nf->name);
		link_down(nf);
		recovered = false;
	}
	mutex_unlock(&nf->lock);
	if (recovered) {
		printk("netfront: %s: reconnected, backend d%u\n", nf->name,
		       nf->dev->otherend_id);
		ksem_give(&work);
		return;
	}
	printk("netfront: %s: mac %02x:%02x:%02x:%02x:%02x:%02x, backend d%u, "
	       "offloads%s%s%s%s%s%s\n",
	       nf->name, nf->mac[0], nf->mac[1], nf->mac[2], nf->mac[3],
	       nf->mac[4], nf->mac[5], nf->dev->otherend_id,
	       nf->features & NETFRONT_F_RX_CSUM ? " csum-rx" : "",
	       nf->features & NETFRONT_F_TX_CSUM ? " csum-tx" : "",
	       nf->features & NETFRONT_F_RX_SG ? " sg-rx" : "",
	       nf->features & NETFRONT_F_RX_GSO ? " gso-rx" : "",
	       nf->features & NETFRONT_F_TX_GSO ? " gso-tx" : "",
	       nf->features ? "" : " none");
	announce(nf);
}

/*
 * The backend broke the ring protocol: stop now (under lock); the
 * netfront thread tells the backend, after letting go of the lock.
 */
static void ring_broken(struct netfront *nf, const char *ring, long err)
{
	printk("netfront: %s: backend broke the %s ring (%ld), "
	       "disconnecting\n", nf->name, ring, err);
	nf->broken = true;
	nf->report_broken = true;
	/* A backend that breaks the protocol gets no new connection. */
	nf->recovering = false;
	link_down(nf);
	ksem_give(&work);	/* a sender may have found it */
}

/* On the netfront thread, holding no lock: tell the backend we close. */
static void report_broken(struct netfront *nf)
{
	bool report;
	int err = 0;

	mutex_lock(&nf->state_lock, WAIT_FOREVER);
	mutex_lock(&nf->lock, WAIT_FOREVER);
	report = nf->report_broken && nf->dev;
	nf->report_broken = false;
	mutex_unlock(&nf->lock);
	if (report && nf->dev->state != XenbusStateClosing &&
	    nf->dev->state != XenbusStateClosed)
		err = xenbus_switch_state(nf->dev, XenbusStateClosing);
	if (err) {
		mutex_lock(&nf->lock, WAIT_FOREVER);
		recovery_failed(nf);
		mutex_unlock(&nf->lock);
	}
	mutex_unlock(&nf->state_lock);
}

/* Collect the backend's TX answers and free their slots. */
static void tx_reap(struct netfront *nf)
{
	int more;

	do {
		long n = netif_ring_ready(&nf->tx.sring->rsp_prod,
					  nf->tx.rsp_cons,
					  nf->tx.req_prod_pvt,
					  NETIF_TX_RING_SIZE);

		if (n < 0) {
			ring_broken(nf, "TX", n);
			return;
		}
		while (n--) {
			const volatile struct netif_tx_response *shared =
				RING_GET_RESPONSE(&nf->tx, nf->tx.rsp_cons);
			struct netif_tx_response rsp = {
				.id = shared->id, .status = shared->status,
			};
			uint16_t id;
			int v = netif_tx_response(rsp, &nf->tx_ids, &id);

			if (v == NETIF_RING_CORRUPT) {
				ring_broken(nf, "TX", v);
				return;
			}
			nf->tx.rsp_cons++;
			if (v == NETIF_TX_SKIP)
				continue;
			if (v < 0)
				nf->stats.tx_errors++;
			nf->tx_free[nf->tx_free_count++] = (uint8_t)id;
			nf->tx_progress_ms = sched_now_ms();
			nf->tx_kicked = false;
		}
		RING_FINAL_CHECK_FOR_RESPONSES(&nf->tx, more);
	} while (more);
}

/* Put buffer b on the RX ring, under the id of the next slot. */
static void rx_post(struct netfront *nf, unsigned int b)
{
	RING_IDX idx = nf->rx.req_prod_pvt;
	unsigned int id = idx % NETIF_RX_RING_SIZE;
	struct netif_rx_request *req = RING_GET_REQUEST(&nf->rx, idx);

	req->id = (uint16_t)id;
	req->gref = nf->rx_buf[b].gref;
	nf->rx_buf_of_id[id] = (uint8_t)b;
	netif_ids_set(&nf->rx_ids, id);
	nf->rx.req_prod_pvt = idx + 1;
}

static void rx_push(struct netfront *nf)
{
	int notify;

	RING_PUSH_REQUESTS_AND_CHECK_NOTIFY(&nf->rx, notify);
	if (notify)
		ring_notify(nf, nf->rx_port);
}

/*
 * Take one checked RX slot.  Its buffer is held until the frame's last
 * slot; then the frame goes up in pieces, straight from the granted
 * pages: the layer copies them before it parses a byte, so a backend
 * that rewrites a page meanwhile changes only the data, never the
 * lengths checked here.  Every held buffer is reposted after.
 */
static void rx_slot(struct netfront *nf, int verdict,
		    const struct netif_rx_slot *slot)
{
	struct netfront_rx_frame frame;
	unsigned int i;

	/* netif_ring bounds the slots of a frame by NETIF_RX_MAX_SLOTS. */
	if (nf->rx_held_count < NETIF_RX_MAX_SLOTS) {
		nf->rx_held[nf->rx_held_count].buf =
			nf->rx_buf_of_id[slot->id];
		nf->rx_held[nf->rx_held_count].offset = slot->offset;
		nf->rx_held[nf->rx_held_count].size = slot->size;
		nf->rx_held_count++;
	} else {
		rx_post(nf, nf->rx_buf_of_id[slot->id]);
	}
	if (verdict == NETIF_RX_MORE)
		return;
	if (verdict == 0) {
		nf->stats.rx_frames++;
		nf->stats.rx_bytes += slot->frame_len;
		frame.count = 0;
		frame.len = slot->frame_len;
		/* Only what we offered: a backend may set flags regardless. */
		frame.csum_ok = (nf->features & NETFRONT_F_RX_CSUM) &&
				slot->csum_flags;
		frame.gso_size = slot->gso_size;
		nf->stats.rx_large += frame.gso_size != 0;
		nf->stats.rx_csum_ok += frame.csum_ok;
		for (i = 0; i < nf->rx_held_count; i++) {
			/* netif_ring bounds offset + size by the page. */
			if (!nf->rx_held[i].size)
				continue;	/* an extra-info slot */
			frame.seg[frame.count].data =
				(const uint8_t *)nf->rx_buf[nf->rx_held[i].buf]
					.page + nf->rx_held[i].offset;
			frame.seg[frame.count++].len = nf->rx_held[i].size;
		}
		if (ops && ops->rx && nf->ctx)
			ops->rx(nf->ctx, &frame);
	} else {
		nf->stats.rx_dropped++;
	}
	/* Reposted only now: the backend may write them again at once. */
	for (i = 0; i < nf->rx_held_count; i++)
		rx_post(nf, nf->rx_held[i].buf);
	nf->rx_held_count = 0;
}

/*
 * Whether the layer above can take another frame now.  When it cannot,
 * the frame stays on the ring: the backend holds it (and drops what no
 * longer fits, in its own queue) instead of our copying frames only to
 * drop them.
 */
static bool rx_room(struct netfront *nf)
{
	if (nf->rising)
		return false;
	return !ops || !ops->rx_room || !nf->ctx || ops->rx_room(nf->ctx);
}

/*
 * The longest frame we take: several slots may hold up to
 * NETFRONT_GSO_FRAME_MAX (fewer than NETIF_RX_MAX_SLOTS pages), one slot
 * an MTU's frame.  The layer above bounds it again by what its link
 * takes.
 */
_Static_assert(NETFRONT_GSO_FRAME_MAX <= NETIF_RX_MAX_SLOTS * NETIF_PAGE_SIZE,
	       "a large frame fits the slots netif_ring allows");

static uint32_t rx_frame_max(const struct netfront *nf)
{
	return (nf->features & NETFRONT_F_RX_SG) ? NETFRONT_GSO_FRAME_MAX
						 : NETFRONT_FRAME_MAX;
}

/*
 * Take at most *budget frames off the RX ring (Linux's NAPI budget: a
 * flood must not keep this thread, which runs above the stack and the
 * apps, from letting them run).  Returns true when it stopped with
 * frames left: over budget, or no room above.
 */
static bool rx_poll(struct netfront *nf, unsigned int *budget)
{
	bool stopped = false;
	int more;

	do {
		long n = netif_ring_ready(&nf->rx.sring->rsp_prod,
					  nf->rx.rsp_cons,
					  nf->rx.req_prod_pvt,
					  NETIF_RX_RING_SIZE);

		if (n < 0) {
			ring_broken(nf, "RX", n);
			return false;
		}
		while (n-- && nf->connected) {
			const volatile struct netif_rx_response *shared;
			struct netif_rx_response rsp;
			struct netif_rx_slot slot;
			int v;

			/* A new frame starts here: may we take one? */
			if (!nf->rx_frame.started &&
			    (*budget == 0 || !rx_room(nf))) {
				stopped = true;
				break;
			}
			shared = RING_GET_RESPONSE(&nf->rx, nf->rx.rsp_cons);
			rsp = (struct netif_rx_response){
				.id = shared->id, .offset = shared->offset,
				.flags = shared->flags,
				.status = shared->status,
			};
			v = netif_rx_response(&nf->rx_frame, nf->rx.rsp_cons,
					      rsp, &nf->rx_ids,
					      rx_frame_max(nf), &slot);
			if (v == NETIF_RING_CORRUPT) {
				ring_broken(nf, "RX", v);
				return false;
			}
			nf->rx.rsp_cons++;
			if (v != NETIF_RX_MORE)
				(*budget)--;
			rx_slot(nf, v, &slot);
		}
		if (!nf->connected)
			return false;
		rx_push(nf);
		if (stopped)
			return true;
		RING_FINAL_CHECK_FOR_RESPONSES(&nf->rx, more);
	} while (more);
	return false;
}

/*
 * Tell events.c whether the event brought work (late EOI, against
 * storms): responses taken since the last EOI, here or by a sender
 * reaping TX slots, or frames left on the ring for the next pass (held
 * back, not absent).  With split channels each port answers for its
 * own ring.  Lock held, so that the ports are nf's.
 */
static void end_of_pass(struct netfront *nf, bool left)
{
	bool tx_work = nf->tx.rsp_cons != nf->eoi_tx_cons;
	bool rx_work = left || nf->rx.rsp_cons != nf->eoi_rx_cons;

	if (nf->rx_open) {
		if (evtchn_eoi(nf->rx_port, !rx_work))
			nf->eoi_rx_cons = nf->rx.rsp_cons;
		rx_work = false;
	}
	if (nf->tx_open && evtchn_eoi(nf->tx_port, !(tx_work || rx_work))) {
		nf->eoi_tx_cons = nf->tx.rsp_cons;
		if (!nf->rx_open)
			nf->eoi_rx_cons = nf->rx.rsp_cons;
	}
}

/*
 * Under lock: frames wait on the TX ring and the backend has answered
 * none of them for a while.  Seen as a backend whose event channel
 * stays masked in dom0 with our event pending (Linux 6.12's netback
 * under Xen 4.20, one vif in a few dozen): it reads our TX ring no more,
 * though its RX side still works.  A reconnection rebuilds its side.
 */
static void tx_watch(struct netfront *nf, uint64_t now)
{
	uint64_t waited;

	if (!nf->connected || nf->tx_free_count == NETFRONT_TX_SLOTS)
		return;
	waited = now - nf->tx_progress_ms;
	if (waited < NETFRONT_TX_KICK_MS)
		return;
	if (!nf->tx_kicked) {
		nf->tx_kicked = true;
		printk("netfront: %s: backend took no frame for %llu ms: "
		       "notifying it again\n", nf->name,
		       (unsigned long long)waited);
		ring_notify(nf, nf->tx_port);
		return;
	}
	if (waited < NETFRONT_TX_STALL_MS)
		return;
	printk("netfront: %s: backend took no frame for %llu ms: "
	       "reconnecting\n", nf->name, (unsigned long long)waited);
	nf->recovering = true;
	nf->report_broken = true;
	link_down(nf);
}

static void worker_main(void *unused)
{
	unsigned int i, budget;
	bool left;

	(void)unused;
	/* It may wait forever: it does not keep the machine on. */
	thread_background();
	for (;;) {
		/* Woken by events, or each WATCH ms to look for stalls. */
		(void)ksem_take(&work, NETFRONT_WATCH_MS);
		budget = NETFRONT_RX_BUDGET;
		left = false;
		for (i = 0; i < NETFRONT_MAX_VIFS; i++) {
			struct netfront *nf = &pool[i];
			bool broken, held = false;

			mutex_lock(&nf->lock, WAIT_FOREVER);
			if (nf->connected)
				tx_reap(nf);
			if (nf->connected)
				held = rx_poll(nf, &budget);
			tx_watch(nf, sched_now_ms());
			left |= held;
			end_of_pass(nf, held);
			broken = nf->report_broken;
			mutex_unlock(&nf->lock);
			if (broken)
				report_broken(nf);
		}
		if (left) {
			/*
			 * Frames are waiting, but the stack is full or this
			 * pass took its share: let the stack and the apps
			 * run (a strict-priority scheduler runs nothing
			 * below us while we are ready), then look again.
			 */
			thread_sleep_ms(NETFRONT_BACKOFF_MS);
			ksem_give(&work);
		}
	}
}

/* Interrupt context: only wake the thread. */
static void event(evtchn_port_t port, void *ctx)
{
	(void)port;
	(void)ctx;
	ksem_give(&work);
}

/* Whether flags and gso_size make sense for nf: 0 or a negative errno. */
static int tx_flags_check(const struct netfront *nf, size_t len,
			  unsigned int flags, unsigned int gso_size)
{
	if ((flags & NETFRONT_TX_CSUM_BLANK) &&
	    !(nf->features & NETFRONT_F_TX_CSUM))
		return -EOPNOTSUPP;
	if (!(flags & NETFRONT_TX_GSO))
		return len > NETFRONT_FRAME_MAX ? -EMSGSIZE : 0;
	if (!(nf->features & NETFRONT_F_TX_GSO))
		return -EOPNOTSUPP;
	if (!(flags & NETFRONT_TX_CSUM_BLANK) || gso_size == 0 ||
	    gso_size > UINT16_MAX)
		return -EINVAL;
	return len > NETFRONT_GSO_FRAME_MAX ? -EMSGSIZE : 0;
}

/*
 * Copy the pieces into the pages of slots[0..pages) in order, each page
 * filled before the next.
 */
static void tx_copy(struct netfront *nf, const uint8_t *slots,
		    unsigned int pages, const struct netfront_seg *seg,
		    unsigned int count)
{
	size_t at = 0, done, n;
	unsigned int i;

	for (i = 0; i < count; i++) {
		for (done = 0; done < seg[i].len; done += n, at += n) {
			/* The caller took pages enough for every piece. */
			if (at / PAGE_SIZE >= pages)
				return;
			n = PAGE_SIZE - at % PAGE_SIZE;
			if (n > seg[i].len - done)
				n = seg[i].len - done;
			memcpy((uint8_t *)nf->tx_slot[slots[at / PAGE_SIZE]]
				       .page + at % PAGE_SIZE,
			       (const uint8_t *)seg[i].data + done, n);
		}
	}
}

/* One data request of a frame, at the ring's next index. */
static void tx_request(struct netfront *nf, unsigned int slot,
		       uint16_t size, uint16_t flags)
{
	struct netif_tx_request *req =
		RING_GET_REQUEST(&nf->tx, nf->tx.req_prod_pvt);

	req->gref = nf->tx_slot[slot].gref;
	req->offset = 0;
	req->flags = flags;
	req->id = (uint16_t)slot;
	req->size = size;
	netif_ids_set(&nf->tx_ids, slot);
	nf->tx.req_prod_pvt++;
}

int netfront_send(struct netfront *nf, const struct netfront_seg *seg,
		  unsigned int count, size_t len, unsigned int flags,
		  unsigned int gso_size)
{
	uint8_t slots[(NETFRONT_GSO_FRAME_MAX + PAGE_SIZE - 1) / PAGE_SIZE] = {
		0 };
	unsigned int pages = (unsigned int)((len + PAGE_SIZE - 1) / PAGE_SIZE);
	unsigned int i;
	uint16_t first;
	size_t off = 0;
	int notify, err;

	if (len == 0)
		return -EMSGSIZE;
	for (i = 0; i < count; i++) {
		if (seg[i].len > len - off)
			return -EINVAL;
		off += seg[i].len;
	}
	if (off != len)
		return -EINVAL;
	mutex_lock(&nf->lock, WAIT_FOREVER);
	err = nf->connected ? tx_flags_check(nf, len, flags, gso_size)
			    : -ENETDOWN;
	if (err)
		goto out;
	if (nf->tx_free_count < pages)
		tx_reap(nf);
	if (!nf->connected) {
		err = -ENETDOWN;
		goto out;
	}
	if (nf->tx_free_count < pages) {
		err = -ENOBUFS;
		goto out;
	}
	if (nf->tx_free_count == NETFRONT_TX_SLOTS) {
		/* The first frame out: the backend's time starts now. */
		nf->tx_progress_ms = sched_now_ms();
		nf->tx_kicked = false;
	}
	for (i = 0; i < pages; i++)
		slots[i] = nf->tx_free[--nf->tx_free_count];
	/* The one copy: the stack's pieces into the granted pages. */
	tx_copy(nf, slots, pages, seg, count);
	/*
	 * io/netif.h: the first request carries the whole frame's size and
	 * its flags, an extra-info slot follows it if it says so, then one
	 * request per further page, each saying whether more follow.
	 */
	first = (flags & NETFRONT_TX_CSUM_BLANK)
		? NETTXF_csum_blank | NETTXF_data_validated : 0;
	if (pages > 1)
		first |= NETTXF_more_data;
	if (flags & NETFRONT_TX_GSO)
		first |= NETTXF_extra_info;
	tx_request(nf, slots[0], (uint16_t)len, first);
	if (flags & NETFRONT_TX_GSO) {
		struct netif_extra_info *gso = (struct netif_extra_info *)
			RING_GET_REQUEST(&nf->tx, nf->tx.req_prod_pvt);

		memset(gso, 0, sizeof(*gso));
		gso->type = XEN_NETIF_EXTRA_TYPE_GSO;
		gso->u.gso.size = (uint16_t)gso_size;
		gso->u.gso.type = XEN_NETIF_GSO_TYPE_TCPV4;
		nf->tx.req_prod_pvt++;
		nf->stats.tx_large++;
	}
	for (i = 1; i < pages; i++) {
		size_t left = len - (size_t)i * PAGE_SIZE;

		tx_request(nf, slots[i],
			   (uint16_t)(left < PAGE_SIZE ? left : PAGE_SIZE),
			   i + 1 < pages ? NETTXF_more_data : 0);
	}
	RING_PUSH_REQUESTS_AND_CHECK_NOTIFY(&nf->tx, notify);
	if (notify)
		ring_notify(nf, nf->tx_port);
	nf->stats.tx_frames++;
	nf->stats.tx_bytes += len;
	nf->stats.tx_csum_blank += !!(flags & NETFRONT_TX_CSUM_BLANK);
out:
	mutex_unlock(&nf->lock);
	return err;
}

unsigned int netfront_features(const struct netfront *nf)
{
	return nf->features;
}

/*
 * Our page, granted to the backend; allocated once, reused after, and
 * cleared first: what it held was perhaps another backend's.
 */
static int share(struct netfront *nf, struct shared_page *s, bool readonly)
{
	long gref;

	if (!s->page)
		s->page = page_alloc(1);
	if (!s->page)
		return -ENOMEM;
	memset(s->page, 0, PAGE_SIZE);
	gref = gnttab_grant_access(nf->dev->otherend_id,
				   (uint64_t)(uintptr_t)s->page, readonly);
	if (gref < 0)
		return (int)gref;
	s->gref = (grant_ref_t)gref;
	s->granted = true;
	return 0;
}

/*
 * Take a grant back: false if the backend still maps the page.  The page
 * is then left to it for good (forgotten here, a fresh one allocated
 * next time), and so is its grant reference, which gnttab keeps
 * allocated: handing either to someone else would hand them the
 * backend's writes too.
 */
static bool unshare(struct shared_page *s)
{
	long err;

	if (!s->granted)
		return true;
	s->granted = false;
	err = gnttab_end_access(s->gref);
	if (err == -EBUSY) {
		s->page = NULL;
		return false;
	}
	return true;
}

/* Give back everything the connection held (the backend has closed). */
static void teardown(struct netfront *nf)
{
	unsigned int i, kept = 0;

	link_down(nf);
	nf->awaiting = false;
	if (nf->tx_open) {
		(void)evtchn_close(nf->tx_port);
		nf->tx_open = false;
	}
	if (nf->rx_open) {
		(void)evtchn_close(nf->rx_port);
		nf->rx_open = false;
	}
	kept += !unshare(&nf->tx_ring);
	kept += !unshare(&nf->rx_ring);
	for (i = 0; i < NETFRONT_TX_SLOTS; i++)
		kept += !unshare(&nf->tx_slot[i]);
	for (i = 0; i < NETFRONT_RX_BUFS; i++)
		kept += !unshare(&nf->rx_buf[i]);
	nf->broken = false;
	if (!kept)
		return;
	grant_budget_kept(&nf->budget, kept);
	printk("netfront: %s: backend still maps %u page%s: abandoned, "
	       "%u in all\n", nf->name, kept, kept > 1 ? "s" : "",
	       nf->budget.kept);
}

/*
 * Count a new connection against the budget: false (said once) when it
 * is spent, and the vif stays Closed.
 */
static bool may_connect(struct netfront *nf)
{
	int err = grant_budget_connect(&nf->budget);

	if (!err)
		return true;
	if (nf->given_up)
		return false;
	nf->given_up = true;
	if (err == -ELOOP)
		printk("netfront: %s: %u connections already: staying "
		       "Closed\n", nf->name, nf->budget.connects);
	else
		printk("netfront: %s: backends kept %u grants: staying "
		       "Closed\n", nf->name, nf->budget.kept);
	return false;
}

/*
 * A port from which the backend, domain remote, may notify us: late
 * EOI, so that its events are damped when they bring no work.
 */
static long open_port(struct netfront *nf)
{
	long port = evtchn_alloc_unbound(nf->dev->otherend_id, event, nf);
	int err;

	if (port < 0)
		return port;
	err = evtchn_set_late_eoi((evtchn_port_t)port);
	if (err)
		printk("netfront: %s: no late EOI (%d): event storms not "
		       "damped\n", nf->name, err);
	return port;
}

static int setup_rings(struct netfront *nf, bool split)
{
	unsigned int i;
	long port;
	int err;

	err = share(nf, &nf->tx_ring, false);
	if (!err)
		err = share(nf, &nf->rx_ring, false);
	for (i = 0; !err && i < NETFRONT_TX_SLOTS; i++)
		err = share(nf, &nf->tx_slot[i], true);
	for (i = 0; !err && i < NETFRONT_RX_BUFS; i++)
		err = share(nf, &nf->rx_buf[i], false);
	if (err)
		return err;
	memset(nf->tx_ring.page, 0, PAGE_SIZE);
	memset(nf->rx_ring.page, 0, PAGE_SIZE);
	SHARED_RING_INIT((struct netif_tx_sring *)nf->tx_ring.page);
	SHARED_RING_INIT((struct netif_rx_sring *)nf->rx_ring.page);
	FRONT_RING_INIT(&nf->tx, (struct netif_tx_sring *)nf->tx_ring.page,
			PAGE_SIZE);
	FRONT_RING_INIT(&nf->rx, (struct netif_rx_sring *)nf->rx_ring.page,
			PAGE_SIZE);
	nf->eoi_tx_cons = nf->tx.rsp_cons;
	nf->eoi_rx_cons = nf->rx.rsp_cons;
	memset(&nf->tx_ids, 0, sizeof(nf->tx_ids));
	memset(&nf->rx_ids, 0, sizeof(nf->rx_ids));
	memset(&nf->rx_frame, 0, sizeof(nf->rx_frame));
	nf->rx_held_count = 0;
	for (i = 0; i < NETFRONT_TX_SLOTS; i++)
		nf->tx_free[i] = (uint8_t)(NETFRONT_TX_SLOTS - 1 - i);
	nf->tx_free_count = NETFRONT_TX_SLOTS;
	for (i = 0; i < NETFRONT_RX_BUFS; i++)
		rx_post(nf, i);
	/* Published now; the backend reads req_prod when it connects. */
	RING_PUSH_REQUESTS(&nf->rx);
	port = open_port(nf);
	if (port < 0)
		return (int)port;
	nf->tx_port = nf->rx_port = (evtchn_port_t)port;
	nf->tx_open = true;
	if (!split)
		return 0;
	port = open_port(nf);
	if (port < 0)
		return (int)port;
	nf->rx_port = (evtchn_port_t)port;
	nf->rx_open = true;
	return 0;
}

/*
 * The frontend's keys (io/netif.h), all in one transaction: the backend
 * sees all or none of them.
 */
static int write_keys(xs_transaction_t t, void *ctx)
{
	struct netfront *nf = ctx;
	const struct {
		const char *key;
		unsigned long value;
	} keys[] = {
		{ "tx-ring-ref", nf->tx_ring.gref },
		{ "rx-ring-ref", nf->rx_ring.gref },
		/* netback copies into our granted pages (no page flip). */
		{ "request-rx-copy", 1 },
		/* We post RX requests and notify: it may wait for them. */
		{ "feature-rx-notify", 1 },
		/* What we take (connect_rings chose): frames over several
		 * slots, large TCP frames, blank or vouched-for checksums.
		 * No IPv6: lwIP is built without it. */
		{ "feature-sg", !!(nf->features & NETFRONT_F_RX_SG) },
		{ "feature-gso-tcpv4", !!(nf->features & NETFRONT_F_RX_GSO) },
		{ "feature-gso-tcpv6", 0 },
		{ "feature-no-csum-offload",
		  !(nf->features & NETFRONT_F_RX_CSUM) },
		{ "feature-ipv6-csum-offload", 0 },
	};
	unsigned int i;
	int err;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		err = xenbus_write_uint(t, nf->dev, keys[i].key, keys[i].value);
		if (err)
			return err;
	}
	if (!nf->rx_open)
		return xenbus_write_uint(t, nf->dev, "event-channel",
					 nf->tx_port);
	err = xenbus_write_uint(t, nf->dev, "event-channel-tx", nf->tx_port);
	if (!err)
		err = xenbus_write_uint(t, nf->dev, "event-channel-rx", nf->rx_port);
	return err;
}

/* "00:16:3e:00:00:01" into 6 bytes: 0, or -EINVAL. */
static int parse_mac(const char *s, uint8_t mac[NETFRONT_MAC_LEN])
{
	unsigned int i, k;

	for (i = 0; i < NETFRONT_MAC_LEN; i++) {
		unsigned int byte = 0;

		for (k = 0; k < 2; k++) {
			char c = *s++;

			if (c >= '0' && c <= '9')
				byte = byte * 16 + (unsigned int)(c - '0');
			else if (c >= 'a' && c <= 'f')
				byte = byte * 16 + (unsigned int)(c - 'a' + 10);
			else if (c >= 'A' && c <= 'F')
				byte = byte * 16 + (unsigned int)(c - 'A' + 10);
			else
				return -EINVAL;
		}
		mac[i] = (uint8_t)byte;
		if (*s++ != (i == NETFRONT_MAC_LEN - 1 ? '\0' : ':'))
			return -EINVAL;
	}
	return 0;
}

/*
 * Whether the backend offers feature FEATURE ("1"); an absent key, or
 * any other value, is no.
 */
static bool backend_offers(struct netfront *nf, const char *feature)
{
	return xenbus_backend_uint(nf->dev, feature, 0) == 1;
}

/*
 * NETFRONT_F_* for a new connection: ours, less what bootargs switched
 * off.  Taking blank checksums, several slots and large frames is up to
 * us (netback sends them to a frontend that says so); sending blank
 * checksums needs a backend that does not refuse them
 * (feature-no-csum-offload, assumed off when absent).
 */
static unsigned int negotiate(struct netfront *nf)
{
	unsigned int f = 0;

	if (!options.no_csum) {
		f |= NETFRONT_F_RX_CSUM;
		if (!backend_offers(nf, "feature-no-csum-offload"))
			f |= NETFRONT_F_TX_CSUM;
	}
	if (!options.no_sg) {
		f |= NETFRONT_F_RX_SG;
		/* GSO frames come over several slots, checksums blank. */
		if (!options.no_gso && !options.no_csum)
			f |= NETFRONT_F_RX_GSO;
		/* Ours too, to a backend that takes them. */
		if (!options.no_gso && (f & NETFRONT_F_TX_CSUM) &&
		    backend_offers(nf, "feature-sg") &&
		    backend_offers(nf, "feature-gso-tcpv4"))
			f |= NETFRONT_F_TX_GSO;
	}
	return f;
}

/*
 * The backend waits for us: share the rings, publish, go Connected.
 * Under state_lock; lock only around the rings, not the XenStore I/O.
 */
static void connect_rings(struct netfront *nf)
{
	unsigned int features;
	bool split;
	int err;

	if (!backend_offers(nf, "feature-rx-copy")) {
		printk("netfront: %s: backend cannot copy to us "
		       "(feature-rx-copy)\n", nf->name);
		goto fail;
	}
	split = backend_offers(nf, "feature-split-event-channels");
	features = negotiate(nf);
	mutex_lock(&nf->lock, WAIT_FOREVER);
	nf->features = features;
	err = setup_rings(nf, split);
	mutex_unlock(&nf->lock);
	if (err) {
		printk("netfront: %s: cannot set up the rings: %d\n",
		       nf->name, err);
		goto fail;
	}
	/* The grants and port it publishes change only under state_lock. */
	err = xs_transaction_run(write_keys, nf);
	if (err) {
		printk("netfront: %s: cannot publish the rings: %d\n",
		       nf->name, err);
		goto fail;
	}
	if (xenbus_switch_state(nf->dev, XenbusStateInitialised) ||
	    xenbus_switch_state(nf->dev, XenbusStateConnected))
		goto fail;
	mutex_lock(&nf->lock, WAIT_FOREVER);
	nf->awaiting = true;
	mutex_unlock(&nf->lock);
	return;
fail:
	mutex_lock(&nf->lock, WAIT_FOREVER);
	teardown(nf);
	mutex_unlock(&nf->lock);
	(void)xenbus_switch_state(nf->dev, XenbusStateClosing);
}

static void backend_changed(struct xenbus_device *dev,
			    enum xenbus_state state)
{
	struct netfront *nf = dev->priv;

	mutex_lock(&nf->state_lock, WAIT_FOREVER);
	switch (state) {
	case XenbusStateInitWait:
		/* After a close, a new connection starts from Initialising. */
		if (dev->state == XenbusStateClosed) {
			mutex_lock(&nf->lock, WAIT_FOREVER);
			teardown(nf);
			mutex_unlock(&nf->lock);
		}
		if ((dev->state != XenbusStateClosed &&
		     dev->state != XenbusStateInitialising))
			break;
		if (!may_connect(nf)) {
			mutex_lock(&nf->lock, WAIT_FOREVER);
			recovery_failed(nf);
			mutex_unlock(&nf->lock);
			break;
		}
		if (dev->state == XenbusStateClosed)
			(void)xenbus_switch_state(dev,
						  XenbusStateInitialising);
		if (dev->state == XenbusStateInitialising)
			connect_rings(nf);
		break;
	case XenbusStateConnected:
		if (dev->state == XenbusStateConnected && nf->awaiting)
			link_up(nf);
		break;
	case XenbusStateClosing:
		mutex_lock(&nf->lock, WAIT_FOREVER);
		link_down(nf);
		mutex_unlock(&nf->lock);
		if (dev->state != XenbusStateClosed) {
			if (dev->state != XenbusStateClosing)
				(void)xenbus_switch_state(dev,
							  XenbusStateClosing);
			(void)xenbus_switch_state(dev, XenbusStateClosed);
		}
		break;
	case XenbusStateClosed:
		/* It unmapped everything: the grants can come back. */
		mutex_lock(&nf->lock, WAIT_FOREVER);
		teardown(nf);
		mutex_unlock(&nf->lock);
		if (dev->state != XenbusStateClosed)
			(void)xenbus_switch_state(dev, XenbusStateClosed);
		/* Our own close, to rebuild the rings: start again (netback
		 * answers Initialising with InitWait). */
		if (nf->recovering &&
		    xenbus_switch_state(dev, XenbusStateInitialising)) {
			mutex_lock(&nf->lock, WAIT_FOREVER);
			recovery_failed(nf);
			mutex_unlock(&nf->lock);
		}
		break;
	default:
		break;
	}
	mutex_unlock(&nf->state_lock);
}

static struct netfront *pool_get(void)
{
	unsigned int i;

	/* Not one whose backends kept too much: it would not connect. */
	for (i = 0; i < NETFRONT_MAX_VIFS; i++)
		if (!pool[i].in_use &&
		    pool[i].budget.kept <= GRANT_BUDGET_KEPT_MAX)
			return &pool[i];
	return NULL;
}

static int probe(struct xenbus_device *dev)
{
	struct netfront *nf;
	const char *id = strrchr(dev->nodename, '/');
	char path[96], value[24];
	uint8_t mac[NETFRONT_MAC_LEN];
	int err = 0;

	snprintf(path, sizeof(path), "%s/mac", dev->nodename);
	if (xs_read(XS_NO_TRANSACTION, path, value, sizeof(value)) < 0 ||
	    parse_mac(value, mac)) {
		printk("netfront: %s: no usable mac\n", dev->nodename);
		return -EINVAL;
	}
	mutex_lock(&pool_lock, WAIT_FOREVER);
	if (!worker) {
		worker = thread_create("netfront", worker_main, NULL,
				       NETFRONT_PRIORITY,
				       THREAD_STACK_DEFAULT);
		if (!worker) {
			err = -ENOMEM;
			goto out;
		}
	}
	nf = pool_get();
	if (!nf) {
		printk("netfront: %s: more than %u vifs\n", dev->nodename,
		       NETFRONT_MAX_VIFS);
		err = -ENOSPC;
		goto out;
	}
	mutex_lock(&nf->lock, WAIT_FOREVER);
	nf->in_use = true;
	nf->dev = dev;
	nf->broken = false;
	memcpy(nf->mac, mac, sizeof(mac));
	memset(&nf->stats, 0, sizeof(nf->stats));
	nf->budget.connects = 0;	/* per vif; what was kept stays */
	nf->given_up = false;
	snprintf(nf->name, sizeof(nf->name), "vif%s", id ? id + 1 : "?");
	dev->priv = nf;
	mutex_unlock(&nf->lock);
	err = xenbus_switch_state(dev, XenbusStateInitialising);
	if (err) {
		dev->priv = NULL;
		nf->in_use = false;
	}
out:
	mutex_unlock(&pool_lock);
	return err;
}

static void netfront_remove(struct xenbus_device *dev)
{
	struct netfront *nf = dev->priv;

	if (!nf)
		return;
	mutex_lock(&pool_lock, WAIT_FOREVER);
	mutex_lock(&nf->state_lock, WAIT_FOREVER);
	mutex_lock(&nf->lock, WAIT_FOREVER);
	nf->recovering = false;		/* the link goes with the device */
	teardown(nf);
	nf->dev = NULL;
	nf->in_use = false;
	nf->report_broken = false;
	dev->priv = NULL;
	mutex_unlock(&nf->lock);
	mutex_unlock(&nf->state_lock);
	mutex_unlock(&pool_lock);
}

static const struct xenbus_driver netfront_driver = {
	.type = "vif",
	.probe = probe,
	.otherend_changed = backend_changed,
	.remove = netfront_remove,
};

int netfront_init(const char *opts)
{
	char word[24];
	const char *p = opts ? opts : "";

	while (bootarg_next_option(&p, word, sizeof(word))) {
		if (strcmp(word, "no-csum") == 0)
			options.no_csum = true;
		else if (strcmp(word, "no-sg") == 0)
			options.no_sg = true;
		else if (strcmp(word, "no-gso") == 0)
			options.no_gso = true;
		else
			printk("netfront: option \"%s\" unknown, ignored\n",
			       word);
	}
	/* One wakeup is enough: the thread then reads every ring. */
	ksem_init(&work, 0, 1);
	return xenbus_register(&netfront_driver);
}

void netfront_set_ops(const struct netfront_ops *new_ops)
{
	unsigned int i;

	mutex_lock(&pool_lock, WAIT_FOREVER);
	ops = new_ops;
	for (i = 0; i < NETFRONT_MAX_VIFS; i++) {
		mutex_lock(&pool[i].state_lock, WAIT_FOREVER);
		announce(&pool[i]);
		mutex_unlock(&pool[i].state_lock);
	}
	mutex_unlock(&pool_lock);
}

const uint8_t *netfront_mac(const struct netfront *nf)
{
	return nf->mac;
}

const char *netfront_name(const struct netfront *nf)
{
	return nf->name;
}

void netfront_get_stats(struct netfront *nf, struct netfront_stats *stats)
{
	/* One consistent snapshot: the netfront thread counts under it. */
	mutex_lock(&nf->lock, WAIT_FOREVER);
	*stats = nf->stats;
	stats->tx_in_flight = NETFRONT_TX_SLOTS - nf->tx_free_count;
	mutex_unlock(&nf->lock);
}

struct netfront *netfront_at(unsigned int i)
{
	unsigned int k;

	for (k = 0; k < NETFRONT_MAX_VIFS; k++)
		if (pool[k].connected && i-- == 0)
			return &pool[k];
	return NULL;
}
