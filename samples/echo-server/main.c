/*
 * echo-server: POSIX sockets and threads.  It listens on TCP port 7 (or
 * the port in argv[1]), waits for connections with poll(), and gives each
 * a detached thread of its own, which sends back all it receives until
 * the client closes, then prints how many bytes that was.
 *
 *   extra="ip=10.0.0.5/24 gw=10.0.0.1 -- 7"     (or DHCP without ip=)
 *   dom0$ echo hello | nc 10.0.0.5 7
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define DEFAULT_PORT	7
#define BACKLOG		16
#define BUFFER		4096

struct connection {
	int fd;
	struct sockaddr_in peer;
};

/* All of buf, however many calls it takes; -1 on an error. */
static int send_all(int fd, const char *buf, size_t len)
{
	ssize_t n;

	while (len > 0) {
		n = send(fd, buf, len, 0);
		if (n < 0)
			return -1;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

static void *echo(void *arg)
{
	struct connection *c = arg;
	char buf[BUFFER], peer[INET_ADDRSTRLEN];
	unsigned long total = 0;
	ssize_t n;

	while ((n = recv(c->fd, buf, sizeof(buf), 0)) > 0) {
		if (send_all(c->fd, buf, (size_t)n) < 0)
			break;
		total += (unsigned long)n;
	}
	if (n != 0)
		fprintf(stderr, "echo-server: %s\n", strerror(errno));
	close(c->fd);
	inet_ntop(AF_INET, &c->peer.sin_addr, peer, sizeof(peer));
	printf("echo-server: %s:%u closed after %lu bytes\n", peer,
	       ntohs(c->peer.sin_port), total);
	free(c);
	return NULL;
}

/* A thread for the connection, which closes it when done. */
static void serve(int fd, const struct sockaddr_in *peer)
{
	struct connection *c = malloc(sizeof(*c));
	pthread_attr_t attr;
	pthread_t thread;
	int err = ENOMEM;

	if (c) {
		c->fd = fd;
		c->peer = *peer;
		pthread_attr_init(&attr);
		pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
		err = pthread_create(&thread, &attr, echo, c);
		pthread_attr_destroy(&attr);
	}
	if (err) {
		fprintf(stderr, "echo-server: no thread: %s\n", strerror(err));
		close(fd);
		free(c);
	}
}

static int listen_on(unsigned int port)
{
	struct sockaddr_in addr = {
		.sin_family = AF_INET,
		.sin_port = htons((uint16_t)port),
		.sin_addr.s_addr = htonl(INADDR_ANY),
	};
	int one = 1;
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	if (fd < 0 ||
	    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) < 0 ||
	    bind(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0 ||
	    listen(fd, BACKLOG) < 0) {
		fprintf(stderr, "echo-server: port %u: %s\n", port,
			strerror(errno));
		exit(EXIT_FAILURE);
	}
	return fd;
}

int main(int argc, char **argv)
{
	unsigned long port = DEFAULT_PORT;
	struct sockaddr_in peer;
	struct pollfd listener;
	socklen_t len;
	char *end;
	int fd;

	if (argc > 1) {
		port = strtoul(argv[1], &end, 10);
		if (*end || port == 0 || port > 65535) {
			fprintf(stderr, "usage: echo-server [PORT]\n");
			return EXIT_FAILURE;
		}
	}
	listener.fd = listen_on((unsigned int)port);
	listener.events = POLLIN;
	printf("echo-server: listening on port %lu\n", port);
	for (;;) {
		if (poll(&listener, 1, -1) < 0) {
			fprintf(stderr, "echo-server: poll: %s\n",
				strerror(errno));
			return EXIT_FAILURE;
		}
		if (!(listener.revents & POLLIN))
			continue;
		len = sizeof(peer);
		fd = accept(listener.fd, (struct sockaddr *)&peer, &len);
		if (fd < 0) {
			fprintf(stderr, "echo-server: accept: %s\n",
				strerror(errno));
			continue;
		}
		serve(fd, &peer);
	}
}
