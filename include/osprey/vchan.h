/*
 * vchan: a byte stream with another domain through shared memory, the
 * protocol of Xen's libxenvchan, so that dom0's vchan-socket-proxy (or
 * any libxenvchan program) is the other end.  One side serves: it
 * shares the memory and writes where to find it in XenStore (PATH/ring-ref,
 * PATH/event-channel); the other side is its client.
 *
 *   dom0$ vchan-socket-proxy DOMID /local/domain/DOMID/data/vchan -
 *         (the client of a guest serving at data/vchan)
 *   dom0$ vchan-socket-proxy -m server DOMID /local/domain/0/data/vchan -
 *         (a server the guest is the client of, with peer 0)
 *
 * Every call returns a result >= 0, or a negative errno value of
 * <errno.h>:
 *
 *   -ENODEV    no XenStore (not on Xen, or not yet connected)
 *   -EINVAL    a NULL argument, a path of 128 bytes or more, a size
 *              over 1 MiB, or XenStore nodes that are not numbers
 *   -ENOENT    (client) the server has not written its nodes yet
 *   -ENOMEM    no memory, or no guest-physical space to map the rings
 *   -EIO       the peer broke the protocol (an index beyond its ring,
 *              ring sizes no client may use): close the vchan
 *   -EPIPE     a write after the peer closed
 *   -ETIMEDOUT a wait's time ran out
 *
 * and Xen's refusals (-EPERM, -EACCES, -ESRCH: no such domain, ...).
 * One thread may read while another writes; two readers (or writers)
 * at once need a lock of their own.
 */
#ifndef OSPREY_VCHAN_H
#define OSPREY_VCHAN_H

#include <stddef.h>
#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

struct osprey_vchan;

/*
 * Serve a vchan to domain peer_domid at path (relative to this
 * domain's /local/domain/DOMID, or absolute), with rings of at least
 * read_size bytes (from the peer) and write_size (to it), at most
 * 1 MiB each; 0 for the smallest (1 and 2 KiB, in the shared page).
 * The client may come later: reads wait for it.  0, with the vchan in
 * *vchan.
 */
int osprey_vchan_server(int peer_domid, const char *path, size_t read_size,
			size_t write_size, struct osprey_vchan **vchan);

/*
 * Connect to the vchan domain peer_domid serves at path (absolute, e.g.
 * /local/domain/0/data/vchan).  0, with the vchan in *vchan; -ENOENT
 * when the server is not there (yet): try again later.
 */
int osprey_vchan_client(int peer_domid, const char *path,
			struct osprey_vchan **vchan);

/*
 * Read what is there, up to len bytes, waiting for at least one: how
 * many; 0 once the peer has closed and everything it wrote was read
 * (a server's reads wait for its client to come first).
 */
ssize_t osprey_vchan_read(struct osprey_vchan *vchan, void *buf, size_t len);

/* Write all len bytes, waiting for room as needed: len, or -EPIPE. */
ssize_t osprey_vchan_write(struct osprey_vchan *vchan, const void *buf,
			   size_t len);

/* Bytes that can be read now without waiting (0 with none). */
ssize_t osprey_vchan_readable(struct osprey_vchan *vchan);
/* Bytes that can be written now without waiting. */
ssize_t osprey_vchan_writable(struct osprey_vchan *vchan);

/*
 * Wait, at most timeout_ms milliseconds (-1: for ever), until events
 * (one or both of these) may be true, or the peer closed: 0 (look
 * again: it may have been for something else), or -ETIMEDOUT.  One
 * thread that both reads and writes without blocking waits for both.
 */
#define OSPREY_VCHAN_READABLE	1
#define OSPREY_VCHAN_WRITABLE	2
int osprey_vchan_wait(struct osprey_vchan *vchan, int events,
		      int timeout_ms);

/* 1 while the peer is there, 0 once it has closed (or before a
 * server's client came: 2). */
int osprey_vchan_peer_state(struct osprey_vchan *vchan);

/*
 * Close our end (the peer sees it closed) and free the vchan: 0, or the
 * first error in undoing it (it is freed all the same).
 */
int osprey_vchan_close(struct osprey_vchan *vchan);

#ifdef __cplusplus
}
#endif

#endif
