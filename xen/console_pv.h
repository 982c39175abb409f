/*
 * The PV console: the ring page and event channel the toolstack gives a
 * domU (HVM_PARAM_CONSOLE_PFN / _EVTCHN), served by xenconsoled and shown
 * by `xl console`.  Absent for dom0 and for dom0less guests.
 */
#ifndef XEN_CONSOLE_PV_H
#define XEN_CONSOLE_PV_H

#include <stddef.h>
#include <stdint.h>

#include "kernel/printk.h"

/* The console, or NULL when the toolstack gave none (or setup failed). */
const struct console *xen_console_pv_start(void);

/* Pending input, up to len bytes; < 0 if the ring is corrupt. */
long xen_console_pv_read(char *buf, size_t len);

/* Bytes dropped because the backend never made room (normally 0). */
uint64_t xen_console_pv_dropped(void);

#endif
