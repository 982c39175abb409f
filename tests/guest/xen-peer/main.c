/*
 * Cross-domain test: two instances of this kernel share a page through a
 * grant and talk over an event channel.
 *
 *   granter (a domU):  app=xen-peer role=granter peer=0 gref=R rounds=N
 *   mapper  (dom0):    app=xen-peer role=mapper  peer=1 gref=R rounds=N
 *
 * With bench=1 each side also reports timings
 * (tests/guest/common/bench_stats.h): the granter each round trip and
 * grant + end-access cycles, the mapper map + unmap cycles of the granted
 * page.
 *
 * How each side learns the other's numbers: the grant reference R is
 * agreed in bootargs (the granter grants exactly R).  The event-channel
 * port is whatever Xen allocated to the granter, which writes it into the
 * shared page before granting it; the mapper reads it there and, being
 * privileged, confirms with EVTCHNOP_status that it is unbound and meant
 * for us.  (Scanning for "any unbound port for dom0" is not enough: an
 * enhanced domU also has XenStore's port waiting for dom0.)
 *
 * The granter pings N times, the mapper answers each; both check every
 * message.  The granter must then fail to end the grant while it is
 * mapped, and succeed once the mapper has unmapped it.
 *
 * Events only say "look again": Xen may raise one on its own (binding an
 * interdomain channel sets the new port pending in case something was
 * lost), so every wait re-checks the shared state.  The mapper is dom0,
 * and dom0 shutting down halts the machine, so it idles when done.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "lib/board.h"
#include "kernel/app.h"
#include "drivers/arm_timer.h"
#include "kernel/bootargs.h"
#include "kernel/atomic.h"
#include "kernel/errno.h"
#include "kernel/page_alloc.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "kernel/sem.h"
#include "kernel/thread.h"
#include "tests/guest/common/bench_stats.h"
#include "xen/gnttab_map.h"
#include "xen/events.h"
#include "xen/gnttab.h"
#include "xen/guest.h"

#define PEER_MAGIC	0x50454552u	/* "PEER" */
#define DONE		0xffffffffu
#define WAIT_MS		10000
#define RETRY_MS	20
#define BAD_GREF	0xfff0
#define MAX_SAMPLES	1000
#define GRANT_CYCLES	200

struct peer_page {
	uint32_t magic;
	uint32_t port;			/* the granter's unbound port */
	uint32_t connected;		/* set by the mapper */
	uint32_t ping_seq;		/* written by the granter */
	uint32_t pong_seq;		/* written by the mapper */
	char ping[32];
	char pong[32];
};

/* Given by the event handler, taken by the app thread. */
static struct sem event_sem;
/* Timing samples when bench=1, filled by this app's one thread. */
static bool benchmarking;
static uint64_t samples[MAX_SAMPLES];

static void on_event(evtchn_port_t port, void *ctx)
{
	(void)port;
	(void)ctx;
	ksem_give(&event_sem);
}

/* Wait for events until ready() holds, or panic after WAIT_MS. */
static void wait_until(bool (*ready)(const void *), const void *arg,
		       const char *what)
{
	while (!ready(arg)) {
		if (ksem_take(&event_sem, WAIT_MS))
			panic("peer: nothing within %d ms while %s", WAIT_MS,
			      what);
		/* The peer's writes come before its notification. */
		smp_rmb();
	}
}

struct seq_wait {
	volatile const uint32_t *seq;
	uint32_t value;
	bool differs;		/* wait for *seq != value instead */
};

static bool seq_ready(const void *arg)
{
	const struct seq_wait *w = arg;

	/* Acquire: the message written before the sequence number is read
	 * after it (the peer publishes it with a release store). */
	uint32_t seq = __atomic_load_n(w->seq, __ATOMIC_ACQUIRE);

	return w->differs ? seq != w->value : seq == w->value;
}

static bool grant_unmapped(const void *arg)
{
	grant_ref_t ref = *(const grant_ref_t *)arg;

	return !(gnttab_entry_flags(ref) & (GTF_reading | GTF_writing));
}

static void notify(evtchn_port_t port)
{
	long err = evtchn_send(port);

	if (err)
		panic("peer: EVTCHNOP_send(%u): %ld (%s)", port, err,
		      errno_name(err));
}

/* Grant a page to peer and end access again, nobody mapping it. */
static void bench_grant_cycles(domid_t peer)
{
	void *page = page_alloc(1);
	unsigned int i;

	for (i = 0; page && i < GRANT_CYCLES; i++) {
		uint64_t t = arm_timer_now();
		long ref = gnttab_grant_access(peer, (uint64_t)(uintptr_t)page,
					       false);

		if (ref < 0 || gnttab_end_access((grant_ref_t)ref))
			panic("peer: grant cycle %u failed", i);
		samples[i] = arm_timer_now() - t;
	}
	bench_report("grant-end-access", samples, GRANT_CYCLES);
}

/* Map and unmap the peer's granted page again and again. */
static void bench_map_cycles(domid_t peer, grant_ref_t gref)
{
	struct gnttab_mapping m;
	unsigned int i;

	for (i = 0; i < GRANT_CYCLES; i++) {
		uint64_t t = arm_timer_now();

		if (gnttab_map(peer, gref, false, &m) || gnttab_unmap(&m))
			panic("peer: map cycle %u failed", i);
		samples[i] = arm_timer_now() - t;
	}
	bench_report("grant-map-unmap", samples, GRANT_CYCLES);
}

static void granter(domid_t peer, grant_ref_t gref, uint32_t rounds)
{
	volatile struct peer_page *page = page_alloc(1);
	char want[32];
	long ref, port, err;
	uint32_t i;

	if (!page)
		panic("peer: no memory for the shared page");
	port = evtchn_alloc_unbound(peer, on_event, NULL);
	if (port < 0)
		panic("peer: cannot offer an event channel: %ld", port);
	page->port = (uint32_t)port;
	page->magic = PEER_MAGIC;
	ref = gnttab_grant_access_ref(gref, peer,
				      (uint64_t)(uintptr_t)page, false);
	if (ref < 0)
		panic("peer: cannot grant ref %u: %ld", gref, ref);
	printk("peer: granter: granted ref %ld to d%u, port %ld unbound\n",
	       ref, peer, port);

	wait_until(seq_ready, &(struct seq_wait){ &page->connected, 1, false },
		   "waiting for the mapper to connect");
	for (i = 1; i <= rounds; i++) {
		uint64_t t = arm_timer_now();

		snprintf((char *)page->ping, sizeof(page->ping), "ping %u", i);
		__atomic_store_n(&page->ping_seq, i, __ATOMIC_RELEASE);
		notify((evtchn_port_t)port);
		wait_until(seq_ready, &(struct seq_wait){ &page->pong_seq, i,
							  false },
			   "waiting for a pong");
		snprintf(want, sizeof(want), "pong %u", i);
		if (page->pong_seq != i ||
		    strcmp((const char *)page->pong, want) != 0)
			panic("peer: round %u: got seq %u \"%.31s\"", i,
			      page->pong_seq, (const char *)page->pong);
		if (i <= MAX_SAMPLES)
			samples[i - 1] = arm_timer_now() - t;
	}
	printk("peer: granter: %u messages exchanged and checked\n", rounds);
	if (benchmarking) {
		bench_report("evtchn-roundtrip", samples,
			     rounds < MAX_SAMPLES ? rounds : MAX_SAMPLES);
		bench_grant_cycles(peer);
	}

	err = gnttab_end_access((grant_ref_t)ref);
	if (err != -EBUSY)
		panic("peer: ending grant %ld while mapped gave %ld, not "
		      "EBUSY", ref, err);
	printk("peer: granter: grant %ld refused to end while mapped\n", ref);
	__atomic_store_n(&page->ping_seq, DONE, __ATOMIC_RELEASE);
	notify((evtchn_port_t)port);
	wait_until(grant_unmapped, &(grant_ref_t){ (grant_ref_t)ref },
		   "waiting for the unmap");
	err = gnttab_end_access((grant_ref_t)ref);
	if (err || gnttab_entry_flags((grant_ref_t)ref) != 0 ||
	    !gnttab_ref_is_free((grant_ref_t)ref))
		panic("peer: grant %ld not free after unmap: %ld, flags 0x%x",
		      ref, err, gnttab_entry_flags((grant_ref_t)ref));
	printk("peer: granter: grant %ld ended, entry free again\n", ref);
	evtchn_close((evtchn_port_t)port);
	printk("peer: granter: PASS\n");
}

/* Map the peer's grant, waiting for the peer to boot and grant it. */
static long map_when_granted(domid_t peer, grant_ref_t gref,
			     struct gnttab_mapping *map)
{
	unsigned int tries;
	long err = -ETIMEDOUT;

	for (tries = 0; tries < WAIT_MS / RETRY_MS; tries++) {
		err = gnttab_map_quiet(peer, gref, false, map);
		if (err == 0)
			return 0;
		thread_sleep_ms(RETRY_MS);
	}
	return err;
}

/* The port must be one the peer left unbound for us (privileged query). */
static void check_offered_port(domid_t peer, evtchn_port_t port)
{
	struct evtchn_status st;
	long err = evtchn_status(peer, port, &st);

	if (err)
		panic("peer: EVTCHNOP_status(d%u, %u): %ld (%s)", peer, port,
		      err, errno_name(err));
	if (st.status != EVTCHNSTAT_unbound || st.u.unbound.dom != 0)
		panic("peer: d%u port %u is in state %u, not unbound for d0",
		      peer, port, st.status);
}

static void mapper(domid_t peer, grant_ref_t gref, uint32_t rounds)
{
	struct gnttab_mapping bad, map;
	volatile struct peer_page *page;
	char want[32];
	long remote, port, err;
	uint32_t seq = 0;

	err = gnttab_map(peer, BAD_GREF, false, &bad);
	if (err >= 0)
		panic("peer: mapping bad grant ref 0x%x succeeded", BAD_GREF);
	printk("peer: mapper: bad grant ref 0x%x refused: %s (%ld)\n",
	       BAD_GREF, errno_name(err), err);

	err = map_when_granted(peer, gref, &map);
	if (err)
		panic("peer: cannot map d%u grant %u: %s (%ld)", peer, gref,
		      errno_name(err), err);
	page = (volatile struct peer_page *)(uintptr_t)map.gpa;
	smp_rmb();
	if (page->magic != PEER_MAGIC)
		panic("peer: mapped page has magic 0x%x", page->magic);
	remote = page->port;
	check_offered_port(peer, (evtchn_port_t)remote);
	port = evtchn_bind_interdomain(peer, (evtchn_port_t)remote, on_event,
				       NULL);
	if (port < 0)
		panic("peer: cannot bind d%u port %ld: %ld", peer, remote,
		      port);
	printk("peer: mapper: bound d%u port %ld as %ld, mapped grant %u\n",
	       peer, remote, port, gref);
	if (benchmarking)
		bench_map_cycles(peer, gref);
	__atomic_store_n(&page->connected, 1, __ATOMIC_RELEASE);
	notify((evtchn_port_t)port);

	for (;;) {
		wait_until(seq_ready, &(struct seq_wait){ &page->ping_seq, seq,
							  true },
			   "waiting for a ping");
		if (page->ping_seq == DONE)
			break;
		seq++;
		snprintf(want, sizeof(want), "ping %u", seq);
		if (page->ping_seq != seq ||
		    strcmp((const char *)page->ping, want) != 0)
			panic("peer: expected \"%s\", got seq %u \"%.31s\"",
			      want, page->ping_seq, (const char *)page->ping);
		snprintf((char *)page->pong, sizeof(page->pong), "pong %u",
			 seq);
		__atomic_store_n(&page->pong_seq, seq, __ATOMIC_RELEASE);
		notify((evtchn_port_t)port);
	}
	if (seq != rounds)
		panic("peer: %u messages, expected %u", seq, rounds);
	err = gnttab_unmap(&map);
	if (err)
		panic("peer: unmap: %ld", err);
	printk("peer: mapper: %u messages checked, grant unmapped\n", seq);
	notify((evtchn_port_t)port);
	printk("peer: mapper: PASS\n");
	for (;;)
		thread_sleep_ms(60000);
}

static void xen_peer_main(void)
{
	const char *args = board->bootargs;
	char role[16] = "";
	domid_t peer = (domid_t)bootarg_ulong(args, "peer", 0);
	grant_ref_t gref = (grant_ref_t)bootarg_ulong(args, "gref", 16);
	uint32_t rounds = (uint32_t)bootarg_ulong(args, "rounds", 100);

	if (!xen->present)
		panic("peer: needs Xen (no xen,xen node in the DT)");
	ksem_init(&event_sem, 0, 1000);
	benchmarking = bootarg_ulong(args, "bench", 0) != 0;
	bootarg(args, "role", role, sizeof(role));
	if (strcmp(role, "granter") == 0)
		granter(peer, gref, rounds);
	else if (strcmp(role, "mapper") == 0)
		mapper(peer, gref, rounds);
	else
		panic("peer: role=%s: want granter or mapper", role);
}

APP_REGISTER("xen-peer", xen_peer_main);
