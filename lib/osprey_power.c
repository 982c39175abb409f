/* <osprey/power.h>: the kernel's orderly stop (kernel/shutdown.h). */
#include <stdio.h>

#include <osprey/power.h>

#include "kernel/shutdown.h"

void osprey_poweroff(void)
{
	/* The calling thread's unfinished stdout line, as exit() does. */
	fflush(stdout);
	machine_shutdown(STOP_POWEROFF);
}

void osprey_reboot(void)
{
	fflush(stdout);
	machine_shutdown(STOP_REBOOT);
}
