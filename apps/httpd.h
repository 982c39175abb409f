/*
 * The showcase web page on port 80: what the kernel discovered (the
 * platform lines, as the boot log and the shell's "platform" print them),
 * the Xen version, our domid and name from XenStore, the uptime, lwIP's
 * memory (net_mem_report()).  Plain text, HTTP/1.0, one request per
 * connection, 4 connections at once, each request read within 10 s.
 * app=httpd runs it with the TCP benchmark servers and UDP echo
 * (apps/tcp_bench.h, apps/udp_echo.h).
 */
#ifndef APPS_HTTPD_H
#define APPS_HTTPD_H

#define HTTPD_PORT	80

/* Serve on threads of its own; net_start() first.  0 or -errno. */
int httpd_start(void);

#endif
