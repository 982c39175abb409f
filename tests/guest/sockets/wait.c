/*
 * Waiting: poll() and select() on sockets and the console, O_NONBLOCK,
 * SO_RCVTIMEO; and the socket options.
 */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "tests/guest/sockets/sockets_test.h"

#define TYPED_LINE	"typed-for-poll\n"
#define STDIN_WAIT_MS	30000	/* the boot test types within seconds */

/* A wait of `want` ms took that long: not less, and not seconds more. */
static bool took(uint64_t since, unsigned int want)
{
	uint64_t ms = now_ms() - since;

	return ms + 5 >= want && ms < want + 2000;
}

void check_stdin(void)
{
	struct pollfd con[3] = {
		{ .fd = STDIN_FILENO, .events = POLLIN },
		{ .fd = STDOUT_FILENO, .events = POLLOUT },
		{ .fd = STDERR_FILENO, .events = POLLOUT | POLLIN },
	};
	struct timeval zero = { 0 }, short_wait = { .tv_usec = 100000 };
	fd_set rd, wr;
	char line[64] = "";
	ssize_t n;
	uint64_t t0;
	int ready;

	printf("sockets: type a line\n");
	ready = poll(con, 1, STDIN_WAIT_MS);
	verdict("poll-stdin-ready", ready == 1 && con[0].revents == POLLIN,
		"typed input did not make stdin readable");
	FD_ZERO(&rd);
	FD_SET(STDIN_FILENO, &rd);
	verdict("select-stdin-ready", select(1, &rd, NULL, NULL, &zero) == 1 &&
		FD_ISSET(STDIN_FILENO, &rd),
		"select() did not see the input poll() saw");
	n = read(STDIN_FILENO, line, sizeof(line) - 1);
	verdict("stdin-read", n == (ssize_t)strlen(TYPED_LINE) &&
		strncmp(line, TYPED_LINE, (size_t)n) == 0,
		"read() after poll() did not give the typed line");
	/* Taken: stdin waits again; stdout and stderr are writable (not
	 * readable). */
	t0 = now_ms();
	ready = poll(con, 3, 100);
	verdict("poll-console", ready == 2 && con[0].revents == 0 &&
		con[1].revents == POLLOUT && con[2].revents == POLLOUT &&
		now_ms() - t0 < 100,
		"stdout and stderr not writable at once, or stdin readable");
	t0 = now_ms();
	verdict("poll-stdin-timeout", poll(con, 1, 100) == 0 &&
		con[0].revents == 0 && took(t0, 100),
		"stdin without input: poll() did not wait 100 ms for nothing");
	FD_ZERO(&rd);
	FD_ZERO(&wr);
	FD_SET(STDIN_FILENO, &rd);
	FD_SET(STDOUT_FILENO, &wr);
	verdict("select-console", select(2, &rd, &wr, NULL, &short_wait) == 1 &&
		!FD_ISSET(STDIN_FILENO, &rd) && FD_ISSET(STDOUT_FILENO, &wr),
		"select(): stdout not writable, or stdin readable");
}

struct delayed {
	int fd;
	unsigned int ms;
};

static void *send_later(void *arg)
{
	struct delayed *d = arg;
	struct timespec ts = { .tv_sec = d->ms / 1000,
			       .tv_nsec = (long)(d->ms % 1000) * 1000000 };

	nanosleep(&ts, NULL);
	send(d->fd, "!", 1, 0);
	return NULL;
}

void check_poll(void)
{
	struct pollfd p[3];
	struct delayed later;
	pthread_t thread;
	uint64_t t0;
	char c;
	int client, server, closed, ready;

	if (tcp_pair(&client, &server) < 0) {
		verdict("poll", false, "no connection");
		return;
	}
	p[0] = (struct pollfd){ .fd = server, .events = POLLIN };
	t0 = now_ms();
	verdict("poll-timeout", poll(p, 1, 200) == 0 && p[0].revents == 0 &&
		took(t0, 200), "nothing to read: poll() did not wait 200 ms");

	p[0] = (struct pollfd){ .fd = client, .events = POLLOUT };
	verdict("poll-writable", poll(p, 1, 0) == 1 && p[0].revents == POLLOUT,
		"a connected socket not writable");

	send(client, "x", 1, 0);
	p[0] = (struct pollfd){ .fd = server, .events = POLLIN | POLLRDNORM };
	verdict("poll-readable", poll(p, 1, 1000) == 1 &&
		p[0].revents == (POLLIN | POLLRDNORM) &&
		recv(server, &c, 1, 0) == 1,
		"data waiting: not POLLIN | POLLRDNORM");

	/* Woken by the data, long before the timeout. */
	later = (struct delayed){ .fd = client, .ms = 100 };
	p[0] = (struct pollfd){ .fd = server, .events = POLLIN };
	if (pthread_create(&thread, NULL, send_later, &later) != 0) {
		verdict("poll-wakes", false, "no thread");
	} else {
		t0 = now_ms();
		ready = poll(p, 1, 5000);
		pthread_join(thread, NULL);
		verdict("poll-wakes", ready == 1 && p[0].revents == POLLIN &&
			took(t0, 100) && recv(server, &c, 1, 0) == 1,
			"not woken by data 100 ms later");
	}

	/* A socket, the console and a skipped entry in one call. */
	p[0] = (struct pollfd){ .fd = server, .events = POLLIN };
	p[1] = (struct pollfd){ .fd = STDOUT_FILENO, .events = POLLOUT };
	p[2] = (struct pollfd){ .fd = -1, .events = POLLIN };
	verdict("poll-mixed", poll(p, 3, 1000) == 1 && p[0].revents == 0 &&
		p[1].revents == POLLOUT && p[2].revents == 0,
		"sockets and the console in one poll() disagree");

	closed = socket(AF_INET, SOCK_STREAM, 0);
	close(closed);
	p[0] = (struct pollfd){ .fd = closed, .events = POLLIN };
	p[1] = (struct pollfd){ .fd = client, .events = POLLOUT };
	verdict("poll-nval", poll(p, 2, 1000) == 2 &&
		p[0].revents == POLLNVAL && p[1].revents == POLLOUT,
		"a closed descriptor: not POLLNVAL beside a ready one");

	shutdown(client, SHUT_WR);
	p[0] = (struct pollfd){ .fd = server, .events = POLLIN };
	verdict("poll-eof", poll(p, 1, 1000) == 1 && (p[0].revents & POLLIN) &&
		recv(server, &c, 1, 0) == 0,
		"the peer's EOF: not readable, or not read as 0");
	close(client);
	close(server);
}

void check_select(void)
{
	struct timeval tv = { .tv_usec = 150000 }, second = { .tv_sec = 1 };
	fd_set rd, wr, keep;
	uint64_t t0;
	int client, server, closed, n;

	if (tcp_pair(&client, &server) < 0) {
		verdict("select", false, "no connection");
		return;
	}
	n = (client > server ? client : server) + 1;
	FD_ZERO(&rd);
	FD_SET(server, &rd);
	t0 = now_ms();
	verdict("select-timeout", select(n, &rd, NULL, NULL, &tv) == 0 &&
		!FD_ISSET(server, &rd) && took(t0, 150),
		"nothing to read: select() did not wait 150 ms, or left the bit");

	send(client, "y", 1, 0);
	FD_ZERO(&rd);
	FD_ZERO(&wr);
	FD_SET(server, &rd);
	FD_SET(client, &wr);
	verdict("select-ready", select(n, &rd, &wr, NULL, &second) == 2 &&
		FD_ISSET(server, &rd) && FD_ISSET(client, &wr),
		"data waiting and room to send: not both set");

	closed = socket(AF_INET, SOCK_STREAM, 0);
	close(closed);
	FD_ZERO(&rd);
	FD_SET(server, &rd);
	FD_SET(closed, &rd);
	keep = rd;
	verdict("select-ebadf", select(n > closed ? n : closed + 1, &rd, NULL,
		NULL, &second) == -1 && errno == EBADF &&
		memcmp(&rd, &keep, sizeof(rd)) == 0,
		"a closed descriptor: not EBADF with the sets kept");
	close(client);
	close(server);
}

void check_nonblocking(void)
{
	struct sockaddr_in addr = {
		.sin_family = AF_INET,
		.sin_port = htons(PORT_NONBLOCK),
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	struct pollfd p;
	socklen_t len = sizeof(int);
	int client, server, listener, fd, flags, err = -1;
	char c;

	if (tcp_pair(&client, &server) < 0) {
		verdict("nonblock", false, "no connection");
		return;
	}
	flags = fcntl(server, F_GETFL);
	verdict("nonblock-fcntl", flags >= 0 && !(flags & O_NONBLOCK) &&
		fcntl(server, F_SETFL, flags | O_NONBLOCK) == 0 &&
		(fcntl(server, F_GETFL) & O_NONBLOCK) &&
		recv(server, &c, 1, 0) == -1 && errno == EAGAIN &&
		fcntl(server, F_GETFD) == 0 &&
		fcntl(server, F_SETFD, FD_CLOEXEC) == 0,
		"O_NONBLOCK not set, or recv() with nothing not EAGAIN");
	verdict("nonblock-dontwait",
		recv(client, &c, 1, MSG_DONTWAIT) == -1 && errno == EAGAIN,
		"MSG_DONTWAIT on a blocking socket: not EAGAIN");
	close(client);
	close(server);

	listener = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	client = socket(AF_INET, SOCK_STREAM, 0);
	if (listener < 0 || client < 0 ||
	    bind(listener, (struct sockaddr *)&addr, sizeof(addr)) < 0 ||
	    listen(listener, 2) < 0) {
		verdict("nonblock-accept", false, "no listener");
		close(listener);
		close(client);
		return;
	}
	verdict("nonblock-accept", accept(listener, NULL, NULL) == -1 &&
		errno == EWOULDBLOCK,
		"SOCK_NONBLOCK listener without a connection: not EAGAIN");
	fcntl(client, F_SETFL, O_NONBLOCK);
	p = (struct pollfd){ .fd = client, .events = POLLOUT };
	verdict("nonblock-connect",
		connect(client, (struct sockaddr *)&addr, sizeof(addr)) == -1 &&
		errno == EINPROGRESS && poll(&p, 1, 2000) == 1 &&
		(p.revents & POLLOUT) &&
		getsockopt(client, SOL_SOCKET, SO_ERROR, &err, &len) == 0 &&
		err == 0,
		"connect() not EINPROGRESS, then writable with SO_ERROR 0");
	p = (struct pollfd){ .fd = listener, .events = POLLIN };
	fd = poll(&p, 1, 2000) == 1 ? accept(listener, NULL, NULL) : -1;
	verdict("nonblock-accepted", fd >= 0,
		"the connection made without blocking was not accepted");
	close(fd);
	close(client);
	close(listener);
}

void check_timeouts(void)
{
	struct timeval set = { .tv_usec = 300000 }, got = { 0 };
	struct timeval tiny = { .tv_usec = 500 }, bad = { .tv_usec = 1000000 };
	socklen_t len = sizeof(got);
	uint64_t t0;
	char c;
	int client, server;
	bool ok;

	if (tcp_pair(&client, &server) < 0) {
		verdict("rcvtimeo", false, "no connection");
		return;
	}
	ok = setsockopt(server, SOL_SOCKET, SO_RCVTIMEO, &set, sizeof(set)) == 0 &&
	     getsockopt(server, SOL_SOCKET, SO_RCVTIMEO, &got, &len) == 0 &&
	     got.tv_sec == 0 && got.tv_usec == 300000;
	t0 = now_ms();
	verdict("rcvtimeo", ok && recv(server, &c, 1, 0) == -1 &&
		errno == EAGAIN && took(t0, 300),
		"recv() did not give EAGAIN after SO_RCVTIMEO's 300 ms");
	/* Under a millisecond is one, not lwIP's 0 (which waits forever). */
	len = sizeof(got);
	verdict("timeo-rounding",
		setsockopt(client, SOL_SOCKET, SO_SNDTIMEO, &tiny, sizeof(tiny)) == 0 &&
		getsockopt(client, SOL_SOCKET, SO_SNDTIMEO, &got, &len) == 0 &&
		got.tv_sec == 0 && got.tv_usec == 1000 &&
		setsockopt(client, SOL_SOCKET, SO_SNDTIMEO, &bad, sizeof(bad)) == -1 &&
		errno == EDOM,
		"500 us is not 1 ms, or tv_usec of a second not EDOM");
	close(client);
	close(server);
}

static int get_int(int fd, int level, int name)
{
	int v = -1;
	socklen_t len = sizeof(v);

	return getsockopt(fd, level, name, &v, &len) == 0 ? v : -100 - errno;
}

void check_options(void)
{
	int client, server, udp, one = 1, zero = 0, idle = 30;
	bool ok;

	if (tcp_pair(&client, &server) < 0) {
		verdict("options", false, "no connection");
		return;
	}
	udp = socket(AF_INET, SOCK_DGRAM, 0);
	ok = setsockopt(client, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) == 0 &&
	     get_int(client, SOL_SOCKET, SO_REUSEADDR) == 1 &&
	     setsockopt(client, SOL_SOCKET, SO_REUSEADDR, &zero, sizeof(zero)) == 0 &&
	     get_int(client, SOL_SOCKET, SO_REUSEADDR) == 0;
	verdict("opt-reuseaddr", ok, "SO_REUSEADDR does not read back 1, 0");
	ok = setsockopt(client, SOL_SOCKET, SO_KEEPALIVE, &one, sizeof(one)) == 0 &&
	     get_int(client, SOL_SOCKET, SO_KEEPALIVE) == 1 &&
	     setsockopt(client, IPPROTO_TCP, TCP_KEEPIDLE, &idle, sizeof(idle)) == 0 &&
	     get_int(client, IPPROTO_TCP, TCP_KEEPIDLE) == 30;
	verdict("opt-keepalive", ok,
		"SO_KEEPALIVE not 1, or TCP_KEEPIDLE not read back");
	ok = get_int(client, IPPROTO_TCP, TCP_NODELAY) == 0 &&
	     setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)) == 0 &&
	     get_int(client, IPPROTO_TCP, TCP_NODELAY) == 1;
	verdict("opt-nodelay", ok, "TCP_NODELAY does not read back 0, then 1");
	ok = get_int(client, SOL_SOCKET, SO_TYPE) == SOCK_STREAM &&
	     get_int(udp, SOL_SOCKET, SO_TYPE) == SOCK_DGRAM &&
	     get_int(client, SOL_SOCKET, SO_ERROR) == 0;
	verdict("opt-type-error", ok, "SO_TYPE or SO_ERROR wrong");
	ok = get_int(client, SOL_SOCKET, 999) == -100 - ENOPROTOOPT &&
	     setsockopt(client, IPPROTO_TCP, TCP_KEEPCNT, &one, sizeof(one)) == -1 &&
	     errno == ENOPROTOOPT &&
	     setsockopt(udp, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)) == -1 &&
	     errno == ENOPROTOOPT;
	verdict("opt-unknown", ok, "an option lwIP lacks: not ENOPROTOOPT");
	close(udp);
	close(client);
	close(server);
}
