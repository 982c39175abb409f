/*
 * Files on a 9pfs share (frontends/9pfs.h): the 9P2000.u operations a
 * file layer needs, one round trip each (a walk of more than
 * P9_MAXWELEM names takes several), every reply checked by p9_wire.
 * A fid here is one of the share's connection; each call takes the
 * device for its round trips only.
 *
 * Results: 0 (or a count), or a negative errno: the backend's own (an
 * Rerror), or 9pfs.h's (-ENODEV, -ETIMEDOUT, -EPROTO, -EMSGSIZE), or
 * -EMFILE when the connection has no free fid.
 */
#ifndef FRONTENDS_P9_FILE_H
#define FRONTENDS_P9_FILE_H

#include <stdint.h>

#include "frontends/9pfs.h"

/* What a file layer keeps of a stat. */
struct p9_file_stat {
	struct p9_qid qid;
	uint32_t mode;		/* permission bits, P9_DMDIR for a directory */
	uint32_t atime;
	uint32_t mtime;
	uint64_t length;
};

/*
 * A new fid for the file n names lead to from the share's root (n 0:
 * the root itself), into *fid and its qid into *qid.  -ENOENT when a
 * name is missing on the way.
 */
int p9_file_walk(const struct p9fs_share *s, const char *const *names,
		 unsigned int n, uint32_t *fid, struct p9_qid *qid);

/* Open fid (walked, not yet open) with a P9_O* mode: *iounit the
 * largest read or write the server takes at once (0: msize's). */
int p9_file_open(const struct p9fs_share *s, uint32_t fid, uint8_t mode,
		 uint32_t *iounit);

/* Create name in the directory fid, which then stands for the new file,
 * open with mode; perm P9_DMDIR | bits makes a directory. */
int p9_file_create(const struct p9fs_share *s, uint32_t fid,
		   const char *name, uint32_t perm, uint8_t mode,
		   uint32_t *iounit);

/* Up to count bytes at offset into buf: how many (0 at the end). */
long p9_file_read(const struct p9fs_share *s, uint32_t fid, uint64_t offset,
		  void *buf, uint32_t count);
/* Up to count bytes from buf at offset: how many the server took. */
long p9_file_write(const struct p9fs_share *s, uint32_t fid,
		   uint64_t offset, const void *buf, uint32_t count);

int p9_file_stat(const struct p9fs_share *s, uint32_t fid,
		 struct p9_file_stat *st);

/* Rename fid's file within its directory (a Twstat changing the name
 * only). */
int p9_file_rename(const struct p9fs_share *s, uint32_t fid,
		   const char *name);

/* Forget fid (Tclunk), or remove its file and forget it (Tremove, or
 * Topen with ORCLOSE and Tclunk where the server lacks Tremove): the fid
 * is free afterwards whatever the answer.  -EOPNOTSUPP: the server can
 * remove no such file (xen-9pfsd: a directory). */
int p9_file_clunk(const struct p9fs_share *s, uint32_t fid);
int p9_file_remove(const struct p9fs_share *s, uint32_t fid);

#endif
