/*
 * The socket layer as programs get it (lib/socket*.c, poll.c, select.c,
 * getaddrinfo.c on lwIP's sockets), on 127.0.0.1 through lwIP's loopback:
 * what each file of this guest checks, and what they share (helpers.c).
 */
#ifndef TESTS_GUEST_SOCKETS_TEST_H
#define TESTS_GUEST_SOCKETS_TEST_H

#include <stdbool.h>
#include <stdint.h>

/* Each check's ports: no two checks share one. */
#define PORT_TCP_THREADS	7001
#define PORT_PAIR_FIRST		7100	/* tcp_pair() counts up from here */
#define PORT_REFUSED		7002
#define PORT_UDP_A		7003
#define PORT_UDP_B		7004
#define PORT_IN_USE		7005
#define PORT_NONBLOCK		7006

/* "sockets: ok NAME", or "sockets: FAIL NAME: why" and one more failure. */
void verdict(const char *name, bool ok, const char *why);

/* How many verdicts failed so far. */
unsigned int failed_checks(void);

/* CLOCK_MONOTONIC in milliseconds. */
uint64_t now_ms(void);

/*
 * A connected TCP pair over 127.0.0.1 (a listener on a port of its own,
 * closed once it accepted): 0, or -1 with errno.
 */
int tcp_pair(int *client, int *server);

/* stdin's readiness (a line is typed by the boot test), then the rest. */
void check_stdin(void);
/* tcp.c */
void check_tcp_threads(void);
void check_tcp_calls(void);
void check_closed(void);
void check_unsupported(void);
/* wait.c */
void check_poll(void);
void check_select(void);
void check_nonblocking(void);
void check_timeouts(void);
void check_options(void);
/* udp.c */
void check_udp(void);
/* names.c */
void check_getaddrinfo(void);
void check_inet(void);

#endif
