/*
 * Which CPU each event channel notifies, as this guest asked Xen
 * (EVTCHNOP_bind_vcpu): one bit per port, set in exactly one CPU's
 * words.  The pending and mask words in the shared-info page belong to
 * the whole domain, while each vCPU has its own selector: a CPU that
 * scanned a pending word without this filter would take a port bound to
 * another vCPU (Linux's evtchn_2l active_evtchns filters the same way).
 * Pure code, so that the host unit tests run it; xen/events.c keeps the
 * one instance, under the kernel lock.
 */
#ifndef XEN_EVTCHN_BOUND_H
#define XEN_EVTCHN_BOUND_H

#include <stdint.h>

#include "boot/cpu.h"

/* The 2-level ABI: 64 words of 64 ports (Xen's public xen.h). */
#define EVTCHN_WORD_BITS	64
#define EVTCHN_WORDS		64
#define EVTCHN_PORTS		(EVTCHN_WORD_BITS * EVTCHN_WORDS)

struct evtchn_bound {
	uint64_t words[CPU_MAX][EVTCHN_WORDS];
};

/*
 * Every port on CPU 0: Xen binds a new port to vCPU 0 (event_channel.h,
 * EVTCHNOP_bind_vcpu note 3), and so are the ports a toolstack made for
 * us before we ran.  Port 0 included: Xen reserves it, so it never fires.
 */
void evtchn_bound_init(struct evtchn_bound *b);

/*
 * Put port on cpu, off whichever CPU had it: 0, or -EINVAL (nothing
 * changed) for port 0 (reserved by Xen), a port beyond the 2-level ABI's
 * 4095, or cpu >= CPU_MAX.
 */
int evtchn_bound_move(struct evtchn_bound *b, uint32_t port,
		      unsigned int cpu);

/*
 * The CPU port is bound to; -EINVAL for a port evtchn_bound_move()
 * refuses (or one on no CPU, which init and move never leave).
 */
int evtchn_bound_cpu(const struct evtchn_bound *b, uint32_t port);

/*
 * The lowest port >= from bound to cpu, or -1 when there is none (also
 * for cpu >= CPU_MAX).  Port 0 is never returned.
 */
int evtchn_bound_next(const struct evtchn_bound *b, unsigned int cpu,
		      uint32_t from);

/*
 * The ports of word w that cpu takes in its upcall: pending, not masked,
 * bound to it.  cpu < CPU_MAX and w < EVTCHN_WORDS.
 */
static inline uint64_t evtchn_bound_ready(const struct evtchn_bound *b,
					  unsigned int cpu, unsigned int w,
					  uint64_t pending, uint64_t mask)
{
	return pending & ~mask & b->words[cpu][w];
}

#endif
