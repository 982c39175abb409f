/*
 * A TCP server over lwIP's netconn API: it listens on a port of every
 * address (net_tcp_listen(): a backlog of TCP_SERVER_BACKLOG connections
 * waiting to be accepted, further ones refused until there is room, and
 * keepalive) and hands each connection to `serve` on one of a fixed number
 * of worker threads, closing it afterwards.  `serve` bounds its own time
 * (tcp_server_recv()'s deadline), so that no peer holds a worker for
 * long.  net_start() first.
 */
#ifndef APPS_TCP_SERVER_H
#define APPS_TCP_SERVER_H

#include <stdint.h>

#include "lwip/api.h"

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
/* Serve with `workers` threads, the calling one among them, forever. */
void tcp_server_run(struct tcp_server *s, unsigned int workers)
	__attribute__((noreturn));
/* Both, every worker on a thread of its own: 0, -ENOMEM, -EADDRINUSE. */
int tcp_server_start(const char *name, uint16_t port,
		     void (*serve)(struct netconn *conn),
		     unsigned int workers);

/*
 * netconn_recv_tcp_pbuf(), waiting no later than `deadline` (lwIP's
 * sys_now() ms): a whole request's time, not each receive's, so a peer
 * sending a byte now and then cannot stretch it.  ERR_TIMEOUT once the
 * deadline has passed.
 */
err_t tcp_server_recv(struct netconn *conn, struct pbuf **p, u32_t deadline);

#endif
