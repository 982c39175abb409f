/*
 * The toolstack's requests to the guest: "control/shutdown" set by
 * `xl shutdown` (poweroff), `xl reboot` (reboot).  We advertise what we
 * handle with control/feature-poweroff and feature-reboot.
 */
#ifndef XEN_CONTROL_H
#define XEN_CONTROL_H

/* Called before stopping, so the app can finish; may be NULL. */
typedef void (*control_notify_fn)(const char *request);

/*
 * Advertise feature-poweroff and feature-reboot and watch
 * control/shutdown: 0, or the failing XenStore call's error.
 */
int control_start(control_notify_fn notify);

#endif
