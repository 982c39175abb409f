/*
 * The console through HYPERVISOR_console_io: dom0's console, and the
 * early one for any guest (Xen prints a domU's lines as "(dN) ..." when
 * its guest_loglvl allows).  Needs nothing but the hypercall.
 */
#include "xen/console_io.h"
#include "xen/hypercall.h"

/* Xen copies at most this much per call; longer writes loop. */
#define CHUNK 1024

static void console_io_write(const char *s, size_t len)
{
	while (len) {
		size_t n = len < CHUNK ? len : CHUNK;
		long done = hyp_console_io(CONSOLEIO_write, n, s);

		/* Nowhere to report a failure but here: drop the text. */
		if (done < 0)
			return;
		s += n;
		len -= n;
	}
}

static const struct console console_io = {
	.name = "xen-console-io",
	.write = console_io_write,
};

bool xen_console_io_allowed(void)
{
	/* Xen checks permission before length: an empty write asks. */
	return hyp_console_io(CONSOLEIO_write, 0, "") == 0;
}

const struct console *xen_console_io(void)
{
	return &console_io;
}
