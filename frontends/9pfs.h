/*
 * 9pfs: the XenBus "9pfs" device (xl's p9= / xen-9pfsd's share) as a
 * 9P2000.u connection, following xen/io/9pfs.h and Xen's
 * docs/misc/9pfs.pandoc: one ring, one request at a time (xen-9pfsd
 * answers one at a time per ring anyway).  The first 9pfs device found
 * is the one served.
 *
 * STATUS: compiled and linted only, never run against a backend: no boot
 * test exercises it yet.  The wire and ring code beneath it
 * (p9_wire.c, p9_ring.c) is unit-tested and fuzzed.
 */
#ifndef FRONTENDS_9PFS_H
#define FRONTENDS_9PFS_H

#include <stddef.h>
#include <stdint.h>

#include "frontends/p9_wire.h"

/* Register the driver with XenBus.  0, or xenbus_register's error. */
int p9fs_register(void);

/*
 * Negotiate the version (once per connection) and attach fid to the
 * share's root as uname (n_uname P9_NONUNAME).  0 and *qid, or:
 *   -ENODEV     no 9pfs device connected;
 *   -ETIMEDOUT  the backend did not answer within timeout_ms;
 *   -EPROTO     it broke the protocol (the ring is then out of use);
 *   -EOPNOTSUPP it does not speak 9P2000.u;
 *   an Rerror's negative errno.
 */
int p9fs_attach(uint32_t fid, const char *uname, struct p9_qid *qid,
		int64_t timeout_ms);

/*
 * One round trip: send the len-byte T-message at msg (built with
 * p9_wire.h, at most p9fs_msize() bytes, its tag anything but P9_NOTAG
 * after the version), then wait for the reply and put it at msg (cap
 * bytes).  The reply's length, checked against its size field and msize
 * only (the caller parses it with p9_wire.h); or -ENODEV, -ETIMEDOUT,
 * -EPROTO, -EMSGSIZE (a reply larger than cap: the ring is then out of
 * use, as the rest of the reply cannot be skipped safely).
 */
long p9fs_call(uint8_t *msg, size_t len, size_t cap, int64_t timeout_ms);

/* The negotiated msize, 0 before p9fs_attach succeeded. */
uint32_t p9fs_msize(void);

#endif
