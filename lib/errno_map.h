/*
 * The kernel's error numbers are Linux's (Xen's, kernel/errno.h); a
 * program's are picolibc's (newlib's), which differ in 14 places
 * (ETIMEDOUT is 110 against 116).  Everything lib/ returns to a program
 * passes through here.  This header includes neither set, so a file of
 * either side may use it.
 */
#ifndef LIB_ERRNO_MAP_H
#define LIB_ERRNO_MAP_H

/* A kernel result (>= 0, or a negative kernel errno) as a program's
 * errno value: 0 for success, else the positive picolibc number (EIO
 * for one the program's set has no name for). */
int errno_from_kernel(int result);

/* A program's errno value (positive) as a negative kernel errno. */
int errno_to_kernel(int err);

/* A program's errno value's name ("ENOENT"), for messages: the kernel's
 * table, not picolibc's strerror and its 4 KiB of sentences. */
const char *errno_text(int err);

#endif
