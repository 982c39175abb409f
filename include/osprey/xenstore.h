/*
 * XenStore: the tree of settings Xen's toolstack keeps for each domain
 * (dom0's xenstore-read, xenstore-write and xenstore-watch see the same).
 * A path without a leading '/' is relative to this domain's home,
 * /local/domain/DOMID; "name" is the domain's name.
 *
 * Each call waits for xenstored in dom0 to answer (a round trip between
 * domains: never call one where that cannot wait) and returns a result
 * >= 0, or a negative errno value of <errno.h>:
 *
 *   -ENODEV     no XenStore: not on Xen, Xen's control domain, a domain
 *               built without one (dom0less without "xen,enhanced"), one
 *               whose store dom0 has not set up yet (a dom0less domain
 *               waits for dom0's init-dom0less), or a connection that
 *               xenstored broke
 *   -ENOENT     no such node
 *   -EACCES     the node's permissions refuse it
 *   -EINVAL     a NULL or empty path, or one xenstored refuses
 *   -E2BIG      a request beyond XenStore's 4096-byte message
 *   -ETIMEDOUT  xenstored did not answer within 10 s
 *   -EAGAIN     xenstored reset the connection under the request: ask
 *               again
 *   -EIO        xenstored broke the protocol
 *
 * and the other refusals xenstored names (-ENOSPC, -EEXIST, -EPERM, ...).
 */
#ifndef OSPREY_XENSTORE_H
#define OSPREY_XENSTORE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The value of path into buf, NUL-terminated and cut to len - 1 bytes:
 * the value's whole length, which is more than what fitted when it was
 * cut.  buf may be NULL when len is 0.
 */
int osprey_xenstore_read(const char *path, char *buf, size_t len);

/* Write value at path, making the nodes above it as needed: 0. */
int osprey_xenstore_write(const char *path, const char *value);

/*
 * The names of path's children into buf, each ending with a NUL
 * ("backend\0device\0..."): how many.  -E2BIG when they do not fit in
 * len bytes.
 */
int osprey_xenstore_directory(const char *path, char *buf, size_t len);

/*
 * Watches.  XenStore tells a watcher that path, or a node below it,
 * changed (written, removed, or its permissions set); the watcher reads
 * what it wants to know.  A program waits for the next change in a
 * thread of its own choosing, with a time limit, instead of being called
 * back: the kernel's thread that delivers the events also delivers the
 * disks' and network's backend changes and `xl shutdown`, and a
 * program's code that blocked there (on a lock, the console, a socket)
 * would hold all of them up.
 */
struct osprey_xenstore_watch;

/*
 * Watch path (and everything below it): 0, with the watch in *watch.
 * XenStore reports one change at once, for path itself, as its rule is.
 * -E2BIG for a path of 256 bytes or more, -ENOSPC when 16 watches are
 * set (the kernel's own among them), -ENOMEM when no memory is left for
 * it.
 */
int osprey_xenstore_watch(const char *path,
			  struct osprey_xenstore_watch **watch);

/*
 * Wait for the watch's next change, at most timeout_ms milliseconds (-1:
 * for ever; 0: only look): the changed node's path into buf as
 * osprey_xenstore_read() fills it, and its length.  -ETIMEDOUT when none
 * came in time.  Up to 8 changes wait for the program; those that come
 * after, before it looks, are merged into one change naming the watched
 * path itself, given after the 8: read again all that matters below it.
 * One thread waits on a watch at a time.
 */
int osprey_xenstore_watch_wait(struct osprey_xenstore_watch *watch,
			       char *buf, size_t len, int timeout_ms);

/*
 * Stop watching and free the watch (also when the result is an error:
 * then xenstored's refusal to forget it, which at worst sends changes no
 * one takes): 0.  No thread may be waiting on it.
 */
int osprey_xenstore_unwatch(struct osprey_xenstore_watch *watch);

#ifdef __cplusplus
}
#endif

#endif
