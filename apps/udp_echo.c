#include "apps/tcp_server.h"
#include "apps/udp_echo.h"
#include "kernel/errno.h"
#include "kernel/thread.h"
#include "lwip/api.h"

static void echo_thread(void *arg)
{
	struct netconn *conn = arg;
	struct netbuf *buf;

	for (;;) {
		if (netconn_recv(conn, &buf) != ERR_OK)
			continue;
		/* The datagram goes back as it came, to where it came from. */
		(void)netconn_sendto(conn, buf, netbuf_fromaddr(buf),
				     netbuf_fromport(buf));
		netbuf_delete(buf);
	}
}

int udp_echo_start(void)
{
	struct netconn *conn = netconn_new(NETCONN_UDP);
	err_t err;

	if (!conn)
		return -ENOMEM;
	err = netconn_bind(conn, IP4_ADDR_ANY, UDP_ECHO_PORT);
	if (err != ERR_OK) {
		(void)netconn_delete(conn);
		return -err_to_errno(err);
	}
	if (!thread_create("udp-echo", echo_thread, conn, NET_SERVER_PRIORITY,
			   THREAD_STACK_DEFAULT)) {
		(void)netconn_delete(conn);
		return -ENOMEM;
	}
	return 0;
}
