/*
 * The orderly stop (`xl shutdown`, the shell's poweroff and reboot, the
 * last thread finishing): what must be made durable is synced, then the
 * machine stops (power.h), and the stop comes within SHUTDOWN_DEADLINE_MS
 * of the request whatever a driver or a backend does.
 *
 * The kernel does not know what needs syncing: the boot wiring hands in
 * the function (the block layer's block_sync_all), as it hands the timer
 * the scheduler's callback.
 */
#ifndef KERNEL_SHUTDOWN_H
#define KERNEL_SHUTDOWN_H

#include <stdint.h>

#include "kernel/power.h"

/* From the request to the stop, whatever the sync is doing. */
#define SHUTDOWN_DEADLINE_MS	8000
/* The sync's share ends this much earlier, so that it can say what it
 * gave up on before the stop. */
#define SHUTDOWN_SYNC_MARGIN_MS	1000

/* Sync what must be, within timeout_ms: 0 or an error (already printed). */
typedef int (*shutdown_sync_fn)(int64_t timeout_ms);

/*
 * Once at boot, before sched_start(): create the two threads the stop runs
 * on (created now, so that a stop never needs free memory).  0, or
 * -ENOMEM.
 */
int shutdown_init(shutdown_sync_fn sync);

/*
 * Ask for the orderly stop and return at once: from any thread or with
 * IRQs masked, and from the thread that delivers XenStore watches, which
 * must go on delivering the backends' state changes while the sync waits
 * for them.  The first request wins; later ones are ignored.  Before
 * shutdown_init(), machine_stop() at once.
 */
void shutdown_request(enum stop_reason why);

/* shutdown_request(), then wait for the stop (from a thread). */
void machine_shutdown(enum stop_reason why) __attribute__((noreturn));

#endif
