#include "kernel/errno.h"
#include "kernel/strlist.h"

/*
 * The numbers with a name, smallest first.  One list makes
 * both tables below, so a number and its name cannot drift apart.
 */
#define NAMED_ERRNOS(X) X(EPERM) X(ENOENT) X(ESRCH) X(EIO) X(ENXIO) \
	X(E2BIG) X(EBADF) X(EAGAIN) X(ENOMEM) X(EACCES) X(EFAULT) \
	X(EBUSY) X(EEXIST) X(EXDEV) X(ENODEV) X(ENOTDIR) X(EISDIR) \
	X(EINVAL) X(EMFILE) X(ENOSPC) X(EROFS) X(EPIPE) X(ERANGE) \
	X(ENAMETOOLONG) X(ENOSYS) X(ENOTEMPTY) X(ELOOP) X(EPROTO) \
	X(EMSGSIZE) X(EOPNOTSUPP) X(EADDRINUSE) X(ENETDOWN) \
	X(ECONNABORTED) X(ECONNRESET) X(ENOBUFS) X(EISCONN) X(ENOTCONN) \
	X(ETIMEDOUT) X(ECONNREFUSED) X(EHOSTUNREACH) X(EALREADY) \
	X(EINPROGRESS)

#define AS_NUMBER(e)	e,
#define AS_NAME(e)	#e "\0"

/* Bytes, not ints: every number is below 256 (a larger one would not
 * build: -Woverflow). */
static const unsigned char numbers[] = { 0, NAMED_ERRNOS(AS_NUMBER) };
/*
 * The names as one string list (kernel/strlist.h), in numbers[]'s
 * order: no array of pointers (8 bytes and a relocation per name).
 * Finding one walks the string: this is only for messages.
 */
static const char names[] = "OK\0" NAMED_ERRNOS(AS_NAME);

const char *errno_name(long err)
{
	unsigned long number = err < 0 ? -(unsigned long)err :
		(unsigned long)err;
	const char *name = names;
	unsigned int i;

	for (i = 0; i < sizeof(numbers); i++, name = strlist_next(name))
		if (numbers[i] == number)
			return name;
	return "error";
}
