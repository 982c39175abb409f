/*
 * socket(), and what a socket descriptor does through lib/fd.c's table
 * (read, write, close, fcntl, poll): lwIP's socket layer, whose numbers
 * are our descriptors (LWIP_SOCKET_OFFSET 3).  The first socket hands
 * these to the table; a program that makes none links none of lwIP's
 * socket code.
 */
#include "lib/lwip_socket.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <sys/socket.h>

#include "lib/errno_map.h"
#include "lib/fd.h"
#include "net/net.h"

/* lwIP's socket numbers must stay below the files' (lib/fd.h). */
_Static_assert(LWIP_SOCKET_OFFSET + MEMP_NUM_NETCONN <= FD_FIRST_FILE,
	       "sockets and files would share descriptor numbers");

static int fail(int err)
{
	errno = err;
	return -1;
}

/* FD_CLOEXEC is kept by no one: there is no exec. */
static int socket_fcntl(int fd, int cmd, int val)
{
	int flags = lwip_fcntl(fd, F_GETFL, 0);

	if (flags < 0)
		return -1;	/* EBADF */
	switch (cmd) {
	case F_GETFD:
	case F_SETFD:
		return 0;
	case F_GETFL:
		return flags;
	default:
		/* F_SETFL: O_NONBLOCK, or ENOSYS for any other flag. */
		return lwip_fcntl(fd, cmd, val);
	}
}

static bool socket_is_open(int fd)
{
	int saved = errno;
	bool open = lwip_fcntl(fd, F_GETFL, 0) >= 0;

	errno = saved;
	return open;
}

static const struct fd_socket_ops lwip_socket_ops = {
	.read = lwip_read,
	.write = lwip_write,
	.close = lwip_close,
	.fcntl = socket_fcntl,
	.poll = lwip_poll,
	.is_open = socket_is_open,
};

/* The protocol a type takes, 0 for its default; else EPROTONOSUPPORT. */
static int check_protocol(int type, int protocol)
{
	switch (type) {
	case SOCK_STREAM:
		return protocol == 0 || protocol == IPPROTO_TCP ? 0 :
		       EPROTONOSUPPORT;
	case SOCK_DGRAM:
		return protocol == 0 || protocol == IPPROTO_UDP ? 0 :
		       EPROTONOSUPPORT;
	case SOCK_RAW:
	case SOCK_SEQPACKET:
		return EPROTONOSUPPORT;
	default:
		return EINVAL;
	}
}

int socket(int domain, int type, int protocol)
{
	int flags = type & (SOCK_NONBLOCK | SOCK_CLOEXEC);
	int err, fd;

	type &= ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (domain != AF_INET)
		return fail(EAFNOSUPPORT);
	err = check_protocol(type, protocol);
	if (err)
		return fail(err);
	/* 127.0.0.1 works without a vif: the stack starts for the first
	 * socket if no vif started it. */
	err = errno_from_kernel(net_start());
	if (err)
		return fail(err);
	fd_set_socket_ops(&lwip_socket_ops);
	fd = lwip_socket(AF_INET, type, protocol);
	if (fd < 0)
		return -1;	/* ENFILE: all MEMP_NUM_NETCONN in use */
	if ((flags & SOCK_NONBLOCK) &&
	    lwip_fcntl(fd, F_SETFL, O_NONBLOCK) < 0) {
		err = errno;
		(void)lwip_close(fd);
		return fail(err);
	}
	return fd;
}
