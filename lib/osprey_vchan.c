/*
 * <osprey/vchan.h> on the kernel's vchan (frontends/vchan.h): the waiting
 * loops, and the kernel's errors in the program's numbers.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>

#include <osprey/vchan.h>

#include "kernel/thread.h"
#include "lib/errno_map.h"
#include "frontends/vchan.h"
#include "xen/xenstore.h"

struct osprey_vchan {
	struct vchan v;
};

/* A kernel result as <osprey/...> gives it: >= 0 or -errno. */
static long result(long kernel)
{
	return kernel >= 0 ? kernel : -errno_from_kernel((int)kernel);
}

static int usable(const char *path, struct osprey_vchan **vchan)
{
	if (!path || !path[0] || !vchan)
		return -EINVAL;
	return xenstore_available() ? 0 : -ENODEV;
}

static int open_end(bool server, int peer, const char *path,
		    size_t read_size, size_t write_size,
		    struct osprey_vchan **vchan)
{
	struct osprey_vchan *c;
	int err = usable(path, vchan);

	if (err)
		return err;
	if (peer < 0 || (unsigned int)peer >= DOMID_FIRST_RESERVED)
		return -EINVAL;
	c = malloc(sizeof(*c));
	if (!c)
		return -ENOMEM;
	err = server ? vchan_server_open(&c->v, (domid_t)peer, path,
					 read_size, write_size) :
		       vchan_client_open(&c->v, (domid_t)peer, path);
	if (err) {
		free(c);
		return (int)result(err);
	}
	*vchan = c;
	return 0;
}

int osprey_vchan_server(int peer_domid, const char *path, size_t read_size,
			size_t write_size, struct osprey_vchan **vchan)
{
	return open_end(true, peer_domid, path, read_size, write_size, vchan);
}

int osprey_vchan_client(int peer_domid, const char *path,
			struct osprey_vchan **vchan)
{
	return open_end(false, peer_domid, path, 0, 0, vchan);
}

ssize_t osprey_vchan_read(struct osprey_vchan *c, void *buf, size_t len)
{
	long n;

	if (!c || (!buf && len))
		return -EINVAL;
	if (!len)
		return 0;
	for (;;) {
		n = vchan_read(&c->v, buf, len);
		if (n != 0)
			return result(n);
		/* Gone: what it wrote before closing was read above. */
		if (vchan_peer_state(&c->v) == VCHAN_PEER_GONE) {
			n = vchan_read(&c->v, buf, len);
			return result(n);
		}
		(void)vchan_wait(&c->v, VCHAN_WAIT_DATA, WAIT_FOREVER);
	}
}

ssize_t osprey_vchan_write(struct osprey_vchan *c, const void *buf,
			   size_t len)
{
	size_t done = 0;
	long n;

	if (!c || (!buf && len))
		return -EINVAL;
	while (done < len) {
		n = vchan_write(&c->v, (const char *)buf + done, len - done);
		if (n < 0)
			return result(n);
		done += (size_t)n;
		if (!n)
			(void)vchan_wait(&c->v, VCHAN_WAIT_SPACE, WAIT_FOREVER);
	}
	return (ssize_t)len;
}

ssize_t osprey_vchan_readable(struct osprey_vchan *c)
{
	return c ? result(vchan_readable(&c->v)) : -EINVAL;
}

ssize_t osprey_vchan_writable(struct osprey_vchan *c)
{
	return c ? result(vchan_writable(&c->v)) : -EINVAL;
}

_Static_assert(OSPREY_VCHAN_READABLE == VCHAN_WAIT_DATA &&
	       OSPREY_VCHAN_WRITABLE == VCHAN_WAIT_SPACE,
	       "the program's wait bits are the kernel's");

int osprey_vchan_wait(struct osprey_vchan *c, int events, int timeout_ms)
{
	if (!c || events & ~(OSPREY_VCHAN_READABLE | OSPREY_VCHAN_WRITABLE))
		return -EINVAL;
	return (int)result(vchan_wait(&c->v, (unsigned int)events,
				      timeout_ms < 0 ? WAIT_FOREVER :
						       timeout_ms));
}

int osprey_vchan_peer_state(struct osprey_vchan *c)
{
	return c ? (int)vchan_peer_state(&c->v) : -EINVAL;
}

int osprey_vchan_close(struct osprey_vchan *c)
{
	int err;

	if (!c)
		return -EINVAL;
	err = vchan_close(&c->v);
	free(c);
	return (int)result(err);
}
