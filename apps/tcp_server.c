#include "apps/tcp_server.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "kernel/thread.h"
#include "lwip/mem.h"
#include "lwip/sys.h"
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

static void __attribute__((noreturn)) serve_forever(struct tcp_server *s)
{
	struct netconn *conn;
	err_t err;

	for (;;) {
		err = netconn_accept(s->listener, &conn);
		if (err == ERR_ABRT)
			continue;	/* one that died before we took it */
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

static void worker_thread(void *arg)
{
	serve_forever(arg);
}

/* Workers beyond the caller's: how many could be started. */
static unsigned int start_workers(struct tcp_server *s, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (!thread_create(s->name, worker_thread, s,
				   NET_SERVER_PRIORITY, THREAD_STACK_DEFAULT))
			break;
	return i;
}

void tcp_server_run(struct tcp_server *s, unsigned int workers)
{
	if (workers > 1 && start_workers(s, workers - 1) < workers - 1)
		printk("%s: fewer workers: no memory\n", s->name);
	serve_forever(s);
}

/* A server started so lives as long as the kernel: from lwIP's heap. */
int tcp_server_start(const char *name, uint16_t port,
		     void (*serve)(struct netconn *conn),
		     unsigned int workers)
{
	struct tcp_server *s = mem_malloc(sizeof(*s));
	int err;

	if (!s)
		return -ENOMEM;
	err = tcp_server_listen(s, name, port, serve);
	if (!err && !start_workers(s, workers)) {
		(void)netconn_delete(s->listener);
		err = -ENOMEM;
	}
	if (err)
		mem_free(s);
	return err;
}

err_t tcp_server_recv(struct netconn *conn, struct pbuf **p, u32_t deadline)
{
	s32_t left = (s32_t)(deadline - sys_now());

	if (left <= 0)
		return ERR_TIMEOUT;
	netconn_set_recvtimeout(conn, left);
	return netconn_recv_tcp_pbuf(conn, p);
}
