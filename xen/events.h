/*
 * Event channels, 2-level ABI: pending and mask bitmaps in the shared-info
 * page, an upcall interrupt on the INTID the DT's /hypervisor names, and a
 * dispatch table of handlers by port.  Handlers run in interrupt context.
 * Every function returns a port (>= 0) or Xen's negative error.
 */
#ifndef XEN_EVENTS_H
#define XEN_EVENTS_H

#include <stdint.h>

#include "xen/hypercall.h"

typedef void (*evtchn_handler_t)(evtchn_port_t port, void *ctx);

int events_init(uint32_t upcall_intid);

/* Route port to handler (replacing any) and unmask it. */
int evtchn_set_handler(evtchn_port_t port, evtchn_handler_t handler,
		       void *ctx);

long evtchn_bind_virq(uint32_t virq, evtchn_handler_t handler, void *ctx);
long evtchn_alloc_unbound(domid_t remote, evtchn_handler_t handler,
			  void *ctx);
long evtchn_bind_interdomain(domid_t remote, evtchn_port_t remote_port,
			     evtchn_handler_t handler, void *ctx);
long evtchn_send(evtchn_port_t port);
long evtchn_close(evtchn_port_t port);
long evtchn_status(domid_t dom, evtchn_port_t port,
		   struct evtchn_status *status);
void evtchn_mask(evtchn_port_t port);
long evtchn_unmask(evtchn_port_t port);

/* Upcalls handled so far (for tests and benchmarks). */
uint64_t events_upcall_count(void);

#endif
