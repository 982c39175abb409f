/*
 * Internal to lib/: a path taken apart for the file layer (lib/file.c).
 * "/" holds the 9pfs mounts, "/TAG/..." is a share's; there is no
 * working directory, so a relative path is taken from "/".  "." and
 * ".." are resolved here, and ".." never climbs above "/".  Pure code:
 * the host unit tests run it.
 */
#ifndef LIB_FILE_PATH_H
#define LIB_FILE_PATH_H

#include <stdbool.h>

/* PATH_MAX and NAME_MAX as picolibc has them (<limits.h>). */
#define FILE_PATH_MAX	1024
#define FILE_NAME_MAX	255
/* The most names a path may hold below its share's mount. */
#define FILE_PATH_NAMES	32

/* "/" (root), or a share's tag and the names below its root, all
 * pointing into copy. */
struct file_path {
	char copy[FILE_PATH_MAX];
	bool root;
	const char *tag;
	const char *names[FILE_PATH_NAMES];
	unsigned int n;
};

/* path into *p: 0, or -ENOENT (empty) or -ENAMETOOLONG (over
 * FILE_PATH_MAX - 1 bytes, a name over FILE_NAME_MAX, or more than
 * FILE_PATH_NAMES names below the tag), as kernel errnos. */
int file_resolve(const char *path, struct file_path *p);

#endif
