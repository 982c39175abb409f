/*
 * _exit() for picolibc's exit(), abort() and assert(): the program's end
 * is the machine's.  Status 0 is the orderly poweroff (disks synced);
 * any other is a crash whose status is in the log, so that a toolstack
 * keeping crashed domains (on_crash="preserve") keeps this one, and a
 * test reads why.  abort() arrives here with 134 (128 + SIGABRT).
 */
#include <stdio.h>
#include <unistd.h>

#include "kernel/panic.h"
#include "kernel/shutdown.h"

void _exit(int status)
{
	/* The calling thread's unfinished stdout line. */
	fflush(stdout);
	if (status == 0)
		machine_shutdown(STOP_POWEROFF);
	panic("exit status %d", status);
}
