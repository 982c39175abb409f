/*
 * A TCP server over lwIP's netconn API: it listens on a port of every
 * address (net_tcp_listen(): a backlog of TCP_SERVER_BACKLOG connections
 * waiting to be accepted, and keepalive) and hands each connection to
 * `serve`, one at a time, closing it afterwards.  net_start() first.
 */
#ifndef APPS_TCP_SERVER_H
#define APPS_TCP_SERVER_H

#include <stdint.h>

struct netconn;

#define NET_SERVER_PRIORITY	7	/* the apps' own */
#define TCP_SERVER_BACKLOG	4

struct tcp_server {
	const char *name;
	struct netconn *listener;
	void (*serve)(struct netconn *conn);
};

/* Listen on port: 0, -ENOMEM (no netconn), -EADDRINUSE. */
int tcp_server_listen(struct tcp_server *s, const char *name, uint16_t port,
		      void (*serve)(struct netconn *conn));
/* Serve on the calling thread, forever. */
void tcp_server_run(struct tcp_server *s) __attribute__((noreturn));
/* Both, on a thread of its own: 0, -ENOMEM, -EADDRINUSE. */
int tcp_server_start(const char *name, uint16_t port,
		     void (*serve)(struct netconn *conn));

#endif
