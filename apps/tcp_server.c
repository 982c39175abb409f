#include "apps/tcp_server.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "kernel/thread.h"
#include "lwip/api.h"
#include "lwip/mem.h"
#include "net/tcp_guard.h"

int tcp_server_listen(struct tcp_server *s, const char *name, uint16_t port,
		      void (*serve)(struct netconn *conn))
{
	err_t err;
	int ret;

	s->name = name;
	s->serve = serve;
	s->listener = netconn_new(NETCONN_TCP);
	if (!s->listener)
		return -ENOMEM;
	err = netconn_bind(s->listener, IP4_ADDR_ANY, port);
	ret = err == ERR_OK ? net_tcp_listen(s->listener, TCP_SERVER_BACKLOG)
			    : -err_to_errno(err);
	if (ret)
		(void)netconn_delete(s->listener);
	return ret;
}

void tcp_server_run(struct tcp_server *s)
{
	struct netconn *conn;
	err_t err;

	for (;;) {
		err = netconn_accept(s->listener, &conn);
		if (err != ERR_OK) {
			printk("%s: accept: %d\n", s->name, err_to_errno(err));
			thread_sleep_ms(100);
			continue;
		}
		s->serve(conn);
		(void)netconn_close(conn);
		(void)netconn_delete(conn);
	}
}

static void server_thread(void *arg)
{
	tcp_server_run(arg);
}

/* A server started so lives as long as the kernel: from lwIP's heap. */
int tcp_server_start(const char *name, uint16_t port,
		     void (*serve)(struct netconn *conn))
{
	struct tcp_server *s = mem_malloc(sizeof(*s));
	int err;

	if (!s)
		return -ENOMEM;
	err = tcp_server_listen(s, name, port, serve);
	if (!err && !thread_create(name, server_thread, s,
				   NET_SERVER_PRIORITY, THREAD_STACK_DEFAULT)) {
		(void)netconn_delete(s->listener);
		err = -ENOMEM;
	}
	if (err)
		mem_free(s);
	return err;
}
