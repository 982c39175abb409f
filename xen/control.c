#include <string.h>

#include "kernel/printk.h"
#include "kernel/shutdown.h"
#include "xen/control.h"
#include "xen/xenstore.h"

/* Set once by control_start(). */
static control_notify_fn notify_app;

static void shutdown_changed(const char *path, void *ctx)
{
	char request[32];
	enum stop_reason why;

	(void)ctx;
	if (xs_read(XS_NO_TRANSACTION, path, request, sizeof(request)) < 0 ||
	    request[0] == '\0')
		return;		/* the watch's first firing, or our reset */
	if (strcmp(request, "poweroff") == 0 || strcmp(request, "halt") == 0) {
		why = STOP_POWEROFF;
	} else if (strcmp(request, "reboot") == 0) {
		why = STOP_REBOOT;
	} else {
		printk("control: request \"%s\" not supported\n", request);
		return;
	}
	/* Acknowledge by clearing it, as the toolstack expects.  A failed
	 * acknowledgement changes nothing: we stop anyway, and the
	 * toolstack sees the domain stop from Xen. */
	(void)xs_write(XS_NO_TRANSACTION, path, "");
	printk("control: shutdown requested: %s\n", request);
	if (notify_app)
		notify_app(request);
	/* Not machine_shutdown(): this is the thread that delivers the
	 * watches, among them a closing backend's, which the flushes of the
	 * stop may be waiting for. */
	shutdown_request(why);
}

int control_start(control_notify_fn notify)
{
	int err;

	notify_app = notify;
	err = xs_write(XS_NO_TRANSACTION, "control/feature-poweroff", "1");
	if (!err)
		err = xs_write(XS_NO_TRANSACTION, "control/feature-reboot",
			       "1");
	if (!err)
		err = xs_watch("control/shutdown", shutdown_changed, NULL);
	return err;
}
