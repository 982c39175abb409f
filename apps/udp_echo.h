/* UDP echo (RFC 862) on port 7, on its own thread; net_start() first. */
#ifndef APPS_UDP_ECHO_H
#define APPS_UDP_ECHO_H

#define UDP_ECHO_PORT	7

/* 0, -ENOMEM, -EADDRINUSE. */
int udp_echo_start(void);

#endif
