/* The shell's network commands (apps/net_cmd.c): ifconfig, ping. */
#ifndef APPS_NET_CMD_H
#define APPS_NET_CMD_H

#include <stdbool.h>

#include "kernel/features.h"

/* Run cmd if it is a network command: true if so. */
#if OSPREY_NET
bool net_command(const char *cmd, char *arg);
#else
/* An image without it has no such commands (kernel/features.h). */
static inline bool net_command(const char *cmd, char *arg)
{
	(void)cmd;
	(void)arg;
	return false;
}
#endif

/*
 * One line per connected vif on what its offloads did:
 * "vif0 offloads: rx L large frames, C checksums vouched; tx B checksums
 * left to the backend, G large frames" (ifconfig, and the TCP benchmark
 * after each transfer).
 */
void net_vif_offload_report(void);

#endif
