#include "boot/mmu.h"
#include "drivers/arm_timer.h"
#include "kernel/atomic.h"
#include "kernel/errno.h"
#include "xen/console_pv.h"
#include "xen/console_ring.h"
#include "xen/events.h"
#include "xen/hypercall.h"
#include "xen/shared_info.h"

/* How long a full ring may stay full before output is dropped. */
#define STALL_MS	2000

/*
 * The ring and its port, set once by xen_console_pv_start(); written only
 * by console writes, which printk serialises with IRQs masked.
 */
static struct xencons_interface *ring;
static evtchn_port_t port;
static int corrupt;
static uint64_t dropped;

/*
 * Wait for the backend to drain some output.  IRQs are masked here (we
 * are inside printk), so rather than take the upcall, watch the port's
 * pending bit and yield the CPU to the backend meanwhile.
 */
static int wait_for_room(void)
{
	volatile uint64_t *pending =
		(volatile uint64_t *)xen_shared_info->evtchn_pending;
	uint64_t deadline = arm_timer_now() + arm_timer_ms_to_ticks(STALL_MS);

	while (arm_timer_now() < deadline) {
		if (atomic_test_and_clear_bit64(&pending[port / 64],
						port % 64))
			return 0;
		hyp_sched_op(SCHEDOP_yield, NULL);
	}
	return -ETIMEDOUT;
}

static void write_bytes(const char *s, size_t len)
{
	while (len && !corrupt) {
		long n = console_ring_write(ring, s, len);

		if (n < 0) {
			/* A backend moving out_cons past out_prod: stop
			 * trusting the ring rather than write outside it. */
			corrupt = 1;
			break;
		}
		if (n) {
			evtchn_send(port);
			s += n;
			len -= (size_t)n;
		} else if (wait_for_room()) {
			break;
		}
	}
	dropped += len;
}

/* Terminals attached by `xl console` want CRLF. */
static void pv_write(const char *s, size_t len)
{
	size_t start = 0, i;

	for (i = 0; i < len; i++) {
		if (s[i] != '\n')
			continue;
		write_bytes(s + start, i - start);
		write_bytes("\r\n", 2);
		start = i + 1;
	}
	write_bytes(s + start, len - start);
}

long xen_console_pv_read(char *buf, size_t len);

static long pv_read(char *buf, size_t len)
{
	return xen_console_pv_read(buf, len);
}

static const struct console pv_console = {
	.name = "xen-pv-console",
	.write = pv_write,
	.read = pv_read,
};

long xen_console_pv_read(char *buf, size_t len)
{
	long n;

	if (!ring || corrupt)
		return -EIO;
	n = console_ring_read(ring, buf, len);
	if (n < 0)
		corrupt = 1;
	else if (n > 0)
		evtchn_send(port);	/* tell the backend there is room */
	return n;
}

uint64_t xen_console_pv_dropped(void)
{
	return dropped;
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
	return &pv_console;
}
