/*
 * poll() (lib/poll.c) over the one descriptor table: sockets, and the
 * console (stdin readable when typed input waits, stdout and stderr
 * always writable).  Linux's layout and numbers.  A closed peer shows
 * as POLLIN (read() then returns 0), not POLLHUP.
 */
#ifndef _POLL_H
#define _POLL_H

#ifdef __cplusplus
extern "C" {
#endif

typedef unsigned long nfds_t;

struct pollfd {
	int fd;
	short events;
	short revents;
};

#define POLLIN		0x001
#define POLLPRI		0x002
#define POLLOUT		0x004
#define POLLERR		0x008
#define POLLHUP		0x010
#define POLLNVAL	0x020
#define POLLRDNORM	0x040
#define POLLRDBAND	0x080
#define POLLWRNORM	0x100
#define POLLWRBAND	0x200

/* The number of entries with revents set, 0 after timeout ms (-1: no
 * limit), or -1 with errno: EINVAL for more than 1024 entries, ENOMEM.
 * An fd that is not open gets POLLNVAL; a negative one is skipped. */
int poll(struct pollfd *fds, nfds_t nfds, int timeout);

#ifdef __cplusplus
}
#endif

#endif
