/* The shell's disk commands (apps/disk.c). */
#ifndef APPS_DISK_H
#define APPS_DISK_H

#include <stdbool.h>

/* Run cmd if it is a disk command ("disks", "disk-..."): true if so. */
bool disk_command(const char *cmd, char *arg);

#endif
