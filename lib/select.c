/*
 * select() and pselect() (picolibc's <sys/select.h>) on poll(): the same
 * descriptors, console and sockets.  As Linux: readable is POLLIN,
 * POLLHUP or POLLERR; writable POLLOUT or POLLERR; an exception POLLPRI.
 * The timeout is not updated.  pselect()'s signal mask is not used:
 * there are no signals.
 */
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stddef.h>
#include <sys/select.h>
#include <time.h>

static int fail(int err)
{
	errno = err;
	return -1;
}

/* Milliseconds, rounded up, for poll(); -1 for none; -2 if invalid. */
static int wait_ms(long long sec, long long frac, long long per_ms,
		   long long per_s)
{
	if (sec < 0 || frac < 0 || frac >= per_s)
		return -2;
	if (sec >= INT_MAX / 1000)
		return INT_MAX;
	return (int)(sec * 1000 + (frac + per_ms - 1) / per_ms);
}

static int select_ms(int n, fd_set *rd, fd_set *wr, fd_set *ex, int timeout)
{
	struct pollfd pfd[FD_SETSIZE];
	nfds_t count = 0, i;
	short events;
	int fd, ready;

	if (n < 0 || n > FD_SETSIZE || timeout < -1)
		return fail(EINVAL);
	for (fd = 0; fd < n; fd++) {
		events = (rd && FD_ISSET(fd, rd) ? POLLIN : 0) |
			 (wr && FD_ISSET(fd, wr) ? POLLOUT : 0) |
			 (ex && FD_ISSET(fd, ex) ? POLLPRI : 0);
		if (events)
			pfd[count++] = (struct pollfd){ .fd = fd,
							.events = events };
	}
	if (poll(pfd, count, timeout) < 0)
		return -1;
	/* As POSIX says: an fd that is not open fails it all, the sets
	 * left as they were. */
	for (i = 0; i < count; i++)
		if (pfd[i].revents & POLLNVAL)
			return fail(EBADF);
	for (fd = 0; fd < n; fd++) {
		if (rd)
			FD_CLR(fd, rd);
		if (wr)
			FD_CLR(fd, wr);
		if (ex)
			FD_CLR(fd, ex);
	}
	ready = 0;
	for (i = 0; i < count; i++) {
		fd = pfd[i].fd;
		/* The sets are tested again for the analyzer: an event was
		 * asked only of a set that is there. */
		if (rd && (pfd[i].events & POLLIN) &&
		    (pfd[i].revents & (POLLIN | POLLHUP | POLLERR))) {
			FD_SET(fd, rd);
			ready++;
		}
		if (wr && (pfd[i].events & POLLOUT) &&
		    (pfd[i].revents & (POLLOUT | POLLERR))) {
			FD_SET(fd, wr);
			ready++;
		}
		if (ex && (pfd[i].events & POLLPRI) &&
		    (pfd[i].revents & POLLPRI)) {
			FD_SET(fd, ex);
			ready++;
		}
	}
	return ready;
}

int select(int n, fd_set *rd, fd_set *wr, fd_set *ex, struct timeval *tv)
{
	int ms = tv ? wait_ms(tv->tv_sec, tv->tv_usec, 1000, 1000000) : -1;

	return select_ms(n, rd, wr, ex, ms);
}

int pselect(int n, fd_set *rd, fd_set *wr, fd_set *ex,
	    const struct timespec *ts, const sigset_t *mask)
{
	int ms = ts ? wait_ms(ts->tv_sec, ts->tv_nsec, 1000000, 1000000000) :
		 -1;

	(void)mask;
	return select_ms(n, rd, wr, ex, ms);
}
