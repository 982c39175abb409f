/*
 * Internal to lib/: paths and files on the 9pfs shares (lib/file.c),
 * for lib/dir.c.  Results are kernel ones: >= 0, or a negative kernel
 * errno (lib/errno_map.h turns them into a program's).
 */
#ifndef LIB_FILE_H
#define LIB_FILE_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/stat.h>

#include "frontends/p9_file.h"
#include "lib/file_path.h"

/* A new fid for p's first n names on its share (waiting for the share
 * if it is still connecting). */
int file_walk(const struct file_path *p, unsigned int n,
	      struct p9fs_share *share, uint32_t *fid, struct p9_qid *qid);

void file_stat_fill(const struct p9_file_stat *in, struct stat *st);

/* Up to len bytes of the open directory fd's entries from *offset (9P's
 * directory reads: whole stat entries), *offset moved past them: how
 * many (0 at the end). */
int file_dir_read(int fd, uint64_t *offset, void *buf, uint32_t len);

#endif
