#include <stdio.h>

#include "xen/console_out.h"

static void write_bytes(struct console_out *c, const char *s, size_t len)
{
	while (len && !c->corrupt && !c->stalled) {
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
			c->stalled = true;
			break;
		}
	}
	c->dropped += len;
	if (c->stalled)
		c->lost += len;
}

/*
 * Stalled: resume once the backend has made room for the report of what
 * was lost, so that the console itself shows the gap.  The report starts
 * on a line of its own: the stall may have cut a line short.
 */
static void try_resume(struct console_out *c)
{
	char note[64];
	int n = snprintf(note, sizeof(note),
			 "\r\nconsole: %llu bytes dropped\r\n",
			 (unsigned long long)c->lost);
	long room = console_ring_room(c->ring);

	if (room < 0) {
		c->corrupt = true;
		return;
	}
	if (room < n)
		return;
	if (console_ring_write(c->ring, note, (size_t)n) != n) {
		/* Only a corrupt ring takes less than the room it has. */
		c->corrupt = true;
		return;
	}
	c->notify(c->ctx);
	c->stalled = false;
	c->lost = 0;
}

/* Terminals attached by `xl console` want CRLF. */
void console_out_write(struct console_out *c, const char *s, size_t len)
{
	size_t start = 0, i;

	if (c->stalled && !c->corrupt)
		try_resume(c);
	for (i = 0; i < len; i++) {
		if (s[i] != '\n')
			continue;
		write_bytes(c, s + start, i - start);
		write_bytes(c, "\r\n", 2);
		start = i + 1;
	}
	write_bytes(c, s + start, len - start);
}
