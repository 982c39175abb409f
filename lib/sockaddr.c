/*
 * A program's socket addresses, checked and copied (lib/sockaddr.h).
 */
#include <errno.h>
#include <string.h>

#include "lib/sockaddr.h"

int sockaddr_in_read(const struct sockaddr *addr, socklen_t len,
		     struct sockaddr_in *in)
{
	if (!addr)
		return EFAULT;
	if (len < sizeof(*in))
		return EINVAL;
	/* The program's buffer may be any struct: copy before reading. */
	memcpy(in, addr, sizeof(*in));
	if (in->sin_family != AF_INET)
		return EAFNOSUPPORT;
	memset(in->sin_zero, 0, sizeof(in->sin_zero));
	return 0;
}

int sockaddr_out_check(const struct sockaddr *addr, const socklen_t *len)
{
	if (!addr)
		return 0;
	if (!len)
		return EFAULT;
	return (int)*len < 0 ? EINVAL : 0;
}

void sockaddr_in_write(const struct sockaddr_in *in, struct sockaddr *addr,
		       socklen_t *len)
{
	if (!addr)
		return;
	memcpy(addr, in, *len < sizeof(*in) ? *len : sizeof(*in));
	*len = sizeof(*in);
}
