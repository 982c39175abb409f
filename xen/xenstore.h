/*
 * XenStore client over the shared ring (HVM_PARAM_STORE_PFN/_EVTCHN).
 * Paths without a leading '/' are relative to the domain's home,
 * /local/domain/<domid>.  Calls block the calling thread (never call them
 * from an interrupt handler) and return >= 0 or a negative errno: the one
 * xenstored sent (-ENOENT, -EACCES, -EAGAIN for a transaction conflict,
 * ...), -ETIMEDOUT, -EAGAIN too when xenstored reset the connection under
 * the request (it dropped the request and any transaction: ask again), or
 * -EIO when xenstored broke the protocol, reports an error or cannot be
 * notified (the client then stays disconnected).
 */
#ifndef XEN_XENSTORE_H
#define XEN_XENSTORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint32_t xs_transaction_t;
#define XS_NO_TRANSACTION 0

/*
 * Map the ring and start the client's threads, once xenstored has
 * connected it.  A dom0less domain's store comes late: this waits, on the
 * calling thread, for dom0's init-dom0less to set it up (forever, if dom0
 * never does); a thread that waits so no longer keeps the machine on
 * (thread_background()).  -ENOENT: no XenStore; -EIO: xenstored reports an error;
 * -EFAULT, -ENOMEM, or the event channel's error.
 */
int xenstore_init(void);
/* True once xenstore_init succeeded, until xenstored breaks the ring. */
bool xenstore_available(void);

/*
 * Each call below returns the negative errno described at the top, or
 * -ENOENT before xenstore_init (as with no XenStore), -E2BIG for a
 * request beyond XENSTORE_PAYLOAD_MAX; on success what it says, else 0.
 */

/*
 * Value of path into buf (NUL-terminated, truncated to len - 1): the
 * value's whole length, which may exceed what fitted.
 */
int xs_read(xs_transaction_t t, const char *path, char *buf, size_t len);
int xs_write(xs_transaction_t t, const char *path, const char *value);
int xs_mkdir(xs_transaction_t t, const char *path);
int xs_rm(xs_transaction_t t, const char *path);
/*
 * Children of path as "a\0b\0..." in buf: how many; -E2BIG when they
 * do not fit in len; -EINVAL when xenstored's list is malformed.
 */
int xs_directory(xs_transaction_t t, const char *path, char *buf,
		 size_t len);

/* A new transaction in *t; -EIO if xenstored's id is not a number. */
int xs_transaction_start(xs_transaction_t *t);
/* Commit (or abort) t; -EAGAIN: another writer got in first. */
int xs_transaction_end(xs_transaction_t t, bool commit);
/*
 * Run fn inside a transaction and commit, starting again (up to a bound)
 * when xenstored says another writer got in first (-EAGAIN, also what is
 * returned when every try lost).  fn's own error aborts and is returned.
 */
int xs_transaction_run(int (*fn)(xs_transaction_t t, void *ctx), void *ctx);

/*
 * Call cb(path, ctx) when path or anything below it changes, and once
 * right after registering (XenStore's rule).  Callbacks run on the
 * "xenwatch" thread and may make XenStore calls.
 */
typedef void (*xs_watch_cb)(const char *path, void *ctx);
/* 0; -E2BIG for a path of 256 bytes or more; -ENOSPC with 16 watches. */
int xs_watch(const char *path, xs_watch_cb cb, void *ctx);
/*
 * Remove the watch set with these three: 0 (cb is not called for it
 * again, even for events already queued); -ENOENT if there is none; or
 * the error of xenstored's XS_UNWATCH (the watch is gone from here all
 * the same: at worst xenstored sends events nobody takes).
 */
int xs_unwatch(const char *path, xs_watch_cb cb, void *ctx);

#endif
