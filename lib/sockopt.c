/*
 * setsockopt() and getsockopt() on lwIP's socket layer, which knows
 * Linux's option numbers (net/socket_abi.h).  Here: what lwIP reads
 * differently from Linux.  A timeout under a millisecond is one, not
 * none (lwIP rounds down to 0, which means none); boolean options read
 * back as 0 or 1; TCP_KEEPIDLE (seconds) is lwIP's TCP_KEEPALIVE
 * (milliseconds).  What lwIP does not know fails with ENOPROTOOPT.
 */
#include "lib/lwip_socket.h"

#include <errno.h>
#include <limits.h>
#include <netinet/tcp.h>
#include <stdbool.h>
#include <sys/socket.h>
#include <sys/time.h>

#define USEC_PER_SEC	1000000
#define KEEPIDLE_MAX_S	32767	/* Linux's MAX_TCP_KEEPIDLE */

static int fail(int err)
{
	errno = err;
	return -1;
}

static bool is_timeout(int level, int name)
{
	return level == SOL_SOCKET &&
	       (name == SO_RCVTIMEO || name == SO_SNDTIMEO);
}

static bool is_flag(int level, int name)
{
	return level == SOL_SOCKET && (name == SO_REUSEADDR ||
	       name == SO_KEEPALIVE || name == SO_BROADCAST);
}

static bool is_keepidle(int level, int name)
{
	return level == IPPROTO_TCP && name == TCP_KEEPIDLE;
}

/*
 * A struct timeval as lwIP will read it: whole milliseconds, rounded up,
 * at most INT_MAX (24 days: as good as none).  0, or EDOM (a negative
 * time, or tv_usec not a fraction of a second).
 */
static int timeout_ms(const struct timeval *tv, struct timeval *out)
{
	long long ms = INT_MAX;

	if (tv->tv_sec < 0 || tv->tv_usec < 0 || tv->tv_usec >= USEC_PER_SEC)
		return EDOM;
	if (tv->tv_sec < INT_MAX / 1000)
		ms = (long long)tv->tv_sec * 1000 + (tv->tv_usec + 999) / 1000;
	out->tv_sec = (time_t)(ms / 1000);
	out->tv_usec = (suseconds_t)(ms % 1000 * 1000);
	return 0;
}

int setsockopt(int fd, int level, int name, const void *value,
	       socklen_t len)
{
	struct timeval tv;
	int err, ms;

	if (!value)
		return fail(EFAULT);
	if (is_timeout(level, name)) {
		if (len < sizeof(tv))
			return fail(EINVAL);
		err = timeout_ms(value, &tv);
		if (err)
			return fail(err);
		return lwip_setsockopt(fd, level, name, &tv, sizeof(tv));
	}
	if (is_keepidle(level, name)) {
		if (len < sizeof(int))
			return fail(EINVAL);
		ms = *(const int *)value;
		if (ms < 1 || ms > KEEPIDLE_MAX_S)
			return fail(EINVAL);
		ms *= 1000;
		return lwip_setsockopt(fd, IPPROTO_TCP, TCP_KEEPALIVE, &ms,
				       sizeof(ms));
	}
	/* Linux's takes a device name; lwIP's a struct of its own. */
	if (level == SOL_SOCKET && name == SO_BINDTODEVICE)
		return fail(ENOPROTOOPT);
	return lwip_setsockopt(fd, level, name, value, len);
}

int getsockopt(int fd, int level, int name, void *value, socklen_t *len)
{
	int ms;
	socklen_t ms_len = sizeof(ms);

	if (!value || !len)
		return fail(EFAULT);
	if (is_keepidle(level, name)) {
		if (*len < sizeof(int))
			return fail(EINVAL);
		if (lwip_getsockopt(fd, IPPROTO_TCP, TCP_KEEPALIVE, &ms,
				    &ms_len) < 0)
			return -1;
		*(int *)value = ms / 1000;
		*len = sizeof(int);
		return 0;
	}
	if (lwip_getsockopt(fd, level, name, value, len) < 0)
		return -1;
	/* lwIP gives the option's bit (SO_KEEPALIVE is 8 inside it). */
	if (is_flag(level, name))
		*(int *)value = *(int *)value != 0;
	return 0;
}
