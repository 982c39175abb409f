/*
 * <osprey/xenstore.h> on the kernel's XenStore client (xen/xenstore.h).
 * A watch is the kernel's, whose callback (on the xenwatch thread) only
 * queues the path for the program's thread to take.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <osprey/xenstore.h>

#include "kernel/mutex.h"
#include "kernel/sem.h"
#include "kernel/thread.h"
#include "lib/errno_map.h"
#include "xen/xenstore.h"

#define WATCH_QUEUE	8
#define PATH_LEN	256

/*
 * The changes not yet taken: queue[] under lock, written by the
 * callback on the xenwatch thread and taken by the program's waiting
 * thread; pending is given once a change is queued (a count of at most
 * 1: the waiter looks at the queue itself).
 */
struct osprey_xenstore_watch {
	char path[PATH_LEN];
	struct mutex lock;
	struct sem pending;
	char queue[WATCH_QUEUE][PATH_LEN];
	unsigned int head, count;
	bool merged;		/* changes beyond the queue came */
};

/* A kernel result as <osprey/...> gives it: >= 0 or -errno. */
static int result(int kernel)
{
	return kernel >= 0 ? kernel : -errno_from_kernel(kernel);
}

/* -ENODEV without a usable store, -EINVAL for a path no one can ask
 * for; else 0. */
static int usable(const char *path)
{
	if (!path || !path[0])
		return -EINVAL;
	return xenstore_available() ? 0 : -ENODEV;
}

int osprey_xenstore_read(const char *path, char *buf, size_t len)
{
	int err = usable(path);

	if (err)
		return err;
	if (!buf && len)
		return -EINVAL;
	return result(xs_read(XS_NO_TRANSACTION, path, buf, len));
}

int osprey_xenstore_write(const char *path, const char *value)
{
	int err = usable(path);

	if (err)
		return err;
	if (!value)
		return -EINVAL;
	return result(xs_write(XS_NO_TRANSACTION, path, value));
}

int osprey_xenstore_directory(const char *path, char *buf, size_t len)
{
	int err = usable(path);

	if (err)
		return err;
	if (!buf || !len)
		return -EINVAL;
	return result(xs_directory(XS_NO_TRANSACTION, path, buf, len));
}

/* On the xenwatch thread: queue it and return (never wait here). */
static void changed(const char *path, void *ctx)
{
	struct osprey_xenstore_watch *w = ctx;

	mutex_lock(&w->lock, WAIT_FOREVER);
	if (w->count < WATCH_QUEUE) {
		strncpy(w->queue[(w->head + w->count) % WATCH_QUEUE], path,
			PATH_LEN - 1);
		w->queue[(w->head + w->count) % WATCH_QUEUE][PATH_LEN - 1] =
			'\0';
		w->count++;
	} else {
		w->merged = true;
	}
	mutex_unlock(&w->lock);
	ksem_give(&w->pending);
}

int osprey_xenstore_watch(const char *path,
			  struct osprey_xenstore_watch **watch)
{
	struct osprey_xenstore_watch *w;
	int err = usable(path);

	if (err)
		return err;
	if (!watch)
		return -EINVAL;
	if (strlen(path) >= PATH_LEN)
		return -E2BIG;
	w = calloc(1, sizeof(*w));
	if (!w)
		return -ENOMEM;
	memcpy(w->path, path, strlen(path) + 1);
	mutex_init(&w->lock);
	ksem_init(&w->pending, 0, 1);
	err = xs_watch(w->path, changed, w);
	if (err) {
		free(w);
		return result(err);
	}
	*watch = w;
	return 0;
}

/* The next change into buf: its length, or -1 when there is none. */
static int take(struct osprey_xenstore_watch *w, char *buf, size_t len)
{
	const char *path = NULL;
	int n;

	mutex_lock(&w->lock, WAIT_FOREVER);
	if (w->count) {
		path = w->queue[w->head];
	} else if (w->merged) {
		path = w->path;
		w->merged = false;
	}
	n = path ? (int)strlen(path) : -1;
	if (path && len) {
		size_t copy = (size_t)n < len - 1 ? (size_t)n : len - 1;

		memcpy(buf, path, copy);
		buf[copy] = '\0';
	}
	if (w->count) {
		w->head = (w->head + 1) % WATCH_QUEUE;
		w->count--;
	}
	mutex_unlock(&w->lock);
	return n;
}

int osprey_xenstore_watch_wait(struct osprey_xenstore_watch *w,
			       char *buf, size_t len, int timeout_ms)
{
	uint64_t deadline = sched_now_ms() +
			    (timeout_ms > 0 ? (uint64_t)timeout_ms : 0);
	int n;

	if (!w || (!buf && len))
		return -EINVAL;
	for (;;) {
		uint64_t now;

		n = take(w, buf, len);
		if (n >= 0)
			return n;
		now = sched_now_ms();
		if (timeout_ms >= 0 && now >= deadline)
			return -ETIMEDOUT;
		/* A give left from a change already taken wakes it for
		 * nothing: it looks again, with the time left. */
		if (ksem_take(&w->pending, timeout_ms < 0 ? WAIT_FOREVER :
			      (int64_t)(deadline - now)))
			return -ETIMEDOUT;
	}
}

int osprey_xenstore_unwatch(struct osprey_xenstore_watch *w)
{
	int err;

	if (!w)
		return -EINVAL;
	/* Once it returns, changed() is not called for w again. */
	err = xs_unwatch(w->path, changed, w);
	free(w);
	return result(err);
}
