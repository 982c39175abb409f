/*
 * app=sockets: the socket layer as programs get it, over 127.0.0.1
 * (lwIP's loopback: no Xen, no vif).  The boot test types a line into
 * the console once it is asked for.  Prints "sockets: ok NAME" or
 * "sockets: FAIL NAME: why", then "sockets: PASS (0 failed)" or
 * "sockets: FAIL (N failed)", and exits (0 powers off).
 *
 *   stdin             poll() and select() see typed input waiting, and
 *                     read() takes the line
 *   tcp-threads       4 client threads at once, each its own data through
 *                     an echo thread per connection, checked
 *   tcp-*             read/write, getsockname/getpeername, MSG_PEEK and
 *                     MSG_WAITALL, shutdown, ECONNREFUSED, EADDRINUSE
 *   poll-*, select-*  timeouts, readiness, POLLNVAL and EBADF, console fds
 *   nonblock-*        O_NONBLOCK and SOCK_NONBLOCK: EAGAIN, EINPROGRESS
 *   rcvtimeo          recv() gives EAGAIN after SO_RCVTIMEO, not before
 *   options           SO_REUSEADDR, SO_KEEPALIVE, TCP_NODELAY, SO_ERROR,
 *                     SO_TYPE, TCP_KEEPIDLE, ENOPROTOOPT
 *   udp-*             sendto/recvfrom with addresses, connected UDP
 *   getaddrinfo-*     numeric, localhost, a bad name, bad hints
 *   closed            a closed descriptor is EBADF everywhere
 *   unsupported       AF_INET6, AF_UNIX, SOCK_RAW fail by name
 */
#include <stdio.h>
#include <stdlib.h>

#include "kernel/app.h"
#include "tests/guest/sockets/sockets_test.h"

static void sockets_main(void)
{
	check_stdin();
	check_tcp_threads();
	check_tcp_calls();
	check_poll();
	check_select();
	check_nonblocking();
	check_timeouts();
	check_options();
	check_udp();
	check_getaddrinfo();
	check_inet();
	check_closed();
	check_unsupported();
	printf("sockets: %s (%u failed)\n", failed_checks() ? "FAIL" : "PASS",
	       failed_checks());
	exit(failed_checks() ? 1 : 0);
}

APP_REGISTER("sockets", sockets_main);
