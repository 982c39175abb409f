/* The shell's network commands (apps/net_cmd.c): ifconfig, ping. */
#ifndef APPS_NET_CMD_H
#define APPS_NET_CMD_H

#include <stdbool.h>

/* Run cmd if it is a network command: true if so. */
bool net_command(const char *cmd, char *arg);

#endif
