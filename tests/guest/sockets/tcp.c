/*
 * TCP through the socket calls: several clients at once, the calls one
 * by one, a closed descriptor, and what is not supported.
 */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "tests/guest/sockets/sockets_test.h"

#define CLIENTS		4
#define CLIENT_BYTES	(32u * 1024)
#define WAIT_MS		10000	/* any single wait of the TCP checks */

struct client {
	unsigned int id;
	size_t echoed;		/* bytes back and equal to those sent */
	int err;		/* errno of the call that failed, or 0 */
	const char *failed;	/* that call */
};

/* Written by each echo thread for its connection, read after the joins. */
static size_t server_bytes[CLIENTS];

static uint8_t pattern(unsigned int id, size_t i)
{
	return (uint8_t)(i * 31 + id * 97 + (i >> 9));
}

static void set_timeouts(int fd)
{
	struct timeval tv = { .tv_sec = WAIT_MS / 1000 };

	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
}

struct echo_job {
	int fd;
	size_t *bytes;
};

/* A connection's server side: all it receives goes back, until EOF. */
static void *echo_thread(void *arg)
{
	struct echo_job *job = arg;
	char buf[1024];
	ssize_t n, sent, w;

	set_timeouts(job->fd);
	while ((n = recv(job->fd, buf, sizeof(buf), 0)) > 0) {
		for (sent = 0; sent < n; sent += w) {
			w = send(job->fd, buf + sent, (size_t)(n - sent), 0);
			if (w <= 0)
				goto out;
		}
		*job->bytes += (size_t)n;
	}
out:
	close(job->fd);
	return NULL;
}

/* Accepts CLIENTS connections, each echoed by a thread of its own. */
static void *server_thread(void *arg)
{
	struct pollfd listener = { .fd = *(int *)arg, .events = POLLIN };
	struct echo_job jobs[CLIENTS];
	pthread_t echo[CLIENTS];
	unsigned int n = 0, i;
	int fd;

	while (n < CLIENTS && poll(&listener, 1, WAIT_MS) == 1) {
		fd = accept(listener.fd, NULL, NULL);
		if (fd < 0)
			break;
		jobs[n] = (struct echo_job){ .fd = fd, .bytes = &server_bytes[n] };
		if (pthread_create(&echo[n], NULL, echo_thread, &jobs[n]) != 0) {
			close(fd);
			break;
		}
		n++;
	}
	for (i = 0; i < n; i++)
		pthread_join(echo[i], NULL);
	return NULL;
}

static bool client_fail(struct client *c, const char *call)
{
	c->err = errno;
	c->failed = call;
	return false;
}

/* Chunks of its own size, each read back and compared before the next. */
static bool client_exchange(struct client *c, int fd)
{
	uint8_t out[2048], in[2048];
	size_t chunk = 700 + c->id * 300, at, len, got, i;
	ssize_t n;

	for (at = 0; at < CLIENT_BYTES; at += len) {
		len = CLIENT_BYTES - at < chunk ? CLIENT_BYTES - at : chunk;
		for (i = 0; i < len; i++)
			out[i] = pattern(c->id, at + i);
		if (send(fd, out, len, 0) != (ssize_t)len)
			return client_fail(c, "send");
		for (got = 0; got < len; got += (size_t)n) {
			n = recv(fd, in + got, len - got, 0);
			if (n <= 0)
				return client_fail(c, n ? "recv" : "recv (EOF)");
		}
		if (memcmp(in, out, len) != 0)
			return client_fail(c, "compare");
		c->echoed += len;
	}
	return true;
}

static void *client_thread(void *arg)
{
	struct client *c = arg;
	struct sockaddr_in addr = {
		.sin_family = AF_INET,
		.sin_port = htons(PORT_TCP_THREADS),
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	char end;
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	if (fd < 0) {
		client_fail(c, "socket");
		return NULL;
	}
	set_timeouts(fd);
	if (connect(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0)
		client_fail(c, "connect");
	else if (client_exchange(c, fd) && shutdown(fd, SHUT_WR) < 0)
		client_fail(c, "shutdown");
	else if (!c->failed && recv(fd, &end, 1, 0) != 0)
		client_fail(c, "recv after shutdown (want EOF)");
	close(fd);
	return NULL;
}

void check_tcp_threads(void)
{
	struct sockaddr_in addr = {
		.sin_family = AF_INET,
		.sin_port = htons(PORT_TCP_THREADS),
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	struct client clients[CLIENTS] = { 0 };
	pthread_t server, thread[CLIENTS];
	unsigned int i, started = 0;
	char why[160] = "";
	int listener = socket(AF_INET, SOCK_STREAM, 0);

	if (listener < 0 ||
	    bind(listener, (struct sockaddr *)&addr, sizeof(addr)) < 0 ||
	    listen(listener, CLIENTS) < 0 ||
	    pthread_create(&server, NULL, server_thread, &listener) != 0) {
		snprintf(why, sizeof(why), "no listener: %s", strerror(errno));
		verdict("tcp-threads", false, why);
		return;
	}
	for (i = 0; i < CLIENTS; i++) {
		clients[i].id = i;
		if (pthread_create(&thread[i], NULL, client_thread,
				   &clients[i]) == 0)
			started++;
	}
	for (i = 0; i < started; i++)
		pthread_join(thread[i], NULL);
	pthread_join(server, NULL);
	close(listener);
	for (i = 0; i < CLIENTS && !why[0]; i++) {
		if (clients[i].failed)
			snprintf(why, sizeof(why), "client %u: %s: %s", i,
				 clients[i].failed, strerror(clients[i].err));
		else if (i >= started)
			snprintf(why, sizeof(why), "client %u: no thread", i);
		else if (clients[i].echoed != CLIENT_BYTES ||
			 server_bytes[i] != CLIENT_BYTES)
			snprintf(why, sizeof(why), "client %u: %zu bytes "
				 "echoed, the server counted %zu", i,
				 clients[i].echoed, server_bytes[i]);
	}
	printf("sockets: tcp-threads: %u clients, %u bytes each, echoed\n",
	       started, CLIENT_BYTES);
	verdict("tcp-threads", !why[0], why);
}

struct later_send {
	int fd;
	const char *data;
	size_t len;
};

/* Half now, the rest 100 ms later: a recv() with MSG_WAITALL must wait
 * for both. */
static void *send_in_two(void *arg)
{
	struct later_send *s = arg;
	struct timespec pause = { .tv_nsec = 100 * 1000000 };

	send(s->fd, s->data, s->len / 2, 0);
	nanosleep(&pause, NULL);
	send(s->fd, s->data + s->len / 2, s->len - s->len / 2, 0);
	return NULL;
}

static void check_names(int client, int server)
{
	struct sockaddr_in a = { 0 }, b = { 0 }, c = { 0 }, d = { 0 };
	socklen_t la = sizeof(a), lb = sizeof(b), lc = sizeof(c);
	socklen_t ld = sizeof(d), small = 4;
	struct sockaddr_in cut = { 0 };

	/* a: the client's end, b: its peer, c: the server's peer, d: the
	 * server's end. */
	verdict("tcp-names",
		getsockname(client, (struct sockaddr *)&a, &la) == 0 &&
		getpeername(client, (struct sockaddr *)&b, &lb) == 0 &&
		getpeername(server, (struct sockaddr *)&c, &lc) == 0 &&
		getsockname(server, (struct sockaddr *)&d, &ld) == 0 &&
		la == sizeof(a) && a.sin_family == AF_INET &&
		a.sin_addr.s_addr == htonl(INADDR_LOOPBACK) &&
		a.sin_port != 0 && b.sin_port == d.sin_port &&
		ntohs(d.sin_port) >= PORT_PAIR_FIRST &&
		b.sin_addr.s_addr == htonl(INADDR_LOOPBACK) &&
		c.sin_port == a.sin_port &&
		c.sin_addr.s_addr == a.sin_addr.s_addr,
		"getsockname/getpeername do not match the connection");
	/* A short buffer gets what fits, and the whole size is told. */
	verdict("tcp-name-truncated",
		getsockname(client, (struct sockaddr *)&cut, &small) == 0 &&
		small == sizeof(cut) && cut.sin_family == AF_INET &&
		cut.sin_addr.s_addr == 0,
		"a 4-byte buffer was not filled as POSIX says");
}

void check_tcp_calls(void)
{
	static const char text[] = "0123456789abcdefghijklmnopqrstuvwxyz";
	struct later_send later;
	struct sockaddr_in addr = {
		.sin_family = AF_INET,
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	char buf[64];
	pthread_t sender;
	ssize_t n;
	int client, server, a, b;

	if (tcp_pair(&client, &server) < 0) {
		snprintf(buf, sizeof(buf), "tcp_pair: %s", strerror(errno));
		verdict("tcp-pair", false, buf);
		return;
	}
	set_timeouts(client);
	set_timeouts(server);
	check_names(client, server);

	verdict("tcp-read-write", write(client, "hello", 5) == 5 &&
		read(server, buf, sizeof(buf)) == 5 &&
		memcmp(buf, "hello", 5) == 0,
		"write() on one end did not come out of read() on the other");

	n = send(client, "peek", 4, 0);
	verdict("tcp-peek", n == 4 && recv(server, buf, 4, MSG_PEEK) == 4 &&
		recv(server, buf + 4, 4, 0) == 4 &&
		memcmp(buf, "peekpeek", 8) == 0,
		"MSG_PEEK took the data, or gave other data");

	later = (struct later_send){ .fd = client, .data = text,
				     .len = sizeof(text) - 1 };
	memset(buf, 0, sizeof(buf));
	if (pthread_create(&sender, NULL, send_in_two, &later) != 0) {
		verdict("tcp-waitall", false, "no thread");
	} else {
		n = recv(server, buf, later.len, MSG_WAITALL);
		pthread_join(sender, NULL);
		verdict("tcp-waitall", n == (ssize_t)later.len &&
			memcmp(buf, text, later.len) == 0,
			"MSG_WAITALL returned before all had come");
	}

	verdict("tcp-shutdown", shutdown(client, SHUT_WR) == 0 &&
		recv(server, buf, sizeof(buf), 0) == 0 &&
		send(server, "back", 4, 0) == 4 &&
		recv(client, buf, sizeof(buf), 0) == 4 &&
		shutdown(client, 7) == -1 && errno == EINVAL,
		"after SHUT_WR the peer did not see EOF, or could not answer");
	close(client);
	close(server);

	addr.sin_port = htons(PORT_REFUSED);
	a = socket(AF_INET, SOCK_STREAM, 0);
	verdict("tcp-refused", a >= 0 &&
		connect(a, (struct sockaddr *)&addr, sizeof(addr)) == -1 &&
		errno == ECONNREFUSED, "connect to a closed port: not ECONNREFUSED");
	close(a);

	addr.sin_port = htons(PORT_IN_USE);
	a = socket(AF_INET, SOCK_STREAM, 0);
	b = socket(AF_INET, SOCK_STREAM, 0);
	verdict("tcp-addr-in-use", a >= 0 && b >= 0 &&
		bind(a, (struct sockaddr *)&addr, sizeof(addr)) == 0 &&
		listen(a, 1) == 0 &&
		bind(b, (struct sockaddr *)&addr, sizeof(addr)) == -1 &&
		errno == EADDRINUSE, "a second bind of a port: not EADDRINUSE");
	close(a);
	close(b);
}

/* A connection the server closed first leaves its port in TIME_WAIT: a
 * new listener binds it only with SO_REUSEADDR. */
static void check_reuseaddr(void)
{
	struct sockaddr_in addr;
	socklen_t len = sizeof(addr);
	struct timespec pause = { .tv_nsec = 50 * 1000000 };
	int client, server, plain, reuse, one = 1;
	bool ok;

	if (tcp_pair(&client, &server) < 0 ||
	    getsockname(server, (struct sockaddr *)&addr, &len) < 0) {
		verdict("tcp-reuseaddr", false, "no connection");
		return;
	}
	close(server);
	nanosleep(&pause, NULL);
	close(client);
	nanosleep(&pause, NULL);
	plain = socket(AF_INET, SOCK_STREAM, 0);
	reuse = socket(AF_INET, SOCK_STREAM, 0);
	ok = plain >= 0 && reuse >= 0 &&
	     bind(plain, (struct sockaddr *)&addr, sizeof(addr)) == -1 &&
	     errno == EADDRINUSE &&
	     setsockopt(reuse, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) == 0 &&
	     bind(reuse, (struct sockaddr *)&addr, sizeof(addr)) == 0 &&
	     listen(reuse, 1) == 0;
	verdict("tcp-reuseaddr", ok, "a port in TIME_WAIT: not EADDRINUSE "
		"without SO_REUSEADDR, or not bound with it");
	close(plain);
	close(reuse);
}

void check_closed(void)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0), v = 0;
	socklen_t len = sizeof(v);
	struct stat st;
	char c = 0;
	bool ok;

	check_reuseaddr();
	verdict("fstat", fd >= 0 && fstat(fd, &st) == 0 &&
		S_ISSOCK(st.st_mode) && fstat(STDOUT_FILENO, &st) == 0 &&
		S_ISCHR(st.st_mode),
		"fstat(): a socket not S_IFSOCK, or stdout not S_IFCHR");
	ok = fd >= 0 && close(fd) == 0;
	ok = ok && close(fd) == -1 && errno == EBADF;
	ok = ok && send(fd, &c, 1, 0) == -1 && errno == EBADF;
	ok = ok && recv(fd, &c, 1, MSG_DONTWAIT) == -1 && errno == EBADF;
	ok = ok && read(fd, &c, 1) == -1 && errno == EBADF;
	ok = ok && write(fd, &c, 1) == -1 && errno == EBADF;
	ok = ok && fcntl(fd, F_GETFL) == -1 && errno == EBADF;
	ok = ok && getsockopt(fd, SOL_SOCKET, SO_TYPE, &v, &len) == -1 &&
	     errno == EBADF;
	ok = ok && listen(fd, 1) == -1 && errno == EBADF;
	ok = ok && accept(fd, NULL, NULL) == -1 && errno == EBADF;
	ok = ok && fstat(fd, &st) == -1 && errno == EBADF;
	verdict("closed", ok, "a closed socket was not EBADF everywhere");
	verdict("never-opened", read(60, &c, 1) == -1 && errno == EBADF &&
		close(60) == -1 && errno == EBADF,
		"descriptor 60 (never opened) was not EBADF");
}

void check_unsupported(void)
{
	struct sockaddr_in6 six = { .sin6_family = AF_INET6 };
	struct sockaddr_in in = { .sin_family = AF_INET };
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	const char dev[] = "en1";
	bool ok;

	ok = socket(AF_INET6, SOCK_STREAM, 0) == -1 && errno == EAFNOSUPPORT;
	ok = ok && socket(AF_UNIX, SOCK_STREAM, 0) == -1 &&
	     errno == EAFNOSUPPORT;
	ok = ok && socket(AF_INET, SOCK_RAW, IPPROTO_ICMP) == -1 &&
	     errno == EPROTONOSUPPORT;
	ok = ok && socket(AF_INET, SOCK_STREAM, IPPROTO_UDP) == -1 &&
	     errno == EPROTONOSUPPORT;
	verdict("unsupported-socket", ok,
		"AF_INET6, AF_UNIX or SOCK_RAW did not fail by name");
	ok = fd >= 0 &&
	     bind(fd, (struct sockaddr *)&six, sizeof(six)) == -1 &&
	     errno == EAFNOSUPPORT;
	ok = ok && bind(fd, (struct sockaddr *)&in, 4) == -1 && errno == EINVAL;
	ok = ok && send(fd, "x", 1, MSG_OOB) == -1 && errno == EOPNOTSUPP;
	ok = ok && setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, dev,
			      sizeof(dev)) == -1 && errno == ENOPROTOOPT;
	verdict("unsupported-calls", ok, "an IPv6 address, a short one, "
		"MSG_OOB or SO_BINDTODEVICE did not fail by name");
	close(fd);
}
