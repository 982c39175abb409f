/*
 * Files on a 9pfs share: see p9_file.h.  Each operation builds its
 * T-message in the device's buffer, sends it, and parses the reply there
 * before letting the device go.  A reply whose fields break the protocol
 * fails its call with -EPROTO and is named in the log; the device stays
 * in use, as the reply was taken whole by its size field and the ring
 * is still in step (a broken ring puts the device out of use: 9pfs.c).
 */
#include <string.h>

#include "kernel/errno.h"
#include "kernel/printk.h"
#include "frontends/p9_file.h"

/* Reply -EPROTO from a parser: the backend broke the protocol. */
static int checked(int err, const char *what)
{
	if (err == -EPROTO)
		printk("9pfs: a malformed %s from the backend\n", what);
	return err;
}

/* Build with n (a builder's result), send, and return the reply's
 * length or an error.  Locked. */
static long send(const struct p9fs_share *s, long n)
{
	return n < 0 ? n : p9fs_rpc(s, (size_t)n);
}

/* One Twalk from fid to newfid over n (<= P9_MAXWELEM) names.  Locked. */
static int walk_once(const struct p9fs_share *s, uint8_t *buf,
		     uint32_t msize, uint32_t fid, uint32_t newfid,
		     const char *const *names, unsigned int n,
		     struct p9_qid *last)
{
	struct p9_qid qids[P9_MAXWELEM];
	unsigned int got = 0;
	long len;
	int err;

	len = send(s, p9_build_walk(buf, msize, P9FS_TAG, fid, newfid, n,
				    names));
	if (len < 0)
		return (int)len;
	err = checked(p9_parse_rwalk(buf, (size_t)len, msize, P9FS_TAG, n,
					qids, &got), "Rwalk");
	if (err)
		return err;
	/* Fewer qids than names: the walk stopped at a missing one, and
	 * newfid was not made (walk(5)). */
	if (got < n)
		return -ENOENT;
	if (n)
		*last = qids[n - 1];
	return 0;
}

/* Tclunk of fid, which is free afterwards.  Locked. */
static int drop(const struct p9fs_share *s, uint8_t *buf, uint32_t msize,
		uint32_t fid)
{
	long len;

	len = send(s, p9_build_clunk(buf, msize, P9FS_TAG, fid));
	p9fs_fid_free(s, fid);
	if (len < 0)
		return (int)len;
	return checked(p9_parse_rempty(buf, (size_t)len, msize, P9FS_TAG,
				       P9_RCLUNK), "Rclunk");
}

int p9_file_walk(const struct p9fs_share *s, const char *const *names,
		 unsigned int n, uint32_t *fid, struct p9_qid *qid)
{
	uint32_t msize, newfid;
	uint8_t *buf;
	unsigned int done = 0, step;
	int err;

	err = p9fs_lock(s, &buf, &msize);
	if (err)
		return err;
	err = p9fs_fid_alloc(s, &newfid);
	if (err)
		goto out;
	/* The root's qid, for n == 0: a walk of no names clones the fid. */
	memset(qid, 0, sizeof(*qid));
	qid->type = P9_QTDIR;
	step = n < P9_MAXWELEM ? n : P9_MAXWELEM;
	err = walk_once(s, buf, msize, P9FS_ROOT_FID, newfid, names, step,
			qid);
	if (err) {
		p9fs_fid_free(s, newfid);	/* never made */
		goto out;
	}
	/* Further steps walk newfid onto itself. */
	for (done = step; !err && done < n; done += step) {
		step = n - done < P9_MAXWELEM ? n - done : P9_MAXWELEM;
		err = walk_once(s, buf, msize, newfid, newfid, names + done,
				step, qid);
	}
	if (err)
		(void)drop(s, buf, msize, newfid);
	else
		*fid = newfid;
out:
	p9fs_unlock(s);
	return err;
}

static int open_common(const struct p9fs_share *s, uint32_t fid,
		       const char *name, uint32_t perm, uint8_t mode,
		       uint32_t *iounit)
{
	struct p9_qid qid;
	uint32_t msize;
	uint8_t *buf;
	uint8_t rtype = name ? P9_RCREATE : P9_ROPEN;
	long len;
	int err;

	err = p9fs_lock(s, &buf, &msize);
	if (err)
		return err;
	len = send(s, name ? p9_build_create(buf, msize, P9FS_TAG, fid, name,
					     perm, mode, "") :
			     p9_build_open(buf, msize, P9FS_TAG, fid, mode));
	err = len < 0 ? (int)len :
	      checked(p9_parse_ropen(buf, (size_t)len, msize, P9FS_TAG,
					rtype, &qid, iounit),
		      name ? "Rcreate" : "Ropen");
	p9fs_unlock(s);
	return err;
}

int p9_file_open(const struct p9fs_share *s, uint32_t fid, uint8_t mode,
		 uint32_t *iounit)
{
	return open_common(s, fid, NULL, 0, mode, iounit);
}

int p9_file_create(const struct p9fs_share *s, uint32_t fid,
		   const char *name, uint32_t perm, uint8_t mode,
		   uint32_t *iounit)
{
	return open_common(s, fid, name, perm, mode, iounit);
}

/* The most data one Tread or Twrite may carry within msize. */
static uint32_t io_max(uint32_t msize)
{
	/* Twrite's header: size[4] type[1] tag[2] fid[4] offset[8]
	 * count[4]; Rread's is shorter. */
	return msize - (P9_HEADER_SIZE + 4 + 8 + 4);
}

long p9_file_read(const struct p9fs_share *s, uint32_t fid, uint64_t offset,
		  void *out, uint32_t count)
{
	const uint8_t *data = NULL;
	uint32_t msize, got = 0;
	uint8_t *buf;
	long len;
	int err;

	err = p9fs_lock(s, &buf, &msize);
	if (err)
		return err;
	if (count > io_max(msize))
		count = io_max(msize);
	len = send(s, p9_build_read(buf, msize, P9FS_TAG, fid, offset,
				    count));
	err = len < 0 ? (int)len :
	      checked(p9_parse_rread(buf, (size_t)len, msize, P9FS_TAG,
					count, &data, &got), "Rread");
	if (!err)
		memcpy(out, data, got);
	p9fs_unlock(s);
	return err ? err : (long)got;
}

long p9_file_write(const struct p9fs_share *s, uint32_t fid,
		   uint64_t offset, const void *in, uint32_t count)
{
	uint32_t msize, took = 0;
	uint8_t *buf;
	long len;
	int err;

	err = p9fs_lock(s, &buf, &msize);
	if (err)
		return err;
	if (count > io_max(msize))
		count = io_max(msize);
	len = send(s, p9_build_write(buf, msize, P9FS_TAG, fid, offset, in,
				     count));
	err = len < 0 ? (int)len :
	      checked(p9_parse_rwrite(buf, (size_t)len, msize, P9FS_TAG,
					 count, &took), "Rwrite");
	p9fs_unlock(s);
	return err ? err : (long)took;
}

int p9_file_stat(const struct p9fs_share *s, uint32_t fid,
		 struct p9_file_stat *st)
{
	struct p9_stat full;
	uint32_t msize;
	uint8_t *buf;
	long len;
	int err;

	err = p9fs_lock(s, &buf, &msize);
	if (err)
		return err;
	len = send(s, p9_build_stat(buf, msize, P9FS_TAG, fid));
	err = len < 0 ? (int)len :
	      checked(p9_parse_rstat(buf, (size_t)len, msize, P9FS_TAG,
					&full), "Rstat");
	if (!err) {
		st->qid = full.qid;
		st->mode = full.mode;
		st->atime = full.atime;
		st->mtime = full.mtime;
		st->length = full.length;
	}
	p9fs_unlock(s);
	return err;
}

int p9_file_rename(const struct p9fs_share *s, uint32_t fid,
		   const char *name)
{
	/* stat(5): all ones and empty strings leave a field as it is. */
	struct p9_stat st = {
		.type = 0xffff, .dev = ~0u,
		.qid = { .type = 0xff, .version = ~0u, .path = ~0ull },
		.mode = ~0u, .atime = ~0u, .mtime = ~0u, .length = ~0ull,
		.name = { name, (uint16_t)strlen(name) },
		.n_uid = ~0u, .n_gid = ~0u, .n_muid = ~0u,
	};
	uint32_t msize;
	uint8_t *buf;
	long len;
	int err;

	if (strlen(name) > 0xffff)
		return -ENAMETOOLONG;
	err = p9fs_lock(s, &buf, &msize);
	if (err)
		return err;
	len = send(s, p9_build_wstat(buf, msize, P9FS_TAG, fid, &st));
	err = len < 0 ? (int)len :
	      checked(p9_parse_rempty(buf, (size_t)len, msize, P9FS_TAG,
					 P9_RWSTAT), "Rwstat");
	p9fs_unlock(s);
	return err;
}

int p9_file_clunk(const struct p9fs_share *s, uint32_t fid)
{
	uint32_t msize;
	uint8_t *buf;
	int err;

	err = p9fs_lock(s, &buf, &msize);
	if (err)
		return err;
	err = drop(s, buf, msize, fid);
	p9fs_unlock(s);
	return err;
}

/*
 * Tremove, or where the server has none an open with ORCLOSE and a
 * clunk, which removes the file as well.  xen-9pfsd (Xen 4.20) answers
 * Tremove with EOPNOTSUPP and keeps the fid (seen in the xl suite), so
 * that answer is the one that tries the other way, on the same fid; it
 * refuses ORCLOSE on a directory (EINVAL), which then cannot be removed
 * through it at all: -EOPNOTSUPP.
 */
int p9_file_remove(const struct p9fs_share *s, uint32_t fid)
{
	uint32_t msize, iounit;
	struct p9_qid qid;
	uint8_t *buf;
	long len;
	int err;

	err = p9fs_lock(s, &buf, &msize);
	if (err)
		return err;
	len = send(s, p9_build_remove(buf, msize, P9FS_TAG, fid));
	err = len < 0 ? (int)len :
	      checked(p9_parse_rempty(buf, (size_t)len, msize, P9FS_TAG,
				      P9_RREMOVE), "Rremove");
	if (err != -EOPNOTSUPP) {
		p9fs_fid_free(s, fid);
		goto out;
	}
	len = send(s, p9_build_open(buf, msize, P9FS_TAG, fid,
				    P9_OREAD | P9_ORCLOSE));
	err = len < 0 ? (int)len :
	      checked(p9_parse_ropen(buf, (size_t)len, msize, P9FS_TAG,
				     P9_ROPEN, &qid, &iounit), "Ropen");
	if (err == -EINVAL)
		err = -EOPNOTSUPP;	/* a directory, on xen-9pfsd */
	if (err)
		(void)drop(s, buf, msize, fid);
	else
		err = drop(s, buf, msize, fid);
out:
	p9fs_unlock(s);
	return err;
}
