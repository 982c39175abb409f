/*
 * Starting lwIP.  Why netconn for the apps (and sockets for programs):
 * net/README.md.
 */
#include <stdbool.h>

#include "kernel/mutex.h"
#include "kernel/page_alloc.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "kernel/random.h"
#include "kernel/sem.h"
#include "lwip/mem.h"
#include "lwip/netif.h"
#include "lwip/tcpip.h"
#include "net/net.h"
#include "xen/shared_info.h"

/* Owned by net_start(): set once, under start_lock. */
/*
 * lwIP's heap (LWIP_RAM_HEAP_POINTER): set once by net_start() before
 * lwIP starts, owned by lwIP's mem.c afterwards.  Pages, never freed: the
 * stack, once started, lives as long as the kernel.
 */
unsigned char *net_heap;

/* MEM_SIZE, and room for the heap's end marker and alignment. */
#define HEAP_PAGES	((MEM_SIZE + PAGE_SIZE - 1) / PAGE_SIZE + 1)

/* All zero is what mutex_init() sets: unlocked.  started is written
 * under start_lock; net_started() reads it without. */
static struct mutex start_lock;
static bool started;

static void tcpip_ready(void *arg)
{
	ksem_give(arg);
}

/*
 * lwIP leaves its loopback's MTU at 0 (none), so that TCP over 127.0.0.1
 * would take TCP_MSS, sized for TSO links (lwipopts.h): segments of 14 KiB
 * each copied whole from the heap.  An Ethernet MTU keeps them small.
 */
#define LOOPBACK_MTU	1500

static void loopback_mtu(void)
{
	struct netif *netif;

	LOCK_TCPIP_CORE();
	NETIF_FOREACH(netif) {
		if (netif->name[0] == 'l' && netif->name[1] == 'o')
			netif->mtu = LOOPBACK_MTU;
	}
	UNLOCK_TCPIP_CORE();
}

int net_start(void)
{
	struct sem ready;
	int err = 0;

	(void)mutex_lock(&start_lock, WAIT_FOREVER);
	if (!started && !net_heap)
		net_heap = page_alloc(HEAP_PAGES);
	if (!started && !net_heap) {
		printk("net: no memory for lwIP's %u KiB heap\n",
		       MEM_SIZE / 1024);
		err = -ENOMEM;
	} else if (!started) {
		/* Before lwIP's first LWIP_RAND() draws the seed: Xen's wall
		 * clock differs between boots (kernel/random.c). */
		if (xen_shared_info)
			random_add((uint64_t)xen_shared_info->wc_sec << 32 |
				   xen_shared_info->wc_nsec);
		ksem_init(&ready, 0, 1);
		tcpip_init(tcpip_ready, &ready);
		(void)ksem_take(&ready, WAIT_FOREVER);
		loopback_mtu();
		__atomic_store_n(&started, true, __ATOMIC_RELEASE);
		printk("net: lwIP started\n");
	}
	(void)mutex_unlock(&start_lock);
	return err;
}

bool net_started(void)
{
	return __atomic_load_n(&started, __ATOMIC_ACQUIRE);
}
