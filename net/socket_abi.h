/*
 * What lwIP's socket layer is built on (LWIP_SOCKET_EXTERNAL_HEADERS,
 * net/lwipopts.h): the programs' own headers (include/), so that
 * api/sockets.c reads and writes the structures programs pass, with the
 * numbers programs use (Linux's), and lib/ hands them through as they
 * are.  lwIP's own <lwip/sockets.h> types never reach a program.
 *
 * Below, what lwIP's headers would have defined and its code uses:
 * address helpers and limits.  No errno here: lwIP's kernel-side files
 * include this too (net/arch/cc.h says whose errno each file gets).
 */
#ifndef NET_SOCKET_ABI_H
#define NET_SOCKET_ABI_H

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/time.h>

/* sockaddr_in has no length field (it is Linux's). */
#define SIN_ZERO_LEN	8

#define inet_addr_from_ip4addr(target_inaddr, source_ipaddr) \
	((target_inaddr)->s_addr = ip4_addr_get_u32(source_ipaddr))
#define inet_addr_to_ip4addr(target_ipaddr, source_inaddr) \
	(ip4_addr_set_u32(target_ipaddr, (source_inaddr)->s_addr))

/* sendmsg()'s loop counter type, as msghdr's msg_iovlen. */
typedef size_t msg_iovlen_t;
#define IOV_MAX		1024

/*
 * lwIP's own TCP option, keep_idle in milliseconds, which Linux has not:
 * a number no Linux option uses.  lib/sockopt.c sets it for TCP_KEEPIDLE
 * (seconds); programs never name it.
 */
#define TCP_KEEPALIVE	0x7f01

/* lwip_ioctl()'s commands, Linux's numbers; programs have no ioctl(). */
#define FIONREAD	0x541B
#define FIONBIO		0x5421

/* SO_BINDTODEVICE's argument as lwIP reads it; lib/sockopt.c refuses the
 * option (Linux's takes a name, not this). */
struct ifreq {
	char ifr_name[8];
};

/* Unused: select() is lib/select.c's, on poll (LWIP_SOCKET_SELECT 0). */
#define LWIP_SELECT_MAXNFDS	FD_SETSIZE

#endif
