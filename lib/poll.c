/*
 * poll() over the one descriptor table (lib/fd.h): the console's fds
 * are answered here, sockets by lwIP's poll, which lib/socket.c hands
 * in with the first socket.  The console raises no interrupt for input,
 * so a wait that watches stdin looks at it every FD_CONSOLE_POLL_MS and
 * waits on the sockets in between.
 */
#include <errno.h>
#include <poll.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "kernel/thread.h"
#include "lib/fd.h"

#define POLL_MAX_FDS	1024
#define POLL_STACK_FDS	16	/* sockets polled without a malloc */
#define NS_PER_MS	1000000u
#define IDLE_MS		1000	/* a wait nothing can end: look again */

static int fail(int err)
{
	errno = err;
	return -1;
}

/* What the console's fd has of events: stdin is readable when input
 * waits, stdout and stderr always writable. */
static short console_revents(int fd, short events)
{
	if (fd == STDIN_FILENO)
		return fd_console_ready() ? events & (POLLIN | POLLRDNORM) : 0;
	return events & (POLLOUT | POLLWRNORM);
}

/* lwIP reads POLLIN and POLLOUT only. */
static short socket_events(short events)
{
	short e = events & (POLLIN | POLLOUT);

	if (events & POLLRDNORM)
		e |= POLLIN;
	if (events & POLLWRNORM)
		e |= POLLOUT;
	return e;
}

/* What lwIP found, in the program's terms (asked-for names, and the
 * conditions that are always reported). */
static short socket_revents(short events, short found)
{
	short r = found & (POLLERR | POLLHUP | POLLNVAL);

	if (found & POLLIN)
		r |= events & (POLLIN | POLLRDNORM);
	if (found & POLLOUT)
		r |= events & (POLLOUT | POLLWRNORM);
	return r;
}

/*
 * lwIP's poll over sock[n] for at most timeout ms: 0 or more ready, or
 * -1 with errno.  lwIP does not know a closed socket from an open one
 * (without LWIP_NETCONN_FULLDUPLEX, it looks at the free slot), so each
 * fd is asked first: one that is no socket is marked POLLNVAL and left
 * out (lwIP skips a negative fd).  lwIP still stops, with -1 and
 * POLLNVAL, at one closed while we waited: that one is left out too, and
 * the rest looked at again without waiting.
 */
static int poll_sockets(struct pollfd *sock, nfds_t n, int timeout)
{
	const struct fd_socket_ops *ops = fd_socket_ops();
	nfds_t i, invalid = 0, closed;
	int ready = 0;

	for (i = 0; i < n; i++) {
		if (!ops || !ops->is_open(sock[i].fd)) {
			sock[i].fd = -1;
			invalid++;
		}
	}
	if (invalid)
		timeout = 0;	/* a POLLNVAL is ready */
	while (invalid < n) {
		ready = ops->poll(sock, n, timeout);
		if (ready >= 0)
			break;
		ready = 0;
		for (i = closed = 0; i < n; i++) {
			if (sock[i].fd >= 0 && (sock[i].revents & POLLNVAL)) {
				sock[i].fd = -1;
				closed++;
			}
		}
		if (!closed)
			return -1;	/* lwIP's errno: EAGAIN, EINTR */
		invalid += closed;
		timeout = 0;
	}
	for (i = 0; i < n; i++)
		if (sock[i].fd < 0)
			sock[i].revents = POLLNVAL;
	return ready + (int)invalid;
}

int poll(struct pollfd *fds, nfds_t nfds, int timeout)
{
	struct pollfd local[POLL_STACK_FDS], *sock = local;
	uint64_t deadline = 0, now;
	nfds_t i, j, nsock = 0;
	bool stdin_watched = false;
	int ready, wait_ms;

	if (nfds > POLL_MAX_FDS)
		return fail(EINVAL);
	if (nfds && !fds)
		return fail(EFAULT);
	for (i = 0; i < nfds; i++)
		nsock += fds[i].fd >= FD_FIRST_SOCKET;
	if (nsock > POLL_STACK_FDS) {
		sock = malloc(nsock * sizeof(*sock));
		if (!sock)
			return fail(ENOMEM);
	}
	if (timeout > 0)
		deadline = sched_now_ns() / NS_PER_MS + (uint64_t)timeout;
	for (;;) {
		ready = 0;
		for (i = j = 0; i < nfds; i++) {
			fds[i].revents = 0;
			if (fds[i].fd >= FD_FIRST_SOCKET) {
				sock[j].fd = fds[i].fd;
				sock[j++].events = socket_events(fds[i].events);
			} else if (fds[i].fd >= 0) {
				fds[i].revents = console_revents(fds[i].fd,
								 fds[i].events);
				stdin_watched |= fds[i].fd == STDIN_FILENO &&
						 (fds[i].events &
						  (POLLIN | POLLRDNORM));
				ready += fds[i].revents != 0;
			}
		}
		/* How long this round may wait: not at all once something
		 * is ready, and only a look's time while stdin is watched. */
		wait_ms = timeout;
		if (timeout > 0) {
			now = sched_now_ns() / NS_PER_MS;
			wait_ms = now < deadline ? (int)(deadline - now) : 0;
		}
		if (ready)
			wait_ms = 0;
		if (stdin_watched && (wait_ms < 0 || wait_ms > FD_CONSOLE_POLL_MS))
			wait_ms = FD_CONSOLE_POLL_MS;
		if (nsock) {
			if (poll_sockets(sock, nsock, wait_ms) < 0) {
				ready = -1;
				break;
			}
			for (i = j = 0; i < nfds; i++) {
				if (fds[i].fd < FD_FIRST_SOCKET)
					continue;
				fds[i].revents = socket_revents(fds[i].events,
								sock[j++].revents);
				ready += fds[i].revents != 0;
			}
		} else if (!ready && wait_ms != 0) {
			thread_sleep_ms(wait_ms > 0 ? (uint64_t)wait_ms : IDLE_MS);
		}
		if (ready || timeout == 0)
			break;
		if (timeout > 0 && sched_now_ns() / NS_PER_MS >= deadline)
			break;
	}
	if (sock != local)
		free(sock);
	return ready;
}
