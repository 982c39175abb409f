/*
 * Event channels a program owns: Xen's doorbells between domains.  A
 * notify on one end marks the other end pending and interrupts its
 * domain; notifies that come before the other end looks are merged into
 * one, so an event says "look", never "how many".
 *
 * What a program opens is a channel already connected: a dom0less
 * domain's static event channel ("xen,evtchn" nodes under the domains'
 * nodes in the host DT, which Xen connects before either domain starts).
 * Xen does not put it in the guest's DT, so the program is told its port
 * number, in its arguments or in bootargs.
 *
 * Results are >= 0, or a negative errno value of <errno.h>:
 *
 *   -ENODEV    not on Xen, or Xen without event channels (no /hypervisor
 *              node in the DT: a dom0less domain needs xen,enhanced,
 *              "no-xenstore" is enough)
 *   -EINVAL    port 0 or beyond the 2-level ABI's 4095
 *   -ENOTCONN  the port is not connected to another domain (unbound,
 *              closed, or a kernel port such as a virtual IRQ)
 *   -EBUSY     the kernel (XenStore, a device) or the program has the
 *              port open already
 *   -EBADF     the program has not opened the port
 *   -EMFILE    OSPREY_EVTCHN_MAX ports are open
 *   -ETIMEDOUT no event within the time limit
 */
#ifndef OSPREY_EVTCHN_H
#define OSPREY_EVTCHN_H

#ifdef __cplusplus
extern "C" {
#endif

#define OSPREY_EVTCHN_MAX	8

/* The other end, as Xen reports it (EVTCHNOP_status). */
struct osprey_evtchn_peer {
	unsigned int domid;
	unsigned int port;
};

/*
 * Take port's events from now on; *peer (may be NULL) gets the other
 * end.  An event that came before the open is delivered to the first
 * wait: 0.
 */
int osprey_evtchn_open(unsigned int port, struct osprey_evtchn_peer *peer);

/* Ring the other end's doorbell: 0. */
int osprey_evtchn_notify(unsigned int port);

/*
 * Wait for an event on port for at most timeout_ms (0: only look, < 0:
 * for ever): how many came since the last wait (>= 1; merged events
 * count once), or -ETIMEDOUT.  One thread waits on a port at a time.
 */
int osprey_evtchn_wait(unsigned int port, int timeout_ms);

/*
 * Give the port back: its events are held by Xen, pending, until it is
 * opened again.  The channel stays connected.  0.
 */
int osprey_evtchn_close(unsigned int port);

#ifdef __cplusplus
}
#endif

#endif
