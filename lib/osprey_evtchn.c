/*
 * <osprey/evtchn.h> on the kernel's event channels (xen/events.h).  The
 * handler runs in interrupt context on the CPU the port is bound to: it
 * only counts and wakes the program's waiting thread.
 */
#include <errno.h>
#include <stdint.h>

#include <osprey/evtchn.h>

#include "kernel/mutex.h"
#include "kernel/sem.h"
#include "kernel/thread.h"
#include "lib/errno_map.h"
#include "xen/events.h"
#include "xen/guest.h"

struct port_slot {
	unsigned int port;	/* 0: the slot is free (port 0 is never one) */
	uint64_t events;	/* since the last wait; the handler adds */
	struct sem ready;	/* given by the handler, at most 1 */
};

/*
 * The open ports: slots[] changes under slots_lock (open and close);
 * each slot's events and ready are shared with its handler.  Zeroed is
 * ready.
 */
static struct port_slot slots[OSPREY_EVTCHN_MAX];
static struct mutex slots_lock;

static void on_event(evtchn_port_t port, void *ctx)
{
	struct port_slot *s = ctx;

	(void)port;
	__atomic_add_fetch(&s->events, 1, __ATOMIC_RELEASE);
	ksem_give(&s->ready);
}

/* The slot of an open port, or NULL.  Under slots_lock, or in the thread
 * that owns the port between its open and close. */
static struct port_slot *slot_of(unsigned int port)
{
	unsigned int i;

	for (i = 0; i < OSPREY_EVTCHN_MAX; i++)
		if (slots[i].port == port)
			return &slots[i];
	return NULL;
}

static int usable(unsigned int port)
{
	if (!xen->present || xen->no_node)
		return -ENODEV;
	return port == 0 || port > 4095 ? -EINVAL : 0;
}

int osprey_evtchn_open(unsigned int port, struct osprey_evtchn_peer *peer)
{
	struct evtchn_status st;
	struct port_slot *s;
	long err = usable(port);
	int r;

	if (err)
		return (int)err;
	/* Xen says EINVAL for a port it never allocated here. */
	err = evtchn_status(DOMID_SELF, port, &st);
	if (err && errno_from_kernel((int)err) != EINVAL)
		return -errno_from_kernel((int)err);
	if (err || st.status != EVTCHNSTAT_interdomain)
		return -ENOTCONN;
	mutex_lock(&slots_lock, WAIT_FOREVER);
	if (slot_of(port)) {
		mutex_unlock(&slots_lock);
		return -EBUSY;
	}
	for (s = slots; s < slots + OSPREY_EVTCHN_MAX && s->port; s++)
		;
	if (s == slots + OSPREY_EVTCHN_MAX) {
		mutex_unlock(&slots_lock);
		return -EMFILE;
	}
	s->events = 0;
	ksem_init(&s->ready, 0, 1);
	r = evtchn_claim(port, on_event, s);
	if (r == 0)
		s->port = port;
	mutex_unlock(&slots_lock);
	if (r < 0)
		return -errno_from_kernel(r);
	if (peer) {
		peer->domid = st.u.interdomain.dom;
		peer->port = st.u.interdomain.port;
	}
	return 0;
}

int osprey_evtchn_notify(unsigned int port)
{
	int err = usable(port);

	if (err)
		return err;
	if (!slot_of(port))
		return -EBADF;
	return -errno_from_kernel((int)evtchn_send(port));
}

int osprey_evtchn_wait(unsigned int port, int timeout_ms)
{
	struct port_slot *s;
	uint64_t n;
	int err = usable(port);

	if (err)
		return err;
	s = slot_of(port);
	if (!s)
		return -EBADF;
	for (;;) {
		n = __atomic_exchange_n(&s->events, 0, __ATOMIC_ACQUIRE);
		if (n)
			return n > INT32_MAX ? INT32_MAX : (int)n;
		err = ksem_take(&s->ready, timeout_ms < 0 ? WAIT_FOREVER :
				timeout_ms);
		if (err)
			return -ETIMEDOUT;
	}
}

int osprey_evtchn_close(unsigned int port)
{
	struct port_slot *s;
	int err = usable(port);

	if (err)
		return err;
	mutex_lock(&slots_lock, WAIT_FOREVER);
	s = slot_of(port);
	if (s) {
		evtchn_release(port);
		s->port = 0;
	}
	mutex_unlock(&slots_lock);
	return s ? 0 : -EBADF;
}
