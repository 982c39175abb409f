/* The shell's disk commands (apps/disk.c). */
#ifndef APPS_DISK_H
#define APPS_DISK_H

#include <stdbool.h>

#include "kernel/features.h"

/* Run cmd if it is a disk command ("disks", "disk-..."): true if so. */
#if OSPREY_BLK
bool disk_command(const char *cmd, char *arg);
#else
/* An image without it has no such commands (kernel/features.h). */
static inline bool disk_command(const char *cmd, char *arg)
{
	(void)cmd;
	(void)arg;
	return false;
}
#endif

#endif
