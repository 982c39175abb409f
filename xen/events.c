#include <stddef.h>

#include "boot/cpu.h"
#include "kernel/atomic.h"
#include "kernel/errno.h"
#include "kernel/irq.h"
#include "kernel/printk.h"
#include "kernel/sem.h"
#include "kernel/thread.h"
#include "xen/events.h"
#include "xen/evtchn_backoff.h"
#include "xen/evtchn_bound.h"
#include "xen/shared_info.h"
#include "xen/vcpu_id.h"

#define HANDLER_SLOTS	32
#define UNMASKER_PRIORITY	2	/* above every driver's thread */

struct port_handler {
	evtchn_port_t port;
	evtchn_handler_t handler;
	void *ctx;
	/* Late EOI (evtchn_set_late_eoi): masked at each event until its
	 * owner's evtchn_eoi, and then perhaps for a while longer. */
	bool late_eoi;
	bool eoi_pending;		/* masked by an event, no EOI yet */
	uint64_t unmask_at;		/* sched_now_ms(); 0: not delayed */
	struct evtchn_backoff backoff;
};

/*
 * Dispatch table and the CPU each port notifies, owned by this file;
 * changed under the kernel lock (irq_save()), which every upcall, on
 * whichever CPU, also runs under (boot/irqflags.h).
 *
 * That is also why closing or rebinding a port is safe against its
 * handler running on another vCPU: the handler runs to its end holding
 * the lock, so evtchn_close() and evtchn_bind_vcpu(), which take it,
 * find no handler halfway through, and no upcall runs while they change
 * the table.  An upcall that comes meanwhile waits for the lock, then
 * finds the port masked, gone, or bound elsewhere.  Were the upcall ever
 * to leave the lock, close would have to wait for a handler running on
 * another CPU (Linux's synchronize_irq).
 */
static struct port_handler handlers[HANDLER_SLOTS];
static unsigned int handler_count;
static struct evtchn_bound bindings;

/*
 * The thread that unmasks delayed ports, and its wakeup: started by the
 * first evtchn_set_late_eoi (unmasker_claimed, set with IRQs masked, says
 * it is on its way).
 */
static struct thread *unmasker;
static bool unmasker_claimed;
static struct sem unmasker_wake;

static volatile uint64_t *pending_words(void)
{
	return (volatile uint64_t *)xen_shared_info->evtchn_pending;
}

static volatile uint64_t *mask_words(void)
{
	return (volatile uint64_t *)xen_shared_info->evtchn_mask;
}

/* The slot routing port, or NULL.  IRQs masked. */
static struct port_handler *find(evtchn_port_t port)
{
	unsigned int i;

	for (i = 0; i < handler_count; i++)
		if (handlers[i].port == port)
			return &handlers[i];
	return NULL;
}

static void dispatch(evtchn_port_t port)
{
	struct port_handler *h = find(port);

	if (h) {
		/* Masked until the owner has looked for work: events that
		 * come meanwhile wait, pending, instead of storming. */
		if (h->late_eoi) {
			evtchn_mask(port);
			h->eoi_pending = true;
		}
		h->handler(port, h->ctx);
		return;
	}
	/* Nobody listens: mask it so it cannot storm. */
	printk("xen: event on unbound port %u, masked\n", port);
	evtchn_mask(port);
}

/*
 * The upcall (Xen's public xen.h, "event channel upcall"), on whichever
 * CPU Xen raised it: clear this vCPU's upcall_pending first, then take
 * its selector, so an event that arrives meanwhile raises the upcall
 * again rather than being lost.  The pending and mask words are the
 * domain's, shared by every vCPU: only the ports bound to this CPU are
 * taken, the others are left pending for the vCPU Xen notified.
 */
static void upcall(uint32_t intid, void *ctx)
{
	unsigned int cpu = cpu_index();
	volatile struct vcpu_info *vi = xen_vcpu_info[cpu];

	(void)intid;
	(void)ctx;
	/* Without a vcpu_info, Xen notifies this vCPU of nothing. */
	if (!vi)
		return;
	do {
		uint64_t sel;

		vi->evtchn_upcall_pending = 0;
		smp_mb();
		sel = atomic_xchg64((volatile uint64_t *)&vi->evtchn_pending_sel,
				    0);
		while (sel) {
			unsigned int w = (unsigned int)__builtin_ctzll(sel);
			uint64_t ready;

			sel &= sel - 1;
			ready = evtchn_bound_ready(&bindings, cpu, w,
						   pending_words()[w],
						   mask_words()[w]);
			while (ready) {
				unsigned int b =
					(unsigned int)__builtin_ctzll(ready);

				ready &= ready - 1;
				atomic_clear_bit64(&pending_words()[w], b);
				dispatch(w * EVTCHN_WORD_BITS + b);
			}
		}
	} while (vi->evtchn_upcall_pending);
}

int events_init(uint32_t upcall_intid)
{
	unsigned int w;

	/* Start with every port masked; binding unmasks what we use. */
	for (w = 0; w < EVTCHN_WORDS; w++)
		mask_words()[w] = ~0ULL;
	evtchn_bound_init(&bindings);
	/* Xen's event interrupt is level-triggered (flags 0xf08 in the DT). */
	return irq_connect(upcall_intid, upcall, NULL, false);
}

/* Route port to handler; only_new: -EBUSY if a handler has it. */
static int route(evtchn_port_t port, evtchn_handler_t handler, void *ctx,
		 bool only_new)
{
	unsigned long flags;
	unsigned int i;

	if (port >= EVTCHN_PORTS)
		return -EINVAL;
	flags = irq_save();
	for (i = 0; i < handler_count && handlers[i].port != port; i++)
		;
	if (only_new && i < handler_count) {
		irq_restore(flags);
		return -EBUSY;
	}
	if (i == HANDLER_SLOTS) {
		irq_restore(flags);
		return -ENOSPC;
	}
	/* A new binding: no late EOI, no backoff, until asked. */
	handlers[i] = (struct port_handler){
		.port = port, .handler = handler, .ctx = ctx,
	};
	if (i == handler_count)
		handler_count++;
	irq_restore(flags);
	return (int)evtchn_unmask(port);
}

int evtchn_set_handler(evtchn_port_t port, evtchn_handler_t handler,
		       void *ctx)
{
	return route(port, handler, ctx, false);
}

int evtchn_claim(evtchn_port_t port, evtchn_handler_t handler, void *ctx)
{
	return route(port, handler, ctx, true);
}

/* Masked first, as in evtchn_close: an event now finds no handler. */
static void forget(evtchn_port_t port)
{
	unsigned int i;

	evtchn_mask(port);
	for (i = 0; i < handler_count; i++)
		if (handlers[i].port == port)
			handlers[i] = handlers[--handler_count];
}

void evtchn_release(evtchn_port_t port)
{
	unsigned long flags = irq_save();

	forget(port);
	irq_restore(flags);
}

static long bound(long err, evtchn_port_t port, const char *what,
		  evtchn_handler_t handler, void *ctx)
{
	int r;

	if (err) {
		printk("xen: %s: %ld (%s)\n", what, err, errno_name(err));
		return err;
	}
	if (handler) {
		r = evtchn_set_handler(port, handler, ctx);
		if (r < 0)
			return r;
	}
	return port;
}

long evtchn_bind_virq(uint32_t virq, evtchn_handler_t handler, void *ctx)
{
	struct evtchn_bind_virq op = { .virq = virq, .vcpu = 0 };
	long err = hyp_event_channel_op(EVTCHNOP_bind_virq, &op);

	return bound(err, op.port, "EVTCHNOP_bind_virq", handler, ctx);
}

long evtchn_alloc_unbound(domid_t remote, evtchn_handler_t handler,
			  void *ctx)
{
	struct evtchn_alloc_unbound op = { .dom = DOMID_SELF,
					   .remote_dom = remote };
	long err = hyp_event_channel_op(EVTCHNOP_alloc_unbound, &op);

	return bound(err, op.port, "EVTCHNOP_alloc_unbound", handler, ctx);
}

long evtchn_bind_interdomain(domid_t remote, evtchn_port_t remote_port,
			     evtchn_handler_t handler, void *ctx)
{
	struct evtchn_bind_interdomain op = { .remote_dom = remote,
					      .remote_port = remote_port };
	long err = hyp_event_channel_op(EVTCHNOP_bind_interdomain, &op);

	return bound(err, op.local_port, "EVTCHNOP_bind_interdomain", handler,
		     ctx);
}

long evtchn_send(evtchn_port_t port)
{
	struct evtchn_send op = { .port = port };

	return hyp_event_channel_op(EVTCHNOP_send, &op);
}

long evtchn_close(evtchn_port_t port)
{
	struct evtchn_close op = { .port = port };
	unsigned long flags = irq_save();

	forget(port);
	/* Xen binds a freed port to vCPU 0 again, for its next use. */
	(void)evtchn_bound_move(&bindings, port, 0);
	irq_restore(flags);
	return hyp_event_channel_op(EVTCHNOP_close, &op);
}

/*
 * Masked across the move, as Linux's rebind_irq_to_cpu does: an event
 * then only sets the pending bit, and the unmask, once our record says
 * where the port is, re-delivers it to the new vCPU (event_channel.h,
 * EVTCHNOP_unmask).  An event the old vCPU was already told of finds the
 * port no longer bound to it and is left pending for the new one.  A
 * port masked before (late EOI, or one polled) stays masked.
 */
int evtchn_bind_vcpu(evtchn_port_t port, unsigned int cpu)
{
	struct evtchn_bind_vcpu op = { .port = port };
	unsigned long flags;
	bool was_masked;
	long err, unmask_err = 0;

	if (port == 0 || port >= EVTCHN_PORTS || cpu >= CPU_MAX)
		return -EINVAL;
	flags = irq_save();
	/* Under the lock: xen_cpu_dying() moves a leaving CPU's ports off
	 * under it too, after its state has left CPU_ONLINE. */
	if (cpus[cpu].state != CPU_ONLINE || !xen_vcpu_info[cpu]) {
		irq_restore(flags);
		return -EINVAL;
	}
	op.vcpu = xen_vcpu_id(cpus[cpu].mpidr);
	was_masked = atomic_test_and_set_bit64(
		&mask_words()[port / EVTCHN_WORD_BITS],
		port % EVTCHN_WORD_BITS);
	err = hyp_event_channel_op(EVTCHNOP_bind_vcpu, &op);
	if (!err)
		(void)evtchn_bound_move(&bindings, port, cpu);
	if (!was_masked)
		unmask_err = evtchn_unmask(port);
	irq_restore(flags);
	if (err) {
		printk("xen: port %u to cpu %u (vCPU %u): EVTCHNOP_bind_vcpu: "
		       "%ld (%s)\n", port, cpu, op.vcpu, err, errno_name(err));
		return (int)err;
	}
	if (unmask_err) {
		printk("xen: port %u, bound to cpu %u: EVTCHNOP_unmask: %ld "
		       "(%s)\n", port, cpu, unmask_err,
		       errno_name(unmask_err));
		return (int)unmask_err;
	}
	return 0;
}

int xen_cpu_dying(unsigned int cpu)
{
	unsigned long flags;
	int port, err, first = 0;

	if (cpu == 0 || cpu >= CPU_MAX)
		return -EINVAL;
	flags = irq_save();
	for (port = evtchn_bound_next(&bindings, cpu, 1); port > 0;
	     port = evtchn_bound_next(&bindings, cpu, (uint32_t)port + 1)) {
		err = evtchn_bind_vcpu((evtchn_port_t)port, 0);
		if (err && !first)
			first = err;
	}
	irq_restore(flags);
	return first;
}

long evtchn_status(domid_t dom, evtchn_port_t port,
		   struct evtchn_status *status)
{
	status->dom = dom;
	status->port = port;
	return hyp_event_channel_op(EVTCHNOP_status, status);
}

void evtchn_mask(evtchn_port_t port)
{
	if (port < EVTCHN_PORTS)
		atomic_set_bit64(&mask_words()[port / EVTCHN_WORD_BITS],
				 port % EVTCHN_WORD_BITS);
}

/* EVTCHNOP_unmask re-delivers an event that arrived while masked. */
long evtchn_unmask(evtchn_port_t port)
{
	struct evtchn_unmask op = { .port = port };

	if (port >= EVTCHN_PORTS)
		return -EINVAL;
	return hyp_event_channel_op(EVTCHNOP_unmask, &op);
}

bool evtchn_test_and_clear(evtchn_port_t port)
{
	volatile uint64_t *word;

	if (port >= EVTCHN_PORTS)
		return false;
	word = &pending_words()[port / EVTCHN_WORD_BITS];
	return atomic_test_and_clear_bit64(word, port % EVTCHN_WORD_BITS);
}

/*
 * Unmask each delayed port whose time has come; sleep until the next.
 * The hypercall is made with IRQs masked so that the slot cannot be
 * closed and its port rebound in between; an event it re-delivers is
 * taken when they are unmasked.
 */
static void unmasker_main(void *unused)
{
	unsigned long flags;
	unsigned int i;
	uint64_t now;
	int64_t wait;

	(void)unused;
	/* It may wait forever: it does not keep the machine on. */
	thread_background();
	for (;;) {
		wait = WAIT_FOREVER;
		now = sched_now_ms();
		flags = irq_save();
		for (i = 0; i < handler_count; i++) {
			struct port_handler *h = &handlers[i];

			if (!h->unmask_at)
				continue;
			if (h->unmask_at <= now) {
				h->unmask_at = 0;
				(void)evtchn_unmask(h->port);
			} else if (wait == WAIT_FOREVER ||
				   (int64_t)(h->unmask_at - now) < wait) {
				wait = (int64_t)(h->unmask_at - now);
			}
		}
		irq_restore(flags);
		(void)ksem_take(&unmasker_wake, wait);
	}
}

int evtchn_set_late_eoi(evtchn_port_t port)
{
	unsigned long flags = irq_save();
	struct port_handler *h;
	bool start = !unmasker_claimed;

	unmasker_claimed = true;
	irq_restore(flags);
	if (start) {
		ksem_init(&unmasker_wake, 0, 1);
		unmasker = thread_create("evtchn-unmask", unmasker_main, NULL,
					 UNMASKER_PRIORITY,
					 THREAD_STACK_DEFAULT);
		if (!unmasker) {
			unmasker_claimed = false;
			return -ENOMEM;
		}
	} else if (!unmasker) {
		return -EAGAIN;		/* another caller is starting it */
	}
	flags = irq_save();
	h = find(port);
	if (h)
		h->late_eoi = true;
	irq_restore(flags);
	return h ? 0 : -EINVAL;
}

bool evtchn_eoi(evtchn_port_t port, bool spurious)
{
	unsigned long flags = irq_save();
	struct port_handler *h = find(port);
	unsigned int delay = 0;
	bool warn = false;

	if (!h || !h->eoi_pending) {
		irq_restore(flags);
		return false;
	}
	h->eoi_pending = false;
	delay = evtchn_backoff_eoi(&h->backoff, spurious, &warn);
	if (delay)
		h->unmask_at = sched_now_ms() + delay;
	irq_restore(flags);
	if (warn)
		printk("xen: port %u fires without work: masked for up to "
		       "%u ms at a time\n", port, EVTCHN_BACKOFF_MAX_MS);
	if (delay)
		ksem_give(&unmasker_wake);
	else
		(void)evtchn_unmask(port);
	return true;
}
