#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apps/bench_pattern.h"
#include "apps/cksum.h"
#include "apps/tcp_bench.h"
#include "apps/tcp_server.h"
#include "kernel/printk.h"
#include "lwip/api.h"
#include "lwip/sys.h"

#define CHUNK		2048
#define REQUEST_MAX	32
#define REQUEST_WAIT_MS	10000	/* the whole request line's */
/*
 * A peer that sends nothing (sink) or takes nothing (source) for this
 * long is dropped.  Idleness, not total time: 64 MiB takes up to 3
 * minutes under TCG, but never stalls for one.
 */
#define IDLE_MS		60000
#define WORKERS		2

static void serve_sink(struct netconn *conn)
{
	struct cksum sum;
	struct pbuf *p, *q;
	char line[64];
	err_t err;
	int n;

	cksum_init(&sum);
	netconn_set_recvtimeout(conn, IDLE_MS);
	while ((err = netconn_recv_tcp_pbuf(conn, &p)) == ERR_OK) {
		for (q = p; q; q = q->next)
			cksum_update(&sum, q->payload, q->len);
		pbuf_free(p);
	}
	n = snprintf(line, sizeof(line), "sink %llu bytes cksum %u\n",
		     (unsigned long long)sum.length, cksum_final(&sum));
	printk("%s", line);
	if (err == ERR_CLSD)	/* the client's half-close: it waits */
		(void)netconn_write(conn, line, (size_t)n, NETCONN_COPY);
}

/* The request line, NUL-terminated; false on timeout or garbage. */
static bool read_request(struct netconn *conn, char *buf, size_t len)
{
	u32_t deadline = sys_now() + REQUEST_WAIT_MS;
	size_t used = 0;
	struct pbuf *p;
	u16_t take;

	while (used < len - 1) {
		if (tcp_server_recv(conn, &p, deadline) != ERR_OK)
			return false;
		take = (u16_t)(p->tot_len < len - 1 - used ?
			       p->tot_len : len - 1 - used);
		pbuf_copy_partial(p, buf + used, take, 0);
		pbuf_free(p);
		used += take;
		buf[used] = '\0';
		if (strchr(buf, '\n'))
			return true;
	}
	return false;
}

static void serve_source(struct netconn *conn)
{
	uint8_t chunk[CHUNK];
	char request[REQUEST_MAX];
	unsigned long long total, sent = 0;
	struct cksum sum;
	size_t n, written;
	char *end;

	if (!read_request(conn, request, sizeof(request)) ||
	    strncmp(request, "send ", 5) != 0) {
		printk("source: no \"send N\" request\n");
		return;
	}
	total = strtoul(request + 5, &end, 10);
	cksum_init(&sum);
	/* A write that moves nothing for IDLE_MS ends the transfer. */
	netconn_set_sendtimeout(conn, IDLE_MS);
	while (sent < total) {
		n = total - sent < CHUNK ? (size_t)(total - sent) : CHUNK;
		bench_pattern_fill(chunk, n, sent);
		if (netconn_write_partly(conn, chunk, n, NETCONN_COPY,
					 &written) != ERR_OK || !written)
			break;
		cksum_update(&sum, chunk, written);
		sent += written;
	}
	printk("source %llu bytes cksum %u\n", sent, cksum_final(&sum));
}

int tcp_bench_start(void)
{
	int err = tcp_server_start("tcp-sink", TCP_SINK_PORT, serve_sink,
				   WORKERS);

	if (!err)
		err = tcp_server_start("tcp-source", TCP_SOURCE_PORT,
				       serve_source, WORKERS);
	return err;
}
