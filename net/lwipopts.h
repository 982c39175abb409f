/*
 * lwIP's configuration (lwip/opt.h has every option and its default).
 * IPv4 with ARP, ICMP, UDP, TCP, a DHCP client and DNS, on threads
 * (NO_SYS 0): the netconn API for the kernel's apps, and lwIP's BSD
 * sockets for programs (lib/, net/README.md "Sockets for programs").
 * Sized for one or two 1500-byte-MTU vifs on a bridge, and for moving
 * bulk TCP data fast: a full-sized window of segments must fit in the
 * receive buffers and the send buffer in the heap.
 */
#ifndef NET_LWIPOPTS_H
#define NET_LWIPOPTS_H

#define NO_SYS				0
#define SYS_LIGHTWEIGHT_PROT		1
/*
 * The apps' netconn calls run the stack on their own thread under one
 * lock instead of a message round trip to the tcpip thread per call.
 */
#define LWIP_TCPIP_CORE_LOCKING		1
#define LWIP_TCPIP_CORE_LOCKING_INPUT	0

/*
 * No assertion strings in the image (statistics: see below).  LWIP_DEBUG
 * stays undefined: lwIP tests it with #ifdef, so even "0" would keep
 * every LWIP_ERROR() message string and print it (lwip/debug.h).  Its
 * checks stay either way: LWIP_ERROR() still runs its handler.  Undefined
 * also drops what only debugging reads: lwip_strerr()'s sentences, the
 * pools' names, TCP_OVERSIZE's count kept for an assertion.
 */
#define LWIP_NOASSERT			1

#define LWIP_IPV4			1
#define LWIP_IPV6			0
#define LWIP_ARP			1
#define LWIP_ETHERNET			1
#define LWIP_ICMP			1
#define LWIP_UDP			1
#define LWIP_TCP			1
#define LWIP_DHCP			1
/* ACD delays a DHCP lease by seconds of probes; a bridge is not a LAN. */
#define LWIP_DHCP_DOES_ACD_CHECK	0
#define LWIP_ACD			0
#define LWIP_AUTOIP			0
#define LWIP_IGMP			0
/*
 * Names for programs' getaddrinfo() (lib/dns.c), servers from DHCP.  On
 * in every image (lwIP starts its timer and DHCP asks for servers), as
 * lwIP is built once for all of them.
 */
#define LWIP_DNS			1
/* raw PCBs: the shell's ping (apps/net_cmd.c). */
#define LWIP_RAW			1
#define IP_REASSEMBLY			0
#define IP_FRAG				0

#define LWIP_NETCONN			1
#define LWIP_NETIF_API			0
#define LWIP_SO_RCVTIMEO		1
#define LWIP_SO_SNDTIMEO		1
/* SO_REUSEADDR: a server restarted binds its port again at once. */
#define SO_REUSE			1

/*
 * lwIP's BSD sockets (api/sockets.c) under programs' POSIX calls (lib/):
 * linked only into an image whose program makes a socket.  Its numbers
 * are the descriptors themselves, after the console's 0, 1 and 2
 * (lib/fd.h).  It is built on the programs' own socket headers
 * (include/, Linux's layouts and numbers: net/socket_abi.h), so nothing
 * is converted between them, and with their errno (net/arch/cc.h);
 * lwIP's names (lwip_socket, ...) stay its own: programs never see them.
 */
#define LWIP_SOCKET			1
#define LWIP_SOCKET_OFFSET		3
#define LWIP_COMPAT_SOCKETS		0
#define LWIP_POSIX_SOCKETS_IO_NAMES	0
#define LWIP_SOCKET_EXTERNAL_HEADERS	1
#define LWIP_SOCKET_EXTERNAL_HEADER_SOCKETS_H	"net/socket_abi.h"
#define LWIP_SOCKET_EXTERNAL_HEADER_INET_H	"net/socket_abi.h"
#define LWIP_TIMEVAL_PRIVATE		0
/* poll() only: lib/select.c is select() on it. */
#define LWIP_SOCKET_SELECT		0
#define LWIP_SOCKET_POLL		1
/* htonl() and friends are picolibc's (<arpa/inet.h>); lwIP's code
 * calls its own lwip_htonl(). */
#define LWIP_DONT_PROVIDE_BYTEORDER_FUNCTIONS	1
/* lwIP's getaddrinfo() is not used (lib/getaddrinfo.c): no pool for it. */
#define MEMP_NUM_NETDB			0
#define LWIP_TCP_KEEPALIVE		0

/* 127.0.0.1 works (and tests the stack without Xen). */
#define LWIP_NETIF_LOOPBACK		1
#define LWIP_HAVE_LOOPIF		1
#define LWIP_LOOPBACK_MAX_PBUFS		16
#define LWIP_NETIF_STATUS_CALLBACK	1
#define LWIP_NETIF_LINK_CALLBACK	0
#define LWIP_NETIF_REMOVE_CALLBACK	0
/* A backend that validates checksums lets a vif skip them. */
#define LWIP_CHECKSUM_CTRL_PER_NETIF	1

#define MEM_ALIGNMENT			8
/*
 * Memory: each kind has its own limit, so that a flood of one cannot
 * starve the others (net/README.md, "Memory", says why each is sized so).
 *
 *  - The heap: TCP send buffers (TCP_SND_BUF a connection at most),
 *    loopback copies, a packet waiting for ARP, mailbox slots.  Pages
 *    net_start() takes, so a guest that never starts the stack carries
 *    none of it.
 *  - lwIP's pools, static (.bss, about 23 KiB): real limits, as they are
 *    not with MEMP_MEM_MALLOC, which made every pool a heap allocation
 *    (a SYN flood then filled the heap, and every frame was dropped).
 *  - Received frames: net/rx_pool.c's buffers, pages taken with the first
 *    link, not lwIP's PBUF_POOL (which would be 100 KiB of .bss in every
 *    guest, vif or not).
 */
#define MEMP_MEM_MALLOC			0
#define MEM_SIZE			(256 * 1024)
/* Set by net_start() before lwIP starts (net/net.c). */
extern unsigned char *net_heap;
#define LWIP_RAM_HEAP_POINTER		net_heap
#define LWIP_SUPPORT_CUSTOM_PBUF	1
#define PBUF_POOL_SIZE			0

/*
 * TCP: a 32-segment window for a 1500-byte MTU.  TCP_MSS is the largest
 * segment lwIP builds, not what it advertises (its netif's MTU bounds
 * both): ten wire segments, for links whose device cuts them (TSO,
 * net/tso.h); on every other link, segments are the MTU's.  lwIP asks
 * for TCP_MSS <= 16382 and a low-water mark 4 segments below 64 KiB.
 * Writes allocate up to two wire segments ahead, so that a large
 * segment is a few buffers, and a small write on a TSO link does not
 * hold a large one.
 */
#define TCP_MSS				(10 * 1460)
#define TCP_WND				(32 * 1460)
#define TCP_SND_BUF			(4 * TCP_MSS)
#define TCP_SNDLOWAT			(4 * 1460)
#define TCP_SND_QUEUELEN		(4 * TCP_SND_BUF / 1460)
#define TCP_OVERSIZE			(2 * 1460)
#define LWIP_TCP_SACK_OUT		0
#define TCP_QUEUE_OOSEQ			1
#define LWIP_WND_SCALE			0

/*
 * Connections: the servers' workers and backlogs (apps/: 4 for httpd, 2
 * each for the TCP sink and source, each with a backlog of 4) take 20 at
 * most, the SYN queue 16 (NET_SYN_QUEUE_MAX, net/tcp_guard.c), and lwIP
 * kills the oldest TIME_WAIT one for a new one (tcp_alloc()).
 */
#define MEMP_NUM_TCP_PCB		40
#define MEMP_NUM_TCP_PCB_LISTEN		4
#define TCP_LISTEN_BACKLOG		1
#define TCP_DEFAULT_LISTEN_BACKLOG	4
/* The SYN queue's hook (net/tcp_guard.c). */
#define LWIP_TCP_PCB_NUM_EXT_ARGS	1
/* One sender's full queue, a SYN|ACK per SYN_RCVD, and room for more. */
#define MEMP_NUM_TCP_SEG		(TCP_SND_QUEUELEN + 48)
/* A connection's receive queue, in segments: one window of full ones. */
#define DEFAULT_TCP_RECVMBOX_SIZE	32
#define DEFAULT_ACCEPTMBOX_SIZE		8
/*
 * Keepalive on the servers' connections (net_tcp_listen()): a peer gone
 * without a word is dropped after 20 s of silence and 3 probes 5 s apart.
 * LWIP_TCP_KEEPALIVE would only make these settable per connection.
 */
#define TCP_KEEPIDLE_DEFAULT		20000
#define TCP_KEEPINTVL_DEFAULT		5000
#define TCP_KEEPCNT_DEFAULT		3
/* RFC 6528 initial sequence numbers, and SYN cookies: the ACK of one
 * rebuilds its connection before TCP looks it up (net/tcp_guard.c). */
#define LWIP_HOOK_FILENAME		"net/tcp_guard.h"
#define LWIP_HOOK_TCP_ISN		net_tcp_isn
#define LWIP_HOOK_IP4_INPUT		net_link_ip4_input
#define LWIP_HOOK_TCP_OUT_ADD_TCPOPTS	net_link_tcp_out_opts

/* DHCP, the UDP echo, DNS (a random source port per query, up to 4)
 * and programs' sockets. */
#define MEMP_NUM_UDP_PCB		8
#define MEMP_NUM_RAW_PCB		2
#define MEMP_NUM_NETCONN		24
#define MEMP_NUM_NETBUF			4
#define MEMP_NUM_PBUF			32
#define MEMP_NUM_TCPIP_MSG_API		8
/* Frames queued for the tcpip thread: half the receive buffers. */
#define MEMP_NUM_TCPIP_MSG_INPKT	32
/*
 * Neighbours: room for every address a SYN flood's spoofed sources use
 * at once (the flood suite's 50).  With 8, each SYN-ACK to an address
 * not in the table took the oldest entry and sent a new ARP request: a
 * broadcast to every host on the bridge for each SYN (4,780 a second).
 */
#define ARP_TABLE_SIZE			64
/* The last packet to a neighbour not yet resolved waits, not a queue. */
#define ARP_QUEUEING			0

/*
 * The heap's and the pools' figures for net_mem_report() (the shell's
 * ifconfig, the httpd page); no other statistics.
 */
#define LWIP_STATS			1
#define LWIP_STATS_DISPLAY		0
#define LINK_STATS			0
#define ETHARP_STATS			0
#define IP_STATS			0
#define ICMP_STATS			0
#define UDP_STATS			0
#define TCP_STATS			0
#define SYS_STATS			0
#define MEM_STATS			1
#define MEMP_STATS			1

/* Threads: the tcpip thread above the apps (7), below XenStore (2-4). */
#define TCPIP_THREAD_NAME		"tcpip"
#define TCPIP_THREAD_STACKSIZE		(16 * 1024)
#define TCPIP_THREAD_PRIO		5
#define TCPIP_MBOX_SIZE			64
#define DEFAULT_THREAD_STACKSIZE	(16 * 1024)
#define DEFAULT_UDP_RECVMBOX_SIZE	8
#define DEFAULT_RAW_RECVMBOX_SIZE	8

#endif
