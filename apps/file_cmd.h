/* The shell's file commands (apps/file_cmd.c). */
#ifndef APPS_FILE_CMD_H
#define APPS_FILE_CMD_H

#include <stdbool.h>

#include "kernel/features.h"

/* Run cmd if it is a file command (ls, cat, write): true if so. */
#if OSPREY_9PFS
bool file_command(const char *cmd, char *arg);
#else
/* An image without 9pfs has no files (kernel/features.h). */
static inline bool file_command(const char *cmd, char *arg)
{
	(void)cmd;
	(void)arg;
	return false;
}
#endif

#endif
