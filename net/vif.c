/*
 * netfront's vifs as lwIP links (see vif.h).
 *
 * Locks (the order is written at struct netfront): netfront calls
 * link_up with no vif lock held, so it may take lwIP's core lock; rx
 * and link_down come holding the vif's mutex, and transmit runs holding
 * lwIP's core lock, then takes the vif's mutex in netfront_send.  So
 * rx and link_down must not take the core lock (the tcpip thread may be
 * waiting for that vif's mutex inside transmit): rx only queues the
 * frame, and link_down only marks the link down and leaves
 * net_link_remove() to the "vif" thread, which holds no vif mutex.
 */
#include <stdbool.h>
#include <string.h>

#include "kernel/errno.h"
#include "kernel/mutex.h"
#include "kernel/printk.h"
#include "kernel/sem.h"
#include "kernel/thread.h"
#include "net/netif_glue.h"
#include "net/vif.h"
#include "frontends/netfront.h"

/* A vif that reconnects may come up before its old link is removed. */
#define VIF_LINKS		(2 * NETFRONT_MAX_VIFS)
#define VIF_THREAD_PRIORITY	4	/* with XenBus, above the apps */
#define VIF_MTU			1500

enum vif_state { VIF_FREE, VIF_ADDING, VIF_UP, VIF_DOWN };

struct vif_link {
	enum vif_state state;
	volatile bool down;	/* read by transmit under the core lock */
	bool static_ip;		/* holds the address from bootargs */
	struct netfront *nf;
	struct net_link *link;
};

/* The slots' states: under vif_lock (all zero: unlocked, all free). */
static struct mutex vif_lock;
static struct vif_link vif_links[VIF_LINKS];

/* Set once by net_vif_ops() before any vif exists. */
static const char *vif_bootargs;

/* Wakes the "vif" thread (created at the first link_up) to remove links. */
static struct sem vif_remove_work;
static bool vif_thread_started;		/* under vif_lock */

static int vif_transmit(void *ctx, const struct net_frag *frags,
			unsigned int count, size_t total,
			const struct net_tx_info *info)
{
	struct vif_link *v = ctx;
	struct netfront_seg seg[NET_LINK_MAX_FRAGS];
	unsigned int i;

	if (v->down)
		return -ENETDOWN;
	if (count > NET_LINK_MAX_FRAGS)
		return -EINVAL;
	for (i = 0; i < count; i++) {
		seg[i].data = frags[i].data;
		seg[i].len = frags[i].len;
	}
	return netfront_send(v->nf, seg, count, total,
			     ((info->flags & NET_TX_CSUM_BLANK)
			      ? NETFRONT_TX_CSUM_BLANK : 0) |
			     ((info->flags & NET_TX_TSO) ? NETFRONT_TX_GSO : 0),
			     info->gso_size);
}

static void vif_remover(void *unused)
{
	struct vif_link *v;
	unsigned int i;

	(void)unused;
	thread_background();
	for (;;) {
		(void)ksem_take(&vif_remove_work, WAIT_FOREVER);
		for (i = 0; i < VIF_LINKS; i++) {
			v = &vif_links[i];
			(void)mutex_lock(&vif_lock, WAIT_FOREVER);
			if (v->state != VIF_DOWN) {
				(void)mutex_unlock(&vif_lock);
				continue;
			}
			(void)mutex_unlock(&vif_lock);
			net_link_remove(v->link);
			(void)mutex_lock(&vif_lock, WAIT_FOREVER);
			memset(v, 0, sizeof(*v));
			(void)mutex_unlock(&vif_lock);
		}
	}
}

/* A free slot, marked VIF_ADDING, and whether the static address is
 * free for it; NULL when all are taken.  Under vif_lock. */
static struct vif_link *vif_claim(bool *static_free)
{
	struct vif_link *found = NULL;
	unsigned int i;

	*static_free = true;
	for (i = 0; i < VIF_LINKS; i++) {
		if (vif_links[i].state == VIF_FREE && !found)
			found = &vif_links[i];
		else if (vif_links[i].state != VIF_FREE &&
			 vif_links[i].static_ip)
			*static_free = false;
	}
	if (found)
		found->state = VIF_ADDING;
	return found;
}

static void *vif_link_up(struct netfront *nf)
{
	struct net_link_config cfg = {
		.mtu = VIF_MTU, .transmit = vif_transmit,
	};
	struct net_ip_config ip;
	struct vif_link *v;
	bool static_free;

	(void)mutex_lock(&vif_lock, WAIT_FOREVER);
	v = vif_claim(&static_free);
	if (v && !vif_thread_started) {
		ksem_init(&vif_remove_work, 0, 1);
		vif_thread_started = thread_create("vif", vif_remover, NULL,
						   VIF_THREAD_PRIORITY,
						   THREAD_STACK_DEFAULT);
	}
	(void)mutex_unlock(&vif_lock);
	if (!v) {
		printk("net: %s: no room for another link\n",
		       netfront_name(nf));
		return NULL;
	}
	if (net_ip_config_parse(vif_bootargs, &ip) < 0)
		printk("net: ip= in bootargs is malformed: DHCP\n");
	if (!ip.dhcp && !static_free)
		ip.dhcp = true;		/* another vif has that address */
	v->nf = nf;
	v->static_ip = !ip.dhcp;
	memcpy(cfg.mac, netfront_mac(nf), sizeof(cfg.mac));
	cfg.ctx = v;
	/* Fixed for the link: netfront makes a new one if they change. */
	if (netfront_features(nf) & NETFRONT_F_TX_CSUM)
		cfg.offloads |= NET_LINK_TX_CSUM;
	if (netfront_features(nf) & NETFRONT_F_RX_GSO)
		cfg.offloads |= NET_LINK_RX_LARGE;
	if (netfront_features(nf) & NETFRONT_F_TX_GSO)
		cfg.offloads |= NET_LINK_TX_TSO;
	cfg.ip = &ip;
	v->link = net_link_add(&cfg);
	(void)mutex_lock(&vif_lock, WAIT_FOREVER);
	if (v->link)
		v->state = VIF_UP;
	else
		memset(v, 0, sizeof(*v));
	(void)mutex_unlock(&vif_lock);
	if (!v->link) {
		printk("net: %s: cannot add it to the stack\n",
		       netfront_name(nf));
		return NULL;
	}
	return v;
}

static void vif_rx(void *ctx, const struct netfront_rx_frame *frame)
{
	struct vif_link *v = ctx;
	struct net_frag frags[NETFRONT_RX_SEGS];
	unsigned int i;

	if (v->down)
		return;
	for (i = 0; i < frame->count; i++) {
		frags[i].data = frame->seg[i].data;
		frags[i].len = frame->seg[i].len;
	}
	/* -ENOBUFS and -EINVAL drop the frame, as a full NIC would. */
	(void)net_link_input(v->link, frags, frame->count, frame->len,
			     frame->csum_ok ? NET_RX_CSUM_OK : 0);
}

static bool vif_rx_room(void *ctx)
{
	struct vif_link *v = ctx;

	return net_link_can_input(v->link);
}

static void vif_link_down(void *ctx)
{
	struct vif_link *v = ctx;

	v->down = true;
	printk("net: %s: link down\n", netfront_name(v->nf));
	(void)mutex_lock(&vif_lock, WAIT_FOREVER);
	v->state = VIF_DOWN;
	(void)mutex_unlock(&vif_lock);
	ksem_give(&vif_remove_work);
}

static const struct netfront_ops vif_ops = {
	.link_up = vif_link_up,
	.rx = vif_rx,
	.rx_room = vif_rx_room,
	.link_down = vif_link_down,
};

const struct netfront_ops *net_vif_ops(const char *bootargs)
{
	vif_bootargs = bootargs;
	return &vif_ops;
}
