#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "kernel/app.h"
#include "lib/board.h"
#include "apps/httpd.h"
#include "apps/tcp_bench.h"
#include "apps/tcp_server.h"
#include "apps/udp_echo.h"
#include "drivers/arm_timer.h"
#include "kernel/printk.h"
#include "kernel/version.h"
#include "lwip/api.h"
#include "lwip/sys.h"
#include "net/net.h"
#include "xen/guest.h"
#include "xen/xenstore.h"

#define PAGE_MAX	3072
#define REQUEST_MAX	512
/* The whole request's, not each receive's: apps/tcp_server.h. */
#define REQUEST_WAIT_MS	10000
#define HEADER_MAX	128
#define WORKERS		4

struct page {
	char text[PAGE_MAX];
	size_t used;
};

static void add(struct page *pg, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void add(struct page *pg, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(pg->text + pg->used, sizeof(pg->text) - pg->used, fmt,
		      ap);
	va_end(ap);
	if (n > 0)
		pg->used += (size_t)n < sizeof(pg->text) - pg->used ?
			    (size_t)n : sizeof(pg->text) - pg->used - 1;
}

static void add_line(void *ctx, const char *line)
{
	add(ctx, "%s\n", line);
}

static void build_page(struct page *pg)
{
	char domid[8] = "?", name[64] = "?";

	pg->used = 0;
	pg->text[0] = '\0';
	add(pg, "%s %s on %s\n\n", KERNEL_NAME, KERNEL_VERSION, board_name());
	platform_report(board, add_line, pg);
	if (xen->present) {
		if (xenstore_available()) {
			(void)xs_read(XS_NO_TRANSACTION, "domid", domid,
				      sizeof(domid));
			(void)xs_read(XS_NO_TRANSACTION, "name", name,
				      sizeof(name));
		}
		add(pg, "\nxen %u.%u domid %s name %s\n", xen->major,
		    xen->minor, domid, name);
	} else {
		add(pg, "\nxen none\n");
	}
	add(pg, "uptime %llu ms\n", (unsigned long long)((arm_timer_now() -
	    boot_ticks.entry) * 1000 / arm_timer_freq()));
	net_mem_report(add_line, pg);
}

/* Up to the end of the headers, or what fits; false if nothing came. */
static bool read_request(struct netconn *conn, char *buf, size_t len)
{
	u32_t deadline = sys_now() + REQUEST_WAIT_MS;
	size_t used = 0;
	struct pbuf *p;
	u16_t take;

	buf[0] = '\0';
	while (used < len - 1 && !strstr(buf, "\r\n\r\n") &&
	       !strstr(buf, "\n\n")) {
		if (tcp_server_recv(conn, &p, deadline) != ERR_OK)
			break;
		take = (u16_t)(p->tot_len < len - 1 - used ?
			       p->tot_len : len - 1 - used);
		pbuf_copy_partial(p, buf + used, take, 0);
		pbuf_free(p);
		used += take;
		buf[used] = '\0';
	}
	return used > 0;
}

static void serve(struct netconn *conn)
{
	static const char not_found[] = "HTTP/1.0 404 Not Found\r\n"
		"Content-Type: text/plain\r\nConnection: close\r\n\r\n"
		"not found\n";
	char request[REQUEST_MAX], header[HEADER_MAX];
	struct page pg;
	int n;

	if (!read_request(conn, request, sizeof(request)))
		return;
	if (strncmp(request, "GET / ", 6) != 0 &&
	    strncmp(request, "GET /index.txt ", 15) != 0) {
		(void)netconn_write(conn, not_found, sizeof(not_found) - 1,
				    NETCONN_NOCOPY);
		return;
	}
	build_page(&pg);
	n = snprintf(header, sizeof(header), "HTTP/1.0 200 OK\r\n"
		     "Content-Type: text/plain\r\nContent-Length: %zu\r\n"
		     "Connection: close\r\n\r\n", pg.used);
	if (netconn_write_partly(conn, header, (size_t)n, NETCONN_COPY |
				 NETCONN_MORE, NULL) == ERR_OK)
		(void)netconn_write(conn, pg.text, pg.used, NETCONN_COPY);
}

int httpd_start(void)
{
	return tcp_server_start("httpd", HTTPD_PORT, serve, WORKERS);
}

/*
 * app=httpd: the benchmark servers and UDP echo on threads of their own,
 * the page on the app's thread.
 */
static void httpd_main(void)
{
	struct tcp_server server;
	int err;

	err = net_start();
	if (err) {
		printk("httpd: no network stack: %d\n", err);
		return;
	}
	err = tcp_bench_start();
	if (err)
		printk("httpd: no TCP benchmark servers: %d\n", err);
	err = udp_echo_start();
	if (err)
		printk("httpd: no UDP echo: %d\n", err);
	err = tcp_server_listen(&server, "httpd", HTTPD_PORT, serve);
	if (err) {
		printk("httpd: cannot serve on port %u: %d\n", HTTPD_PORT, err);
		return;
	}
	printk("httpd: serving on port %u (sink %u, source %u, echo %u)\n",
	       HTTPD_PORT, TCP_SINK_PORT, TCP_SOURCE_PORT, UDP_ECHO_PORT);
	tcp_server_run(&server, WORKERS);
}

APP_REGISTER("httpd", httpd_main);
