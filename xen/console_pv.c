#include "boot/mmu.h"
#include "drivers/arm_timer.h"
#include "kernel/errno.h"
#include "xen/console_out.h"
#include "xen/console_pv.h"
#include "xen/console_ring.h"
#include "xen/events.h"
#include "xen/hypercall.h"

/* How long a full ring may stay full before output is dropped. */
#define STALL_MS	2000

/*
 * The ring and its port, set once by xen_console_pv_start().  The output
 * state (out, below) is written only by console writes, which printk
 * serialises with IRQs masked; input marks it corrupt too, since a
 * corrupt ring is not trusted either way.
 */
static struct xencons_interface *ring;
static evtchn_port_t port;

/*
 * Tell xenconsoled there is output, or room for input.  The result is
 * dropped: there is nowhere to report it (output comes here from inside
 * printk), and nothing is lost unseen.  Xen refuses a send only for a
 * port that is not open (or that XSM forbids), and then refuses every
 * one: the backend never drains the ring, the next wait for room times
 * out, and console_out drops and counts the output from then on (a
 * stall).
 */
static void notify_backend(void)
{
	(void)evtchn_send(port);
}

static void notify(void *ctx)
{
	(void)ctx;
	notify_backend();
}

/*
 * Wait for the backend to drain some output.  IRQs are masked here (we
 * are inside printk), so rather than take the upcall, poll the port
 * (left masked, with no handler) and yield the CPU to the backend
 * meanwhile.
 */
static int wait_for_room(void *ctx)
{
	uint64_t deadline = arm_timer_now() + arm_timer_ms_to_ticks(STALL_MS);

	(void)ctx;
	while (arm_timer_now() < deadline) {
		if (evtchn_test_and_clear(port))
			return 0;
		/* Only a hint to the scheduler: if Xen refused it, we just
		 * poll again, and the deadline still bounds the wait. */
		(void)hyp_sched_op(SCHEDOP_yield, NULL);
	}
	return -ETIMEDOUT;
}

static struct console_out out = {
	.notify = notify,
	.wait = wait_for_room,
};

static void pv_write(const char *s, size_t len)
{
	console_out_write(&out, s, len);
}

static const struct console pv_console = {
	.name = "xen-pv-console",
	.write = pv_write,
	.read = xen_console_pv_read,
};

long xen_console_pv_read(char *buf, size_t len)
{
	long n;

	if (!ring || out.corrupt)
		return -EIO;
	n = console_ring_read(ring, buf, len);
	if (n < 0)
		out.corrupt = true;
	else if (n > 0)
		notify_backend();
	return n;
}

const struct console *xen_console_pv_start(void)
{
	uint64_t pfn, evtchn;

	if (hvm_get_param(HVM_PARAM_CONSOLE_PFN, &pfn) || !pfn ||
	    hvm_get_param(HVM_PARAM_CONSOLE_EVTCHN, &evtchn) || !evtchn)
		return NULL;
	/* The toolstack's magic pages sit outside the RAM banks. */
	if (mmu_map(pfn << 12, 4096, MMU_NORMAL))
		return NULL;
	ring = (struct xencons_interface *)(uintptr_t)(pfn << 12);
	port = (evtchn_port_t)evtchn;
	out.ring = ring;
	return &pv_console;
}
