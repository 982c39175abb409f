#include "xen/console_out.h"

static void write_bytes(struct console_out *c, const char *s, size_t len)
{
	while (len && !c->corrupt) {
		long n = console_ring_write(c->ring, s, len);

		if (n < 0) {
			/* A backend moving out_cons past out_prod: stop
			 * trusting the ring rather than write outside it. */
			c->corrupt = true;
			break;
		}
		if (n) {
			c->notify(c->ctx);
			s += n;
			len -= (size_t)n;
		} else if (c->wait(c->ctx)) {
			break;
		}
	}
	c->dropped += len;
}

/* Terminals attached by `xl console` want CRLF. */
void console_out_write(struct console_out *c, const char *s, size_t len)
{
	size_t start = 0, i;

	for (i = 0; i < len; i++) {
		if (s[i] != '\n')
			continue;
		write_bytes(c, s + start, i - start);
		write_bytes(c, "\r\n", 2);
		start = i + 1;
	}
	write_bytes(c, s + start, len - start);
}
