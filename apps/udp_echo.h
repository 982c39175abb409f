/*
 * UDP echo (RFC 862) on port 7, answered on lwIP's tcpip thread, but not
 * to sources apps/echo_policy.h refuses; net_start() first.
 */
#ifndef APPS_UDP_ECHO_H
#define APPS_UDP_ECHO_H

#define UDP_ECHO_PORT	7

/* 0, -ENOMEM, -EADDRINUSE. */
int udp_echo_start(void);

#endif
