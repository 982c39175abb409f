/*
 * UDP: datagrams with addresses (sendto/recvfrom), and a connected
 * socket (send/recv, and connect(AF_UNSPEC) undoing it).
 */
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "tests/guest/sockets/sockets_test.h"

static struct sockaddr_in local(unsigned int port)
{
	return (struct sockaddr_in){
		.sin_family = AF_INET,
		.sin_port = htons((uint16_t)port),
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
}

static int bound(unsigned int port)
{
	struct sockaddr_in addr = local(port);
	struct timeval tv = { .tv_sec = 5 };
	int fd = socket(AF_INET, SOCK_DGRAM, 0);

	if (fd >= 0 &&
	    (bind(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0 ||
	     setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) < 0)) {
		close(fd);
		return -1;
	}
	return fd;
}

void check_udp(void)
{
	struct sockaddr_in to_b = local(PORT_UDP_B), to_a = local(PORT_UDP_A);
	struct sockaddr_in from = { 0 }, unspec = { .sin_family = AF_UNSPEC };
	socklen_t len = sizeof(from);
	struct pollfd p;
	char buf[64];
	ssize_t n;
	int a = bound(PORT_UDP_A), b = bound(PORT_UDP_B);
	bool ok;

	if (a < 0 || b < 0) {
		verdict("udp", false, "cannot bind 127.0.0.1 ports");
		close(a);
		close(b);
		return;
	}
	ok = sendto(a, "ping-datagram", 13, 0, (struct sockaddr *)&to_b,
		    sizeof(to_b)) == 13;
	n = ok ? recvfrom(b, buf, sizeof(buf), 0, (struct sockaddr *)&from,
			  &len) : -1;
	verdict("udp-sendto-recvfrom", n == 13 &&
		memcmp(buf, "ping-datagram", 13) == 0 && len == sizeof(from) &&
		from.sin_family == AF_INET && from.sin_port == htons(PORT_UDP_A) &&
		from.sin_addr.s_addr == htonl(INADDR_LOOPBACK),
		"the datagram, or its sender's address, came out wrong");

	/* The reply to where it came from, seen by poll() first. */
	sendto(b, "pong", 4, 0, (struct sockaddr *)&from, len);
	p = (struct pollfd){ .fd = a, .events = POLLIN };
	verdict("udp-reply", poll(&p, 1, 2000) == 1 &&
		recv(a, buf, sizeof(buf), 0) == 4 && memcmp(buf, "pong", 4) == 0,
		"the reply did not come back to the sender's port");

	/* A connected datagram socket: send()/recv(), and peers filtered. */
	ok = connect(a, (struct sockaddr *)&to_b, sizeof(to_b)) == 0 &&
	     send(a, "via-connect", 11, 0) == 11 &&
	     recv(b, buf, sizeof(buf), 0) == 11 &&
	     memcmp(buf, "via-connect", 11) == 0 &&
	     connect(a, (struct sockaddr *)&unspec, sizeof(unspec)) == 0 &&
	     sendto(a, "after", 5, 0, (struct sockaddr *)&to_b,
		    sizeof(to_b)) == 5 &&
	     recv(b, buf, sizeof(buf), 0) == 5;
	verdict("udp-connected", ok,
		"connect()ed send/recv or connect(AF_UNSPEC) failed");

	/* A datagram longer than the buffer: what fits, the rest dropped. */
	n = sendto(b, "0123456789", 10, 0, (struct sockaddr *)&to_a,
		   sizeof(to_a));
	verdict("udp-truncated", n == 10 && recv(a, buf, 4, 0) == 4 &&
		memcmp(buf, "0123", 4) == 0 &&
		recv(a, buf, sizeof(buf), MSG_DONTWAIT) == -1 &&
		errno == EAGAIN,
		"a long datagram was not cut to the buffer and dropped");
	close(a);
	close(b);
}
