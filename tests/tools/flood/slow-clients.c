/*
 * slow-clients IP PORT N SECS [GAP_MS]: N+1 TCP connections to IP:PORT
 * held for SECS seconds: N slow clients that each send one byte ('x')
 * every GAP_MS milliseconds (default 4900: under a 5 s receive timeout),
 * and one idle client that connects and sends nothing.  A request that
 * never ends ties up a server that waits for the rest of it.  Then
 *
 *   slow-clients: N+1 to IP:PORT (N slow, 1 idle): C connected,
 *   K closed by the peer, H held SECS s, B bytes sent
 *
 * Once no connection is still being opened, it says so at once:
 *
 *   slow-clients: C of N+1 connected after T s
 *
 * and at the end, a line for each connection the peer closed or that
 * never opened:
 *
 *   slow-clients: #I (slow|idle) closed by the peer after T s (WHY)
 *
 * Connections are opened together (non-blocking, 10 s each at most) and
 * all closed at the end.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "tests/tools/flood/flood.h"

#define CLIENTS_MAX	64
#define CONNECT_SECS	10

enum state { CONNECTING, OPEN, CLOSED, FAILED };

struct client {
	int fd;
	enum state state;
	double next_send, ended;
	int why;		/* errno, or 0 for an orderly close */
};

static const char *kind(unsigned long i, unsigned long slow)
{
	return i < slow ? "slow" : "idle";
}

/* The peer closed C, or reset it: no more sends. */
static void closed(struct client *c, int why, double t)
{
	c->state = c->state == CONNECTING ? FAILED : CLOSED;
	c->why = why;
	c->ended = t;
}

int main(int argc, char **argv)
{
	static struct client clients[CLIENTS_MAX + 1];
	struct sockaddr_in to = { .sin_family = AF_INET };
	unsigned long slow, secs, gap_ms = 4900, n, i, bytes = 0;
	unsigned long connected = 0, peer_closed = 0, held = 0, pending;
	bool told = false;
	struct pollfd fds[CLIENTS_MAX + 1];
	socklen_t len;
	char buf[256];
	double t0, t;
	ssize_t got;
	int err;

	if (argc != 5 && argc != 6)
		flood_die("usage: slow-clients IP PORT N SECS [GAP_MS]");
	to.sin_addr = flood_address(argv[1], "slow-clients");
	to.sin_port = htons((uint16_t)flood_number(argv[2], 1, 65535,
						   "slow-clients port"));
	slow = flood_number(argv[3], 0, CLIENTS_MAX, "slow-clients N");
	secs = flood_number(argv[4], 1, FLOOD_SECS_MAX, "slow-clients secs");
	if (argc == 6)
		gap_ms = flood_number(argv[5], 10, 60000, "slow-clients gap");
	n = slow + 1;
	flood_deadline(secs + 10);

	t0 = flood_now();
	for (i = 0; i < n; i++) {
		struct client *c = &clients[i];

		c->fd = socket(AF_INET, SOCK_STREAM, 0);
		if (c->fd < 0 || fcntl(c->fd, F_SETFL, O_NONBLOCK))
			flood_die("slow-clients: socket: %s", strerror(errno));
		c->state = CONNECTING;
		c->next_send = t0;
		if (connect(c->fd, (struct sockaddr *)&to, sizeof(to)) &&
		    errno != EINPROGRESS)
			closed(c, errno, t0);
	}

	for (t = t0; t - t0 < (double)secs; t = flood_now()) {
		for (i = 0; i < n; i++) {
			fds[i].fd = clients[i].state <= OPEN ? clients[i].fd
							       : -1;
			fds[i].events = clients[i].state == CONNECTING ?
					POLLOUT : POLLIN;
		}
		if (poll(fds, n, 100) < 0 && errno != EINTR)
			flood_die("slow-clients: poll: %s", strerror(errno));
		t = flood_now();
		for (i = 0, pending = 0; i < n; i++) {
			struct client *c = &clients[i];

			if (c->state == CONNECTING) {
				if (fds[i].revents) {
					len = sizeof(err);
					if (getsockopt(c->fd, SOL_SOCKET,
						       SO_ERROR, &err, &len) ||
					    err) {
						closed(c, err ? err : errno, t);
						continue;
					}
					c->state = OPEN;
					connected++;
				} else if (t - t0 > CONNECT_SECS) {
					closed(c, ETIMEDOUT, t);
				} else {
					pending++;
				}
				continue;
			}
			if (c->state != OPEN)
				continue;
			if (fds[i].revents) {
				got = recv(c->fd, buf, sizeof(buf), 0);
				if (got == 0 || (got < 0 && errno != EAGAIN)) {
					closed(c, got ? errno : 0, t);
					peer_closed++;
					continue;
				}
			}
			if (i < slow && t >= c->next_send) {
				if (send(c->fd, "x", 1, MSG_NOSIGNAL) == 1)
					bytes++;
				c->next_send = t + (double)gap_ms / 1000;
			}
		}
		/* For a caller that must know the clients are in place. */
		if (!pending && !told) {
			printf("slow-clients: %lu of %lu connected after %.1f s\n",
			       connected, n, t - t0);
			fflush(stdout);
			told = true;
		}
	}

	for (i = 0; i < n; i++) {
		struct client *c = &clients[i];

		if (c->state == OPEN)
			held++;
		else
			printf("slow-clients: #%lu (%s) %s after %.1f s (%s)\n",
			       i, kind(i, slow), c->state == FAILED ?
			       "never connected" : "closed by the peer",
			       c->ended - t0, c->why ? strerror(c->why) :
			       "orderly close");
		close(c->fd);
	}
	printf("slow-clients: %lu to %s:%s (%lu slow, 1 idle): %lu connected, "
	       "%lu closed by the peer, %lu held %lu s, %lu bytes sent\n", n,
	       argv[1], argv[2], slow, connected, peer_closed, held, secs,
	       bytes);
	return 0;
}
