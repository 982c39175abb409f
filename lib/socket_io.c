/*
 * Data on a socket: send, recv, sendto and recvfrom, on lwIP's socket
 * layer.  read() and write() on a socket are lwIP's directly (lib/fd.c,
 * lib/socket.c).
 */
#include "lib/lwip_socket.h"

#include <errno.h>
#include <sys/socket.h>

#include "lib/sockaddr.h"

/* What lwIP does; MSG_NOSIGNAL is taken and dropped (no signals). */
#define SEND_FLAGS	(MSG_DONTWAIT | MSG_MORE | MSG_NOSIGNAL)
#define RECV_FLAGS	(MSG_PEEK | MSG_DONTWAIT | MSG_WAITALL | MSG_NOSIGNAL)

static int fail(int err)
{
	errno = err;
	return -1;
}

ssize_t send(int fd, const void *buf, size_t len, int flags)
{
	if (flags & ~SEND_FLAGS)
		return fail(EOPNOTSUPP);
	return lwip_send(fd, buf, len, flags & ~MSG_NOSIGNAL);
}

ssize_t sendto(int fd, const void *buf, size_t len, int flags,
	       const struct sockaddr *to, socklen_t tolen)
{
	struct sockaddr_in in;
	int err;

	if (!to)
		return send(fd, buf, len, flags);
	if (flags & ~SEND_FLAGS)
		return fail(EOPNOTSUPP);
	err = sockaddr_in_read(to, tolen, &in);
	if (err)
		return fail(err);
	return lwip_sendto(fd, buf, len, flags & ~MSG_NOSIGNAL,
			   (const struct sockaddr *)&in, sizeof(in));
}

/*
 * MSG_WAITALL on a stream, which lwIP does not do: until len bytes, the
 * end of the stream, or an error (what came before it is returned).
 */
static ssize_t recv_all(int fd, char *buf, size_t len, int flags)
{
	size_t got = 0;
	ssize_t n;

	while (got < len) {
		n = lwip_recv(fd, buf + got, len - got, flags);
		if (n < 0 && got == 0)
			return -1;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	return (ssize_t)got;
}

static int is_stream(int fd)
{
	int type = 0;
	socklen_t len = sizeof(type);

	return lwip_getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) == 0 &&
	       type == SOCK_STREAM;
}

ssize_t recv(int fd, void *buf, size_t len, int flags)
{
	if (flags & ~RECV_FLAGS)
		return fail(EOPNOTSUPP);
	flags &= ~MSG_NOSIGNAL;
	if ((flags & MSG_WAITALL) && !(flags & MSG_PEEK) && is_stream(fd))
		return recv_all(fd, buf, len, flags & ~MSG_WAITALL);
	return lwip_recv(fd, buf, len, flags & ~MSG_WAITALL);
}

ssize_t recvfrom(int fd, void *buf, size_t len, int flags,
		 struct sockaddr *from, socklen_t *fromlen)
{
	struct sockaddr_in in = { 0 };
	socklen_t in_len = sizeof(in);
	int err = sockaddr_out_check(from, fromlen);
	ssize_t n;

	if (err)
		return fail(err);
	if (!from)
		return recv(fd, buf, len, flags);
	if (flags & ~RECV_FLAGS)
		return fail(EOPNOTSUPP);
	n = lwip_recvfrom(fd, buf, len, flags & ~(MSG_NOSIGNAL | MSG_WAITALL),
			  (struct sockaddr *)&in, &in_len);
	if (n >= 0)
		sockaddr_in_write(&in, from, fromlen);
	return n;
}
