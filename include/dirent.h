/*
 * Directories, as POSIX has them: opendir, readdir, rewinddir, closedir
 * (lib/dir.c), on the 9pfs shares mounted at "/TAG" and on "/", which
 * lists the mounts.  picolibc's own <dirent.h> declares none for a
 * target without a file system, so this one takes its place.
 */
#ifndef OSPREY_DIRENT_H
#define OSPREY_DIRENT_H

#include <sys/types.h>

#define DT_UNKNOWN	0
#define DT_DIR		4
#define DT_REG		8

struct dirent {
	ino_t d_ino;
	unsigned char d_type;	/* DT_DIR, DT_REG */
	char d_name[256];
};

typedef struct osprey_dir DIR;

DIR *opendir(const char *path);
struct dirent *readdir(DIR *dir);
void rewinddir(DIR *dir);
int closedir(DIR *dir);
int dirfd(DIR *dir);

#endif
