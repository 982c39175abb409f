/* Error numbers: the Linux values, which Xen's public errno.h also uses. */
#ifndef KERNEL_ERRNO_H
#define KERNEL_ERRNO_H

/* A short name for -err or err ("EINVAL"), for messages; "error" for a
 * number without one here. */
const char *errno_name(long err);

#define EPERM		1
#define ENOENT		2
#define ESRCH		3
#define EIO		5
#define ENXIO		6
#define E2BIG		7
#define EBADF		9
#define EAGAIN		11
#define EWOULDBLOCK	EAGAIN
#define ENOMEM		12
#define EFAULT		14
#define EACCES		13
#define EBUSY		16
#define EEXIST		17
#define EXDEV		18
#define ENODEV		19
#define ENOTDIR		20
#define EISDIR		21
#define EMFILE		24
#define EINVAL		22
#define ENOSPC		28
#define EROFS		30
#define EPIPE		32
#define ERANGE		34
#define ENAMETOOLONG	36
#define ENOSYS		38
#define ENOTEMPTY	39
#define ELOOP		40
#define EPROTO		71
#define EMSGSIZE	90
#define EOPNOTSUPP	95
#define EADDRINUSE	98
#define ENETDOWN	100
#define ECONNABORTED	103
#define ECONNRESET	104
#define ENOBUFS		105
#define EISCONN		106
#define ENOTCONN	107
#define ETIMEDOUT	110
#define ECONNREFUSED	111
#define EHOSTUNREACH	113
#define EALREADY	114
#define EINPROGRESS	115

#endif
