/* Error numbers: the Linux values, which Xen's public errno.h also uses. */
#ifndef KERNEL_ERRNO_H
#define KERNEL_ERRNO_H

#define EPERM		1
#define ENOENT		2
#define EIO		5
#define E2BIG		7
#define EBADF		9
#define EAGAIN		11
#define ENOMEM		12
#define EFAULT		14
#define EACCES		13
#define EBUSY		16
#define EEXIST		17
#define EISDIR		21
#define EINVAL		22
#define ENOSPC		28
#define EROFS		30
#define ERANGE		34
#define ENAMETOOLONG	36
#define ENOSYS		38
#define ENOTEMPTY	39
#define EPROTO		71
#define EMSGSIZE	90
#define ENETDOWN	100
#define ENOBUFS		105
#define EISCONN		106
#define ETIMEDOUT	110
#define EALREADY	114
#define ESRCH		3

#endif
