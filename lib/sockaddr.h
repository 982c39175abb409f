/*
 * Internal to lib/: the checks and copies of a program's socket
 * addresses (Linux's struct sockaddr_in, which lwIP's socket layer also
 * reads: net/socket_abi.h).  Pure: host-tested (tests/unit/test_sockaddr.c).
 */
#ifndef LIB_SOCKADDR_H
#define LIB_SOCKADDR_H

#include <netinet/in.h>
#include <sys/socket.h>

/*
 * An address a program gives (bind, connect, sendto) into *in, aligned
 * as lwIP wants it: 0, or an errno value: EFAULT (addr NULL), EINVAL
 * (shorter than a sockaddr_in), EAFNOSUPPORT (not AF_INET).
 */
int sockaddr_in_read(const struct sockaddr *addr, socklen_t len,
		     struct sockaddr_in *in);

/*
 * Before a call that gives an address back (accept, recvfrom,
 * getsockname, getpeername): 0 if addr and len may be written (addr
 * NULL: nothing is), else an errno value: EFAULT (len NULL), EINVAL
 * (*len negative as an int, as Linux reads it).
 */
int sockaddr_out_check(const struct sockaddr *addr, const socklen_t *len);

/* in into the program's buffer: at most *len bytes of it, and *len
 * becomes its whole size, as POSIX says.  Nothing if addr is NULL. */
void sockaddr_in_write(const struct sockaddr_in *in, struct sockaddr *addr,
		       socklen_t *len);

#endif
