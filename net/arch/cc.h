/*
 * lwIP's compiler and platform hooks (lwip/arch.h includes this): a
 * freestanding GCC for aarch64 with picolibc.  lwIP's own ctype and
 * format macros stay: picolibc's would only add its tables.
 */
#ifndef NET_ARCH_CC_H
#define NET_ARCH_CC_H

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>	/* atoi, for netif.c */
#include <sys/types.h>	/* ssize_t */

/*
 * Whose errno.  lwIP's core gives the kernel's numbers (Linux's,
 * kernel/errno.h): the kernel's apps read err_to_errno().  Its socket
 * layer works for programs: api/sockets.c, and lib/'s files that call
 * it, are built with NET_LWIP_PROGRAM_ERRNO (the Makefile;
 * lib/lwip_socket.h).  They set picolibc's errno, each thread's own (in
 * its TLS), with picolibc's numbers; err_to_errno() there is
 * lwip_err_to_program_errno(): lwIP's table (api/err.c) built a second
 * time the same way.
 */
#ifdef NET_LWIP_PROGRAM_ERRNO
#include <errno.h>
#define LWIP_ERRNO_STDINCLUDE	1
#define err_to_errno		lwip_err_to_program_errno
/* err.c's lwip_strerr() needs no second name: without LWIP_DEBUG
 * (lwipopts.h) lwip/err.h makes it a macro and err.c leaves it out. */
#else
#include "kernel/errno.h"
#define LWIP_ERRNO_INCLUDE	"kernel/errno.h"
#endif

#include "kernel/panic.h"
#include "kernel/printk.h"
#include "kernel/random.h"

#define LWIP_NO_INTTYPES_H	1
#define LWIP_NO_CTYPE_H		1
#define LWIP_NO_UNISTD_H	1
/* picolibc's ssize_t is long; without SSIZE_MAX lwip/arch.h would
 * declare its own as int. */
#define SSIZE_MAX		LONG_MAX

/* Only lwIP's debug messages use these; they follow the LP64 model. */
#define X8_F	"02x"
#define U16_F	"u"
#define S16_F	"d"
#define X16_F	"x"
#define U32_F	"u"
#define S32_F	"d"
#define X32_F	"x"
#define SZT_F	"zu"

/* picolibc's <sys/types.h> (through <machine/endian.h>) defines
 * BYTE_ORDER and LITTLE_ENDIAN with the values lwIP uses. */
#ifndef BYTE_ORDER
#define BYTE_ORDER LITTLE_ENDIAN
#endif
#define lwip_htons(x)	__builtin_bswap16(x)
#define lwip_htonl(x)	__builtin_bswap32(x)

/*
 * Packed protocol headers: with -mstrict-align GCC reads their fields
 * bytewise, so a frame needs no padding to align its IP header.
 */
#define PACK_STRUCT_STRUCT	__attribute__((packed))

/*
 * lwIP's own random numbers (DHCP transaction ids, the first ephemeral
 * ports): from the boot's seed (kernel/random.h, net/README.md).  TCP's
 * initial sequence numbers do not use it: LWIP_HOOK_TCP_ISN (lwipopts.h).
 */
#define LWIP_RAND()	((uint32_t)random_u64())

#define LWIP_PLATFORM_DIAG(x)	do { printk x; } while (0)
/* Only when lwipopts.h leaves assertions on (LWIP_NOASSERT undefined). */
#define LWIP_PLATFORM_ASSERT(x)	panic("lwip: assertion failed: %s", x)

#endif
