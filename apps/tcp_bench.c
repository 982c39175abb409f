#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apps/bench_pattern.h"
#include "apps/cksum.h"
#include "apps/net_cmd.h"
#include "apps/tcp_bench.h"
#include "apps/tcp_server.h"
#include "kernel/printk.h"
#include "lwip/api.h"
#include "lwip/sys.h"

#define CHUNK		2048
#define REQUEST_MAX	32
#define REQUEST_WAIT_MS	10000	/* the whole request line's */
/*
 * A peer must move at least PROGRESS_MIN bytes in every PROGRESS_MS
 * (sink: send them; source: take them), or it is dropped: a client that
 * trickles a byte every few seconds holds a worker no longer than one
 * window.  A rate floor, not a total: 64 MiB takes up to 3 minutes
 * under TCG, but moves megabytes in each window.
 */
#define PROGRESS_MS	10000
#define PROGRESS_MIN	1024
/* As many as httpd's: a few slow peers leave the others served. */
#define WORKERS		4

/* The current window: its end (sys_now()) and what moved in it. */
struct progress {
	u32_t end;
	size_t moved;
};

static void progress_start(struct progress *pr)
{
	pr->end = sys_now() + PROGRESS_MS;
	pr->moved = 0;
}

/*
 * n more bytes moved: false when a window ended with too few, and the
 * peer is to be dropped.  Sets *wait_ms, what the next call may wait.
 */
static bool progress(struct progress *pr, size_t n, u32_t *wait_ms)
{
	s32_t left;

	pr->moved += n;
	left = (s32_t)(pr->end - sys_now());
	if (left <= 0) {
		if (pr->moved < PROGRESS_MIN)
			return false;
		progress_start(pr);
		left = PROGRESS_MS;
	}
	*wait_ms = (u32_t)left;
	return true;
}

static void serve_sink(struct netconn *conn)
{
	struct cksum sum;
	struct progress pr;
	struct pbuf *p, *q;
	u32_t wait_ms = PROGRESS_MS;
	char line[64];
	err_t err;
	int n;

	cksum_init(&sum);
	progress_start(&pr);
	for (;;) {
		netconn_set_recvtimeout(conn, (int)wait_ms);
		err = netconn_recv_tcp_pbuf(conn, &p);
		if (err == ERR_TIMEOUT) {
			if (progress(&pr, 0, &wait_ms))
				continue;
		} else if (err == ERR_OK) {
			size_t got = 0;

			for (q = p; q; q = q->next) {
				cksum_update(&sum, q->payload, q->len);
				got += q->len;
			}
			pbuf_free(p);
			if (progress(&pr, got, &wait_ms))
				continue;
		}
		break;
	}
	if (err == ERR_OK || err == ERR_TIMEOUT)
		printk("sink: peer too slow, dropped\n");
	n = snprintf(line, sizeof(line), "sink %llu bytes cksum %u\n",
		     (unsigned long long)sum.length, cksum_final(&sum));
	printk("%s", line);
	if (err == ERR_CLSD)	/* the client's half-close: it waits */
		(void)netconn_write(conn, line, (size_t)n, NETCONN_COPY);
	net_vif_offload_report();
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
	struct progress pr;
	u32_t wait_ms = PROGRESS_MS;
	size_t n, written;
	char *end;
	err_t err;

	if (!read_request(conn, request, sizeof(request)) ||
	    strncmp(request, "send ", 5) != 0) {
		printk("source: no \"send N\" request\n");
		return;
	}
	total = strtoul(request + 5, &end, 10);
	cksum_init(&sum);
	progress_start(&pr);
	while (sent < total) {
		n = total - sent < CHUNK ? (size_t)(total - sent) : CHUNK;
		bench_pattern_fill(chunk, n, sent);
		netconn_set_sendtimeout(conn, (s32_t)wait_ms);
		written = 0;
		err = netconn_write_partly(conn, chunk, n, NETCONN_COPY,
					   &written);
		/* ERR_WOULDBLOCK: the send timeout, nothing taken. */
		if (err != ERR_OK && err != ERR_WOULDBLOCK)
			break;
		cksum_update(&sum, chunk, written);
		sent += written;
		if (!progress(&pr, written, &wait_ms)) {
			printk("source: peer too slow, dropped\n");
			break;
		}
	}
	printk("source %llu bytes cksum %u\n", sent, cksum_final(&sum));
	net_vif_offload_report();
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
