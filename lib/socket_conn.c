/*
 * A socket's addresses and connection: bind, listen, accept, connect,
 * shutdown, getsockname and getpeername, on lwIP's socket layer.  The
 * program's addresses are checked and copied here (lib/sockaddr.h), so
 * that lwIP gets aligned, whole ones and POSIX's errors are the ones
 * given.
 */
#include "lib/lwip_socket.h"

#include <errno.h>
#include <sys/socket.h>

#include "lib/sockaddr.h"

static int fail(int err)
{
	errno = err;
	return -1;
}

int bind(int fd, const struct sockaddr *addr, socklen_t len)
{
	struct sockaddr_in in;
	int err = sockaddr_in_read(addr, len, &in);

	if (err)
		return fail(err);
	return lwip_bind(fd, (const struct sockaddr *)&in, sizeof(in));
}

int listen(int fd, int backlog)
{
	return lwip_listen(fd, backlog);
}

int accept(int fd, struct sockaddr *addr, socklen_t *len)
{
	struct sockaddr_in in;
	socklen_t in_len = sizeof(in);
	int err = sockaddr_out_check(addr, len);
	int conn;

	if (err)
		return fail(err);
	conn = lwip_accept(fd, (struct sockaddr *)&in, &in_len);
	if (conn >= 0)
		sockaddr_in_write(&in, addr, len);
	return conn;
}

int connect(int fd, const struct sockaddr *addr, socklen_t len)
{
	struct sockaddr_in in = { 0 };
	int err = sockaddr_in_read(addr, len, &in);

	/* AF_UNSPEC undoes a datagram socket's connect(). */
	if (err == EAFNOSUPPORT && in.sin_family == AF_UNSPEC)
		err = 0;
	if (err)
		return fail(err);
	if (lwip_connect(fd, (const struct sockaddr *)&in, sizeof(in)) == 0)
		return 0;
	/* A reset answering our SYN: nothing listens there. */
	if (errno == ECONNRESET)
		errno = ECONNREFUSED;
	return -1;
}

int shutdown(int fd, int how)
{
	if (how != SHUT_RD && how != SHUT_WR && how != SHUT_RDWR)
		return fail(EINVAL);
	return lwip_shutdown(fd, how);
}

/* name: lwip_getsockname or lwip_getpeername. */
static int get_name(int (*name)(int, struct sockaddr *, socklen_t *),
		    int fd, struct sockaddr *addr, socklen_t *len)
{
	struct sockaddr_in in;
	socklen_t in_len = sizeof(in);
	int err = sockaddr_out_check(addr, len);

	if (!addr)
		err = EFAULT;
	if (err)
		return fail(err);
	if (name(fd, (struct sockaddr *)&in, &in_len) < 0)
		return -1;
	sockaddr_in_write(&in, addr, len);
	return 0;
}

int getsockname(int fd, struct sockaddr *addr, socklen_t *len)
{
	return get_name(lwip_getsockname, fd, addr, len);
}

int getpeername(int fd, struct sockaddr *addr, socklen_t *len)
{
	return get_name(lwip_getpeername, fd, addr, len);
}
