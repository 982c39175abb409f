/*
 * XenStore client over the shared ring (HVM_PARAM_STORE_PFN/_EVTCHN).
 * Paths without a leading '/' are relative to the domain's home,
 * /local/domain/<domid>.  Calls block the calling thread (never call them
 * from an interrupt handler) and return >= 0 or a negative errno: the one
 * xenstored sent (-ENOENT, -EACCES, -EAGAIN for a transaction conflict,
 * ...), -ETIMEDOUT, -EAGAIN too when xenstored reset the connection under
 * the request (it dropped the request and any transaction: ask again), or
 * -EIO when xenstored broke the protocol or reports an error.
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
bool xenstore_available(void);

/* Value of path into buf (NUL-terminated, truncated to len - 1). */
int xs_read(xs_transaction_t t, const char *path, char *buf, size_t len);
int xs_write(xs_transaction_t t, const char *path, const char *value);
int xs_mkdir(xs_transaction_t t, const char *path);
int xs_rm(xs_transaction_t t, const char *path);
/* Children of path as "a\0b\0..." in buf; returns how many. */
int xs_directory(xs_transaction_t t, const char *path, char *buf,
		 size_t len);

int xs_transaction_start(xs_transaction_t *t);
int xs_transaction_end(xs_transaction_t t, bool commit);
/*
 * Run fn inside a transaction and commit, starting again (up to a bound)
 * when xenstored says another writer got in first (-EAGAIN).
 */
int xs_transaction_run(int (*fn)(xs_transaction_t t, void *ctx), void *ctx);

/*
 * Call cb(path, ctx) when path or anything below it changes, and once
 * right after registering (XenStore's rule).  Callbacks run on the
 * "xenwatch" thread and may make XenStore calls.
 */
typedef void (*xs_watch_cb)(const char *path, void *ctx);
int xs_watch(const char *path, xs_watch_cb cb, void *ctx);
int xs_unwatch(const char *path);

#endif
