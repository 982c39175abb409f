/*
 * Both sets of numbers in one file: the kernel's are read first into an
 * enum and their macros dropped, then picolibc's <errno.h> is included.
 */
#include "kernel/errno.h"
#include "lib/errno_map.h"

enum kernel_errno {
	K_EPERM = EPERM,
	K_ENOENT = ENOENT,
	K_ESRCH = ESRCH,
	K_EIO = EIO,
	K_ENXIO = ENXIO,
	K_E2BIG = E2BIG,
	K_EBADF = EBADF,
	K_EAGAIN = EAGAIN,
	K_ENOMEM = ENOMEM,
	K_EFAULT = EFAULT,
	K_EACCES = EACCES,
	K_EBUSY = EBUSY,
	K_EEXIST = EEXIST,
	K_ENODEV = ENODEV,
	K_EISDIR = EISDIR,
	K_EINVAL = EINVAL,
	K_ENOSPC = ENOSPC,
	K_EROFS = EROFS,
	K_EPIPE = EPIPE,
	K_ERANGE = ERANGE,
	K_ENAMETOOLONG = ENAMETOOLONG,
	K_ENOSYS = ENOSYS,
	K_ENOTEMPTY = ENOTEMPTY,
	K_ELOOP = ELOOP,
	K_EPROTO = EPROTO,
	K_EMSGSIZE = EMSGSIZE,
	K_EOPNOTSUPP = EOPNOTSUPP,
	K_EADDRINUSE = EADDRINUSE,
	K_ENETDOWN = ENETDOWN,
	K_ECONNABORTED = ECONNABORTED,
	K_ECONNRESET = ECONNRESET,
	K_ENOBUFS = ENOBUFS,
	K_EISCONN = EISCONN,
	K_ENOTCONN = ENOTCONN,
	K_ETIMEDOUT = ETIMEDOUT,
	K_ECONNREFUSED = ECONNREFUSED,
	K_EHOSTUNREACH = EHOSTUNREACH,
	K_EALREADY = EALREADY,
	K_EINPROGRESS = EINPROGRESS,
	K_EMFILE = EMFILE,
	K_ENOTDIR = ENOTDIR,
	K_EXDEV = EXDEV,
};

#undef EPERM
#undef ENOENT
#undef ESRCH
#undef EIO
#undef ENXIO
#undef E2BIG
#undef EBADF
#undef EAGAIN
#undef ENOMEM
#undef EFAULT
#undef EACCES
#undef EBUSY
#undef EEXIST
#undef ENODEV
#undef EISDIR
#undef EINVAL
#undef ENOSPC
#undef EROFS
#undef EPIPE
#undef ERANGE
#undef ENAMETOOLONG
#undef ENOSYS
#undef ENOTEMPTY
#undef ELOOP
#undef EPROTO
#undef EMSGSIZE
#undef EOPNOTSUPP
#undef EADDRINUSE
#undef ENETDOWN
#undef ECONNABORTED
#undef ECONNRESET
#undef ENOBUFS
#undef EISCONN
#undef ENOTCONN
#undef ETIMEDOUT
#undef ECONNREFUSED
#undef EHOSTUNREACH
#undef EALREADY
#undef EINPROGRESS
#undef EWOULDBLOCK
#undef EMFILE
#undef ENOTDIR
#undef EXDEV

#include <errno.h>

/* Bytes: both sets' numbers are below 256 (a larger one would not
 * build: -Woverflow), and two bytes a pair instead of eight. */
static const struct {
	unsigned char kernel, program;
} errno_pairs[] = {
	{ K_EPERM, EPERM },
	{ K_ENOENT, ENOENT },
	{ K_ESRCH, ESRCH },
	{ K_EIO, EIO },
	{ K_ENXIO, ENXIO },
	{ K_E2BIG, E2BIG },
	{ K_EBADF, EBADF },
	{ K_EAGAIN, EAGAIN },
	{ K_ENOMEM, ENOMEM },
	{ K_EFAULT, EFAULT },
	{ K_EACCES, EACCES },
	{ K_EBUSY, EBUSY },
	{ K_EEXIST, EEXIST },
	{ K_ENODEV, ENODEV },
	{ K_EISDIR, EISDIR },
	{ K_EINVAL, EINVAL },
	{ K_ENOSPC, ENOSPC },
	{ K_EROFS, EROFS },
	{ K_EPIPE, EPIPE },
	{ K_ERANGE, ERANGE },
	{ K_ENAMETOOLONG, ENAMETOOLONG },
	{ K_ENOSYS, ENOSYS },
	{ K_ENOTEMPTY, ENOTEMPTY },
	{ K_ELOOP, ELOOP },
	{ K_EPROTO, EPROTO },
	{ K_EMSGSIZE, EMSGSIZE },
	{ K_EOPNOTSUPP, EOPNOTSUPP },
	{ K_EADDRINUSE, EADDRINUSE },
	{ K_ENETDOWN, ENETDOWN },
	{ K_ECONNABORTED, ECONNABORTED },
	{ K_ECONNRESET, ECONNRESET },
	{ K_ENOBUFS, ENOBUFS },
	{ K_EISCONN, EISCONN },
	{ K_ENOTCONN, ENOTCONN },
	{ K_ETIMEDOUT, ETIMEDOUT },
	{ K_ECONNREFUSED, ECONNREFUSED },
	{ K_EHOSTUNREACH, EHOSTUNREACH },
	{ K_EALREADY, EALREADY },
	{ K_EINPROGRESS, EINPROGRESS },
	{ K_EMFILE, EMFILE },
	{ K_ENOTDIR, ENOTDIR },
	{ K_EXDEV, EXDEV },
};

int errno_from_kernel(int result)
{
	unsigned int i;

	if (result >= 0)
		return 0;
	for (i = 0; i < sizeof(errno_pairs) / sizeof(errno_pairs[0]); i++)
		if (errno_pairs[i].kernel == -result)
			return errno_pairs[i].program;
	return EIO;
}

int errno_to_kernel(int err)
{
	unsigned int i;

	for (i = 0; i < sizeof(errno_pairs) / sizeof(errno_pairs[0]); i++)
		if (errno_pairs[i].program == err)
			return -errno_pairs[i].kernel;
	return -K_EIO;
}

const char *errno_text(int err)
{
	return errno_name(errno_to_kernel(err));
}
