/*
 * vchan-echo: sends back all it reads from a vchan (<osprey/vchan.h>)
 * until the peer closes, then prints how many bytes that was.  Without
 * arguments it serves a vchan to dom0 at data/vchan in its own XenStore
 * home; with one, PATH, it is the client of the vchan dom0 serves there.
 *
 *   dom0$ vchan-socket-proxy DOMID /local/domain/DOMID/data/vchan -
 *   extra="-- /local/domain/0/data/vchan"      (for the client), and
 *   dom0$ vchan-socket-proxy -m server DOMID /local/domain/0/data/vchan -
 *
 * It reads and writes without blocking, with a buffer between: a peer
 * that writes all it has before it reads (as vchan-socket-proxy may)
 * never finds both sides waiting for the other.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <osprey/vchan.h>

#define SERVE_PATH	"data/vchan"
#define RING_SIZE	65536
#define BUFFER		65536
#define CONNECT_TRIES	600	/* 100 ms apart */

static char buffer[BUFFER];

static void pause_ms(long ms)
{
	struct timespec t = { ms / 1000, (ms % 1000) * 1000000 };

	nanosleep(&t, NULL);
}

/* Whether dom0's server may not have written its nodes yet: XenStore
 * says -EACCES, not -ENOENT, below a node we may not read. */
static int not_there_yet(int err)
{
	return err == -ENOENT || err == -EACCES;
}

/* The client's end, once dom0's server has written its nodes. */
static int connect_to(const char *path, struct osprey_vchan **v)
{
	int err = -ENOENT, i;

	for (i = 0; i < CONNECT_TRIES && not_there_yet(err); i++) {
		err = osprey_vchan_client(0, path, v);
		if (not_there_yet(err))
			pause_ms(100);
	}
	return err;
}

/* Echo until the peer closes: the bytes echoed, or a negative errno. */
static long echo(struct osprey_vchan *v)
{
	size_t start = 0, end = 0;	/* buffer[start, end) waits to go */
	long total = 0;
	ssize_t n, room;

	for (;;) {
		int moved = 0;

		if (start == end)
			start = end = 0;
		n = osprey_vchan_readable(v);
		if (n < 0)
			return n;
		if (n > 0 && end < BUFFER) {
			n = osprey_vchan_read(v, buffer + end,
					      (size_t)n < BUFFER - end ?
					      (size_t)n : BUFFER - end);
			if (n < 0)
				return n;
			end += (size_t)n;
			moved = 1;
		}
		room = osprey_vchan_writable(v);
		if (room < 0)
			return room;
		if (room > 0 && end > start) {
			n = osprey_vchan_write(v, buffer + start,
					       (size_t)room < end - start ?
					       (size_t)room : end - start);
			if (n < 0)
				return n == -EPIPE ? total : n;
			start += (size_t)n;
			total += n;
			moved = 1;
		}
		if (moved)
			continue;
		/* Nothing moved: the peer gone with nothing left, or wait. */
		if (osprey_vchan_peer_state(v) == 0 &&
		    osprey_vchan_readable(v) == 0)
			return total;
		(void)osprey_vchan_wait(v, OSPREY_VCHAN_READABLE |
				       (end > start ? OSPREY_VCHAN_WRITABLE : 0),
				       1000);
	}
}

int main(int argc, char **argv)
{
	struct osprey_vchan *v;
	const char *path = argc > 1 ? argv[1] : SERVE_PATH;
	long total;
	int err;

	if (argc > 1)
		err = connect_to(path, &v);
	else
		err = osprey_vchan_server(0, path, RING_SIZE, RING_SIZE, &v);
	if (err) {
		printf("vchan-echo: %s %s: %s\n", argc > 1 ? "connect to" :
		       "serve", path, strerror(-err));
		return 1;
	}
	printf("vchan-echo: %s %s\n", argc > 1 ? "connected to" : "serving",
	       path);
	total = echo(v);
	err = osprey_vchan_close(v);
	if (total < 0) {
		printf("vchan-echo: %s\n", strerror((int)-total));
		return 1;
	}
	printf("vchan-echo: peer closed after %ld bytes%s\n", total,
	       err ? ", close failed" : "");
	return 0;
}
