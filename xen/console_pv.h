/*
 * The PV console: the ring page and event channel the toolstack gives a
 * domU (HVM_PARAM_CONSOLE_PFN / _EVTCHN), served by xenconsoled and shown
 * by `xl console`.  Absent for dom0 and for dom0less guests.
 */
#ifndef XEN_CONSOLE_PV_H
#define XEN_CONSOLE_PV_H

#include <stddef.h>

#include "kernel/printk.h"

/*
 * The console, or NULL when the toolstack gave none (no HVM_PARAM_CONSOLE_
 * PFN or _EVTCHN) or its page cannot be mapped.
 */
const struct console *xen_console_pv_start(void);

/*
 * Pending input, up to len bytes: how many (0: none), or -EIO before
 * xen_console_pv_start or once the backend has corrupted the ring.
 */
long xen_console_pv_read(char *buf, size_t len);

#endif
