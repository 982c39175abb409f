/*
 * Starting lwIP.  Why netconn and not sockets: net/README.md.
 */
#include <stdbool.h>

#include "kernel/mutex.h"
#include "kernel/printk.h"
#include "kernel/sem.h"
#include "lwip/tcpip.h"
#include "net/net.h"

/* Owned by net_start(): set once, under start_lock. */
/* All zero is what mutex_init() sets: unlocked. */
static struct mutex start_lock;
static bool started;

static void tcpip_ready(void *arg)
{
	sem_give(arg);
}

void net_start(void)
{
	struct sem ready;

	(void)mutex_lock(&start_lock, WAIT_FOREVER);
	if (!started) {
		sem_init(&ready, 0, 1);
		tcpip_init(tcpip_ready, &ready);
		(void)sem_take(&ready, WAIT_FOREVER);
		started = true;
		printk("net: lwIP started\n");
	}
	(void)mutex_unlock(&start_lock);
}
