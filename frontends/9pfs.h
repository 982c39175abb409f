/*
 * 9pfs: each XenBus "9pfs" device (xl's p9= entry, served by dom0's
 * xen-9pfsd) as a 9P2000.u connection to one share, named by the "tag"
 * the toolstack writes.  Follows xen/io/9pfs.h and Xen's
 * docs/misc/9pfs.pandoc: one ring per device, one request at a time
 * (xen-9pfsd answers one at a time per ring anyway).
 *
 * A share's calls go through a session: p9fs_lock() takes the device,
 * negotiates the version and attaches the share's root as fid
 * P9FS_ROOT_FID on the first call of each connection, and hands out the
 * device's message buffer; p9fs_rpc() sends the T-message built there
 * and puts the reply in its place; p9fs_unlock() lets go.  The file
 * operations on top are frontends/p9_file.h.
 *
 * A connection is named by its generation, which changes each time the
 * device connects: fids and handles from an earlier connection are
 * refused (-ENODEV) instead of reaching another file.
 *
 * Errors (negative errno): -ENODEV no such share, or it went away;
 * -ETIMEDOUT the backend did not answer in P9FS_CALL_MS; -EPROTO it
 * broke the protocol; -EMSGSIZE a reply larger than the buffer.  After
 * any of the last three the device is out of use until it reconnects:
 * the framing of the byte ring is lost.
 */
#ifndef FRONTENDS_9PFS_H
#define FRONTENDS_9PFS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "frontends/p9_wire.h"

/* The most shares served at once, and the longest tag kept. */
#define P9FS_MAX	4
#define P9FS_TAG_LEN	64
/* The fid of each connection's root, and how many fids one may hold. */
#define P9FS_ROOT_FID	0
#define P9FS_FIDS	64
/* How long one round trip may take before the device is given up. */
#define P9FS_CALL_MS	10000

struct p9fs;

/* A share as its user holds it: the device and the connection. */
struct p9fs_share {
	struct p9fs *dev;
	uint32_t gen;
};

/* Register the driver with XenBus.  0, or xenbus_register's error. */
int p9fs_register(void);

/*
 * The connected share tagged tag (len bytes).  A device XenStore lists
 * under our device/9pfs with that tag that is not connected yet is
 * waited for, at most timeout_ms.  0 and *share, or -ENOENT (no such
 * device) or -ETIMEDOUT.
 */
int p9fs_find(const char *tag, size_t len, int64_t timeout_ms,
	      struct p9fs_share *share);

/* The tag of the i-th connected share (0 <= i < P9FS_MAX) into buf, or
 * false when that slot holds none. */
bool p9fs_tag(unsigned int i, char *buf, size_t len);

/*
 * Start a session on share: 0 with the device locked, *buf its message
 * buffer and *msize the negotiated size (no message may be longer), or
 * an error (the device is then not locked).
 */
int p9fs_lock(const struct p9fs_share *share, uint8_t **buf,
	      uint32_t *msize);
void p9fs_unlock(const struct p9fs_share *share);

/* Locked: send the len-byte T-message in the buffer, then wait for the
 * reply and put it there.  The reply's length (checked against its
 * size field and msize only), or an error above. */
long p9fs_rpc(const struct p9fs_share *share, size_t len);

/* Locked: a free fid of this connection into *fid (0), or -EMFILE. */
int p9fs_fid_alloc(const struct p9fs_share *share, uint32_t *fid);
/* Locked: fid is free again (after Tclunk or Tremove, whatever their
 * result: 9P frees the fid either way). */
void p9fs_fid_free(const struct p9fs_share *share, uint32_t fid);

/* The tag of our requests after Tversion; one request at a time. */
#define P9FS_TAG	1

#endif
