/*
 * Event channels, 2-level ABI: pending and mask bitmaps in the shared-info
 * page, an upcall interrupt on the INTID the DT's /hypervisor names, and a
 * dispatch table of handlers by port.  Handlers run in interrupt context,
 * under the kernel lock, on the CPU the port is bound to (CPU 0 unless
 * evtchn_bind_vcpu() moved it).  The bitmaps are this file's alone:
 * other code asks through the functions here.  Results are >= 0 or a
 * negative errno: ours (-EINVAL for a port beyond the 2-level ABI's 4096,
 * -ENOSPC for a full dispatch table) or Xen's for a refused EVTCHNOP.
 */
#ifndef XEN_EVENTS_H
#define XEN_EVENTS_H

#include <stdbool.h>
#include <stdint.h>

#include "xen/hypercall.h"

typedef void (*evtchn_handler_t)(evtchn_port_t port, void *ctx);

/* Mask every port and take the upcall: 0, or irq_connect's error. */
int events_init(uint32_t upcall_intid);

/*
 * Route port to handler (replacing any) and unmask it: 0, -EINVAL,
 * -ENOSPC, or Xen's error from EVTCHNOP_unmask.
 */
int evtchn_set_handler(evtchn_port_t port, evtchn_handler_t handler,
		       void *ctx);

/*
 * As evtchn_set_handler, but only for a port nobody routes yet: -EBUSY
 * when one does (a program claiming a port must not take the kernel's
 * XenStore or a frontend's).  evtchn_release() gives it back: its handler
 * forgotten, the port masked, the channel left open (a static channel,
 * which Xen set up before we started, cannot be made again).
 */
int evtchn_claim(evtchn_port_t port, evtchn_handler_t handler, void *ctx);
void evtchn_release(evtchn_port_t port);

/*
 * Bind, and route the new port to handler when one is given.  Each
 * returns the port (>= 0); Xen's error, logged; or evtchn_set_handler's
 * (the port then stays bound, without a handler, masked).
 */
long evtchn_bind_virq(uint32_t virq, evtchn_handler_t handler, void *ctx);
/*
 * remote may be DOMID_SELF: evtchn_bind_interdomain(DOMID_SELF, that
 * port) then gives the other end of a loopback pair (XSM SILO allows a
 * domain's channel to itself).  Xen marks the new end pending once as it
 * binds it, so a handler given there runs once at once.
 */
long evtchn_alloc_unbound(domid_t remote, evtchn_handler_t handler,
			  void *ctx);
long evtchn_bind_interdomain(domid_t remote, evtchn_port_t remote_port,
			     evtchn_handler_t handler, void *ctx);

/* Notify the other end: 0, or Xen's error (-EINVAL: the port is not open). */
long evtchn_send(evtchn_port_t port);
/*
 * Forget the port's handler, mask it and close it: 0, or Xen's error
 * (the handler is gone and the port masked either way).
 */
long evtchn_close(evtchn_port_t port);
/*
 * Have port notify CPU cpu (an index in boot/cpu.h's cpus[]) from now:
 * its handler then runs there.  An event pending meanwhile is delivered
 * to the new CPU.  A port that was masked stays masked; others are
 * unmasked again.  0; -EINVAL for port 0 or beyond 4095, or for a cpu
 * >= CPU_MAX or not CPU_ONLINE (or online without a vcpu_info); or Xen's
 * error, logged (-EINVAL for a per-vCPU VIRQ, which cannot move; the
 * port then stays where it was).  evtchn_close() puts a port back on
 * CPU 0, where Xen puts it.
 */
int evtchn_bind_vcpu(evtchn_port_t port, unsigned int cpu);

/*
 * Move every port bound to cpu back to CPU 0 (events pending on them are
 * delivered there), for a CPU going down: called after its state has left
 * CPU_ONLINE, so that no port comes to it after, and before it turns off.
 * From any CPU.  0; -EINVAL for CPU 0 or cpu >= CPU_MAX; or the first of
 * evtchn_bind_vcpu()'s errors (the others are moved all the same).
 */
int xen_cpu_dying(unsigned int cpu);

/* Fill *status for dom's port: 0, or Xen's error (-EPERM for another
 * domain's port without privilege). */
long evtchn_status(domid_t dom, evtchn_port_t port,
		   struct evtchn_status *status);

/* No result: setting a bit cannot fail; ports beyond 4095 are ignored. */
void evtchn_mask(evtchn_port_t port);
/*
 * Unmask, Xen re-delivering an event that came while masked: 0, -EINVAL,
 * or Xen's error.
 */
long evtchn_unmask(evtchn_port_t port);

/*
 * Late EOI, against event storms (Linux's lateeoi, XSA-391): from now,
 * each event masks port before its handler runs, and the port stays
 * masked until its owner, having looked for work on its thread, calls
 * evtchn_eoi.  Events that come meanwhile wait, pending.  For a port
 * whose handler only wakes a thread.  0; -EINVAL for a port without a
 * handler; -ENOMEM (or -EAGAIN while another caller starts it) when the
 * thread that unmasks delayed ports cannot start: the port then works as
 * before, without late EOI.
 */
int evtchn_set_late_eoi(evtchn_port_t port);
/*
 * The owner of a late-EOI port looked for work after an event and found
 * none (spurious) or some.  The port is unmasked now, or, after several
 * events in a row without work, after a delay that grows to a cap
 * (xen/evtchn_backoff.h; the first delay is logged).  From a thread.
 * True if an event waited for this EOI; false, and nothing done, for a
 * port without an event since the last EOI (so calling it after every
 * pass is fine) or without late EOI.
 */
bool evtchn_eoi(evtchn_port_t port, bool spurious);

/*
 * Whether port has an event pending, clearing it if so: for a port left
 * masked, without a handler, that its owner polls where it cannot take
 * the upcall (the PV console waits for room inside printk, IRQs masked).
 * False for a port beyond 4095.
 */
bool evtchn_test_and_clear(evtchn_port_t port);

#endif
