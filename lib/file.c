/*
 * Files: open() and the POSIX calls on paths, and what a file
 * descriptor does through lib/fd.c's table, on the 9pfs shares
 * (frontends/p9_file.h).  Each share is mounted at "/TAG", TAG being the
 * tag of its p9= entry; "/" itself holds nothing but the mounts
 * (lib/dir.c lists them).  Paths are taken apart by lib/file_path.c.
 *
 * A share that XenStore lists but that is still connecting is waited
 * for (FILE_FIND_MS), so that a program started at boot finds it.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kernel/mutex.h"
#include "lib/errno_map.h"
#include "lib/fd.h"
#include "lib/file.h"

/* Results inside this file are kernel ones (>= 0, or a negative kernel
 * errno, as frontends/ gives them): KERR names one by picolibc's name. */
#define KERR(e)		errno_to_kernel(e)

/* How long an open waits for a share that is still connecting. */
#define FILE_FIND_MS	10000

struct file {
	bool used;
	bool dir;
	bool share_root;	/* "/TAG" itself: see root_stat */
	struct p9fs_share share;
	uint32_t fid;
	int flags;		/* O_ACCMODE and O_APPEND */
	uint64_t offset;
};

/*
 * The open files; owned by this file, under files_lock, which is also
 * held across each operation on one (its offset moves with it).  Lock
 * order: files_lock, then a 9pfs device's lock (frontends/9pfs.c).
 */
static struct file files[FD_FILES];
static struct mutex files_lock;

static int fail(int err)
{
	errno = err;
	return -1;
}

/* A kernel result (>= 0, or a negative kernel errno) as a call's: -1
 * with errno set, or the result. */
static long result(long r)
{
	/* A file call's "not supported" is ENOTSUP, not the socket's
	 * EOPNOTSUPP (one number in Linux, two in picolibc). */
	if (r == KERR(EOPNOTSUPP))
		return fail(ENOTSUP);
	return r < 0 ? fail(errno_from_kernel((int)r)) : r;
}

/* The share p's tag names (p is not "/"), waiting while it connects. */
static int find_share(const struct file_path *p, struct p9fs_share *share)
{
	int err = p9fs_find(p->tag, strlen(p->tag), FILE_FIND_MS, share);

	return err == KERR(ETIMEDOUT) ? KERR(ENODEV) : err; /* never connected */
}

int file_walk(const struct file_path *p, unsigned int n,
	      struct p9fs_share *share, uint32_t *fid, struct p9_qid *qid)
{
	int err;

	/* Defined whatever happens, for callers that look on failure. */
	*share = (struct p9fs_share){ 0 };
	*fid = P9FS_ROOT_FID;
	*qid = (struct p9_qid){ 0 };
	if (p->root)
		return KERR(EISDIR);		/* "/" is no share's */
	err = find_share(p, share);
	if (err)
		return err;
	return p9_file_walk(share, p->names, n, fid, qid);
}

static struct file *file_at(int fd)
{
	struct file *f;

	if (!fd_is_file(fd))
		return NULL;
	f = &files[fd - FD_FIRST_FILE];
	return f->used ? f : NULL;
}

/* Lock files_lock and find fd's file, or set EBADF. */
static struct file *lock_file(int fd)
{
	struct file *f;

	mutex_lock(&files_lock, WAIT_FOREVER);
	f = file_at(fd);
	if (!f) {
		mutex_unlock(&files_lock);
		errno = EBADF;
	}
	return f;
}

static ssize_t file_read(int fd, void *buf, size_t len)
{
	struct file *f = lock_file(fd);
	uint8_t *out = buf;
	size_t done = 0;
	long n = 0;

	if (!f)
		return -1;
	if (f->dir) {
		mutex_unlock(&files_lock);
		return fail(EISDIR);
	}
	if ((f->flags & O_ACCMODE) == O_WRONLY) {
		mutex_unlock(&files_lock);
		return fail(EBADF);
	}
	/* As many round trips as len takes, up to the end of the file
	 * (an empty reply) or an error after some bytes (they count). */
	while (done < len) {
		size_t want = len - done;

		n = p9_file_read(&f->share, f->fid, f->offset, out + done,
				 want > UINT32_MAX ? UINT32_MAX :
						     (uint32_t)want);
		if (n <= 0)
			break;
		done += (size_t)n;
		f->offset += (uint64_t)n;
	}
	mutex_unlock(&files_lock);
	return done || n >= 0 ? (ssize_t)done : result(n);
}

/* The file's length, for O_APPEND and SEEK_END.  files_lock held. */
static long file_length(struct file *f, uint64_t *length)
{
	struct p9_file_stat st;
	int err = p9_file_stat(&f->share, f->fid, &st);

	if (!err)
		*length = st.length;
	return err;
}

static ssize_t file_write(int fd, const void *buf, size_t len)
{
	struct file *f = lock_file(fd);
	const uint8_t *in = buf;
	size_t done = 0;
	long n = 0;

	if (!f)
		return -1;
	if ((f->flags & O_ACCMODE) == O_RDONLY) {
		mutex_unlock(&files_lock);
		return fail(EBADF);
	}
	if (f->flags & O_APPEND)
		n = file_length(f, &f->offset);
	while (n >= 0 && done < len) {
		size_t want = len - done;

		n = p9_file_write(&f->share, f->fid, f->offset, in + done,
				  want > UINT32_MAX ? UINT32_MAX :
						      (uint32_t)want);
		if (n == 0)
			n = KERR(EIO);	/* the server took nothing */
		if (n < 0)
			break;
		done += (size_t)n;
		f->offset += (uint64_t)n;
	}
	mutex_unlock(&files_lock);
	return done ? (ssize_t)done : result(n);
}

static off_t file_lseek(int fd, off_t offset, int whence)
{
	struct file *f = lock_file(fd);
	uint64_t base = 0;
	long err = 0;

	if (!f)
		return -1;
	if (whence == SEEK_CUR)
		base = f->offset;
	else if (whence == SEEK_END)
		err = file_length(f, &base);
	else if (whence != SEEK_SET)
		err = KERR(EINVAL);
	if (!err && ((offset < 0 && (uint64_t)-offset > base) ||
		     (offset > 0 && base + (uint64_t)offset > INT64_MAX)))
		err = KERR(EINVAL);
	if (!err)
		f->offset = base + (uint64_t)offset;
	mutex_unlock(&files_lock);
	return err ? (off_t)result(err) : (off_t)f->offset;
}

static int file_close(int fd)
{
	struct file *f = lock_file(fd);
	int err;

	if (!f)
		return -1;
	err = p9_file_clunk(&f->share, f->fid);
	f->used = false;
	mutex_unlock(&files_lock);
	/* The descriptor is gone whatever the server said. */
	return err == KERR(ENODEV) ? 0 : (int)result(err);
}

void file_stat_fill(const struct p9_file_stat *in, struct stat *st)
{
	memset(st, 0, sizeof(*st));
	st->st_ino = (ino_t)in->qid.path;
	st->st_mode = (mode_t)(in->mode & 0777) |
		      ((in->mode & P9_DMDIR) ? S_IFDIR : S_IFREG);
	st->st_nlink = 1;
	st->st_size = (off_t)in->length;
	st->st_blksize = 4096;
	st->st_blocks = (blkcnt_t)((in->length + 511) / 512);
	st->st_atime = in->atime;
	st->st_mtime = in->mtime;
	st->st_ctime = in->mtime;
}

/*
 * What stat says of "/" and of a share's root.  Never a Tstat of a
 * share's root: Xen 4.20's xen-9pfsd takes the name after the last '/'
 * of the fid's path, and its root's path (".") has none, so the daemon
 * crashes on a NULL pointer and every guest's share is gone (seen in the
 * xl suite: the Tstat went unanswered, and no xen-9pfsd was left).
 */
static void root_stat(struct stat *st)
{
	memset(st, 0, sizeof(*st));
	st->st_mode = S_IFDIR | 0755;
	st->st_nlink = 1;
	st->st_blksize = 4096;
}

static int file_fstat(int fd, struct stat *st)
{
	struct file *f = lock_file(fd);
	struct p9_file_stat ps;
	int err;

	if (!f)
		return -1;
	if (f->share_root) {
		mutex_unlock(&files_lock);
		root_stat(st);
		return 0;
	}
	err = p9_file_stat(&f->share, f->fid, &ps);
	mutex_unlock(&files_lock);
	if (!err)
		file_stat_fill(&ps, st);
	return (int)result(err);
}

static int file_getfl(int fd)
{
	struct file *f = lock_file(fd);
	int flags;

	if (!f)
		return -1;
	flags = f->flags;
	mutex_unlock(&files_lock);
	return flags;
}

static const struct fd_file_ops file_ops = {
	.read = file_read,
	.write = file_write,
	.lseek = file_lseek,
	.close = file_close,
	.fstat = file_fstat,
	.getfl = file_getfl,
};

/* 9P's open mode for open()'s flags. */
static uint8_t p9_mode(int flags)
{
	uint8_t mode = (flags & O_ACCMODE) == O_WRONLY ? P9_OWRITE :
		       (flags & O_ACCMODE) == O_RDWR ? P9_ORDWR : P9_OREAD;

	return mode | ((flags & O_TRUNC) ? P9_OTRUNC : 0);
}

/* Create p's last name in its parent, open with flags: the new file's
 * fid.  files_lock held. */
static int create(const struct file_path *p, int flags, mode_t mode,
		  struct p9fs_share *share, uint32_t *fid)
{
	struct p9_qid qid;
	uint32_t iounit;
	int err;

	if (p->n == 0)
		return KERR(EEXIST);		/* the share's root */
	err = file_walk(p, p->n - 1, share, fid, &qid);
	if (err)
		return err;
	if (!(qid.type & P9_QTDIR)) {
		(void)p9_file_clunk(share, *fid);
		return KERR(ENOTDIR);
	}
	err = p9_file_create(share, *fid, p->names[p->n - 1], mode & 0777,
			     p9_mode(flags & ~O_TRUNC), &iounit);
	if (err)
		(void)p9_file_clunk(share, *fid);
	return err;
}

/* Walk to p and open it with flags.  files_lock held. */
static int open_existing(const struct file_path *p, int flags,
			 struct p9fs_share *share, uint32_t *fid, bool *dir)
{
	struct p9_qid qid;
	uint32_t iounit;
	int err;

	err = file_walk(p, p->n, share, fid, &qid);
	if (err)
		return err;
	*dir = qid.type & P9_QTDIR;
	if ((flags & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL))
		err = KERR(EEXIST);
	else if (*dir && (flags & O_ACCMODE) != O_RDONLY)
		err = KERR(EISDIR);
	else if (!*dir && (flags & O_DIRECTORY))
		err = KERR(ENOTDIR);
	else
		err = p9_file_open(share, *fid, *dir ? P9_OREAD :
					 p9_mode(flags), &iounit);
	if (err)
		(void)p9_file_clunk(share, *fid);
	return err;
}

int open(const char *path, int flags, ...)
{
	struct file_path p;
	struct p9fs_share share;
	struct file *f = NULL;
	uint32_t fid;
	bool dir = false;
	mode_t mode = 0;
	va_list ap;
	int err, i;

	if (flags & O_CREAT) {
		va_start(ap, flags);
		mode = (mode_t)va_arg(ap, int);
		va_end(ap);
	}
	err = file_resolve(path, &p);
	if (err)
		return (int)result(err);
	if (p.root)
		return fail((flags & O_ACCMODE) == O_RDONLY ? EACCES : EISDIR);
	mutex_lock(&files_lock, WAIT_FOREVER);
	fd_set_file_ops(&file_ops);
	for (i = 0; i < FD_FILES && !f; i++)
		if (!files[i].used)
			f = &files[i];
	if (!f) {
		mutex_unlock(&files_lock);
		return fail(EMFILE);
	}
	err = open_existing(&p, flags, &share, &fid, &dir);
	if (err == KERR(ENOENT) && (flags & O_CREAT))
		err = create(&p, flags, mode, &share, &fid);
	if (!err) {
		*f = (struct file){
			.used = true, .dir = dir, .share_root = p.n == 0,
			.share = share, .fid = fid,
			.flags = flags & (O_ACCMODE | O_APPEND), .offset = 0,
		};
	}
	mutex_unlock(&files_lock);
	return err ? (int)result(err) : FD_FIRST_FILE + (int)(f - files);
}

/* The fid of p (walked, not open) and its stat. */
static int stat_path(const struct file_path *p, struct p9fs_share *share,
		     uint32_t *fid, struct p9_file_stat *st)
{
	struct p9_qid qid;
	int err = file_walk(p, p->n, share, fid, &qid);

	if (err)
		return err;
	err = p9_file_stat(share, *fid, st);
	if (err)
		(void)p9_file_clunk(share, *fid);
	return err;
}

int stat(const char *path, struct stat *st)
{
	struct file_path p;
	struct p9fs_share share;
	struct p9_file_stat ps;
	uint32_t fid;
	int err = file_resolve(path, &p);

	if (!err && p.root) {
		root_stat(st);
		return 0;
	}
	if (!err && p.n == 0) {
		/* The share must be there; its root is not asked (root_stat). */
		err = find_share(&p, &share);
		if (!err) {
			root_stat(st);
			return 0;
		}
		return (int)result(err);
	}
	if (!err)
		err = stat_path(&p, &share, &fid, &ps);
	if (!err) {
		(void)p9_file_clunk(&share, fid);
		file_stat_fill(&ps, st);
	}
	return (int)result(err);
}

/* Remove p, which must be a directory (dir) or must not. */
static int remove_path(const char *path, bool dir)
{
	struct file_path p;
	struct p9fs_share share;
	struct p9_file_stat ps;
	uint32_t fid;
	int err = file_resolve(path, &p);

	if (!err && (p.root || p.n == 0))
		err = KERR(EBUSY);		/* "/" or a mount point */
	if (!err)
		err = stat_path(&p, &share, &fid, &ps);
	if (err)
		return (int)result(err);
	if (!(ps.mode & P9_DMDIR) != !dir) {
		(void)p9_file_clunk(&share, fid);
		return fail(dir ? ENOTDIR : EISDIR);
	}
	return (int)result(p9_file_remove(&share, fid));
}

int unlink(const char *path)
{
	return remove_path(path, false);
}

int rmdir(const char *path)
{
	return remove_path(path, true);
}

int mkdir(const char *path, mode_t mode)
{
	struct file_path p;
	struct p9fs_share share;
	struct p9_qid qid;
	uint32_t fid, iounit;
	int err = file_resolve(path, &p);

	if (!err && (p.root || p.n == 0))
		err = KERR(EEXIST);
	if (!err)
		err = file_walk(&p, p.n - 1, &share, &fid, &qid);
	if (err)
		return (int)result(err);
	err = p9_file_create(&share, fid, p.names[p.n - 1],
			     P9_DMDIR | (mode & 0777), P9_OREAD, &iounit);
	(void)p9_file_clunk(&share, fid);
	return (int)result(err);
}

/*
 * 9P2000 renames by a Twstat of the name: within one directory only, so
 * a move to another directory (or share) is EXDEV, as Linux's v9fs says
 * for this protocol version.
 */
int rename(const char *from, const char *to)
{
	struct file_path a, b;
	struct p9fs_share share;
	struct p9_qid qid;
	uint32_t fid;
	unsigned int i;
	int err = file_resolve(from, &a);

	if (err)
		return (int)result(err);
	err = file_resolve(to, &b);
	if (!err && (a.root || b.root || a.n == 0 || b.n == 0))
		err = KERR(EBUSY);
	if (!err && (strcmp(a.tag, b.tag) != 0 || a.n != b.n))
		err = KERR(EXDEV);
	for (i = 0; !err && i + 1 < a.n; i++)
		if (strcmp(a.names[i], b.names[i]) != 0)
			err = KERR(EXDEV);
	if (!err)
		err = file_walk(&a, a.n, &share, &fid, &qid);
	if (err)
		return (int)result(err);
	err = p9_file_rename(&share, fid, b.names[b.n - 1]);
	(void)p9_file_clunk(&share, fid);
	return (int)result(err);
}

int file_dir_read(int fd, uint64_t *offset, void *buf, uint32_t len)
{
	struct file *f = lock_file(fd);
	long n;

	if (!f)
		return KERR(EBADF);
	if (!f->dir) {
		mutex_unlock(&files_lock);
		return KERR(ENOTDIR);
	}
	n = p9_file_read(&f->share, f->fid, *offset, buf, len);
	if (n > 0)
		*offset += (uint64_t)n;
	mutex_unlock(&files_lock);
	return (int)n;
}
