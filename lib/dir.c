/*
 * opendir, readdir, rewinddir, closedir (include/dirent.h): a share's
 * directory is read as 9P reads one, whole stat entries at a time, each
 * checked by p9_dirent_parse; "/" lists the connected shares.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/errno_map.h"
#include "lib/file.h"

/* Entries read at once: a few dozen of xen-9pfsd's (62 bytes and the
 * name's). */
#define DIR_BUF		2048

struct osprey_dir {
	int fd;			/* -1: "/", the mounts */
	unsigned int next_share;	/* "/": the next slot to look at */
	uint64_t offset;	/* the next directory read's */
	uint32_t len, pos;	/* of buf */
	unsigned int xen;	/* entries in buf in xen-9pfsd's layout */
	struct dirent ent;
	uint8_t buf[DIR_BUF];
};

DIR *opendir(const char *path)
{
	struct file_path p;
	DIR *d;
	int err = file_resolve(path, &p), fd = -1;

	if (err) {
		errno = errno_from_kernel(err);
		return NULL;
	}
	if (!p.root) {
		fd = open(path, O_RDONLY | O_DIRECTORY);
		if (fd < 0)
			return NULL;
	}
	d = calloc(1, sizeof(*d));
	if (!d) {
		if (fd >= 0)
			close(fd);
		errno = ENOMEM;
		return NULL;
	}
	d->fd = fd;
	return d;
}

static struct dirent *next_share(DIR *d)
{
	while (d->next_share < P9FS_MAX) {
		if (p9fs_tag(d->next_share++, d->ent.d_name,
			     sizeof(d->ent.d_name))) {
			d->ent.d_ino = d->next_share;
			d->ent.d_type = DT_DIR;
			return &d->ent;
		}
	}
	return NULL;
}

struct dirent *readdir(DIR *d)
{
	struct p9_stat st;
	bool xen;
	long n;

	if (d->fd < 0)
		return next_share(d);
	for (;;) {
		if (p9_dir_done(d->len - d->pos, d->xen)) {
			n = file_dir_read(d->fd, &d->offset, d->buf,
					  sizeof(d->buf));
			if (n < 0)
				errno = errno_from_kernel((int)n);
			if (n <= 0)
				return NULL;	/* the end: errno as it was */
			d->len = (uint32_t)n;
			d->pos = 0;
			d->xen = 0;
		}
		n = p9_dirent_parse(d->buf + d->pos, d->len - d->pos, &st,
				    &xen);
		if (n < 0) {
			errno = EIO;	/* a malformed entry */
			return NULL;
		}
		d->pos += (uint32_t)n;
		d->xen += xen;
		/* An empty name, or one too long to hand back, is skipped:
		 * no file could be opened by it anyway. */
		if (st.name.len == 0 || st.name.len >= sizeof(d->ent.d_name))
			continue;
		memcpy(d->ent.d_name, st.name.s, st.name.len);
		d->ent.d_name[st.name.len] = '\0';
		d->ent.d_ino = (ino_t)st.qid.path;
		d->ent.d_type = (st.mode & P9_DMDIR) ? DT_DIR : DT_REG;
		return &d->ent;
	}
}

void rewinddir(DIR *d)
{
	d->next_share = 0;
	d->offset = 0;
	d->len = d->pos = 0;
	d->xen = 0;
}

int closedir(DIR *d)
{
	int err = d->fd >= 0 ? close(d->fd) : 0;

	free(d);
	return err;
}

int dirfd(DIR *d)
{
	if (d->fd < 0) {
		errno = ENOTSUP;
		return -1;
	}
	return d->fd;
}
