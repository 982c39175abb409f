/*
 * A driver's Ethernet link as an lwIP netif (see netif_glue.h).  lwIP
 * owns the netif once added; the link around it lives in lwIP's heap.
 */
#include <stdio.h>
#include <string.h>

#include "kernel/errno.h"
#include "kernel/printk.h"
#include "kernel/random.h"
#include "lwip/dhcp.h"
#include "lwip/etharp.h"
#include "netif/ethernet.h"
#include "lwip/mem.h"
#include "lwip/netif.h"
#include "lwip/pbuf.h"
#include "lwip/tcpip.h"
#include "lwip/ip4.h"
#include "lwip/priv/tcp_priv.h"
#include "lwip/prot/tcp.h"
#include "net/net.h"
#include "net/csum_blank.h"
#include "net/netif_glue.h"
#include "net/tcp_guard.h"
#include "net/tso.h"
#include "net/rx_pool.h"

#define ETH_HEADER	14
#define MTU_MIN		576
#define MTU_MAX		9000
/*
 * Received frames in lwIP's mailbox, not yet taken by the tcpip thread,
 * from every link together: one fewer than lwIP's input messages, as
 * the tcpip thread frees a frame's message only after link_input has
 * counted it taken.  Half the mailbox: the rest stays for the apps'
 * calls and timers, which a flood must not crowd out.
 */
#define INPUT_QUEUE_MAX	(MEMP_NUM_TCPIP_MSG_INPKT - 1)
_Static_assert(INPUT_QUEUE_MAX <= TCPIP_MBOX_SIZE / 2,
	       "frames leave half the mailbox to the rest");

/*
 * Frames queued to the tcpip thread: counted up by net_link_input (the
 * drivers' threads), down by link_input on the tcpip thread.  Atomic.
 */
static unsigned int input_queued;

struct net_link {
	struct netif netif;		/* first: lwIP hands back the netif */
	struct net_link_config cfg;
	bool dhcp;
	/* With NET_LINK_TX_TSO: what each peer takes (lwIP's core lock). */
	struct net_tso_table tso;
};

_Static_assert(TCP_MSS == NET_TSO_MSS, "lwIP builds the TSO segments");
/* IPv4 and TCP headers without options: MSS = MTU - 40. */
#define IP_TCP_HEADERS	40
#define ETH_TYPE_IPV4	0x0800

/* Our link behind netif, or NULL (the loopback). */
static struct net_link *link_of(struct netif *netif);

/*
 * With NET_LINK_TX_CSUM, lwIP leaves TCP's checksum to us (zero): the
 * pseudo-header's sum goes in, the device does the rest.  lwIP builds
 * every header in the chain's first buffer; a chain that did not is
 * made whole first.  0 (and *flags), or ERR_MEM.
 */
static err_t csum_blank(struct pbuf **p, struct pbuf **flat,
			unsigned int *flags)
{
	int r = net_csum_blank_tcp4((*p)->payload, (*p)->len, (*p)->tot_len);

	if (r == -EINVAL && !*flat && (*p)->len < (*p)->tot_len) {
		*flat = pbuf_clone(PBUF_RAW, PBUF_RAM, *p);
		if (!*flat)
			return ERR_MEM;
		*p = *flat;
		r = net_csum_blank_tcp4((*p)->payload, (*p)->len,
					(*p)->tot_len);
	}
	if (r > 0)
		*flags |= NET_TX_CSUM_BLANK;
	/* -EINVAL now: not a frame lwIP makes; the peer drops it. */
	return ERR_OK;
}

static err_t link_output(struct netif *netif, struct pbuf *p)
{
	struct net_link *link = netif->state;
	struct net_frag frags[NET_LINK_MAX_FRAGS];
	struct pbuf *flat = NULL, *q;
	size_t total = p->tot_len;
	struct net_tx_info info = { 0 };
	unsigned int n = 0;
	int err;

	for (q = p; q && n < NET_LINK_MAX_FRAGS; q = q->next)
		n++;
	if (q) {
		/* Rare: lwIP's TCP sends a header and a few data pieces. */
		flat = pbuf_clone(PBUF_RAW, PBUF_RAM, p);
		if (!flat)
			return ERR_MEM;
		p = flat;
	}
	if ((link->cfg.offloads & NET_LINK_TX_CSUM) &&
	    csum_blank(&p, &flat, &info.flags) != ERR_OK)
		return ERR_MEM;
	if (total > (size_t)ETH_HEADER + link->cfg.mtu) {
		/*
		 * Beyond the wire's MTU only on a TSO link, and only a TCP
		 * segment, whose headers csum_blank found in the first
		 * buffer: the device cuts it as the peer asked.
		 */
		if (!(link->cfg.offloads & NET_LINK_TX_TSO) ||
		    !(info.flags & NET_TX_CSUM_BLANK)) {
			if (flat)
				pbuf_free(flat);
			return ERR_IF;
		}
		info.flags |= NET_TX_TSO;
		info.gso_size = net_tso_mss(&link->tso,
					    (const uint8_t *)p->payload +
						    ETH_HEADER,
					    p->len - ETH_HEADER);
	}
	for (q = p, n = 0; q; q = q->next) {
		frags[n].data = q->payload;
		frags[n++].len = q->len;
	}
	err = link->cfg.transmit(link->cfg.ctx, frags, n, total, &info);
	if (flat)
		pbuf_free(flat);
	return err < 0 ? ERR_IF : ERR_OK;
}

static err_t link_init(struct netif *netif)
{
	struct net_link *link = netif->state;

	netif->name[0] = 'e';
	netif->name[1] = 'n';
	netif->output = etharp_output;
	netif->linkoutput = link_output;
	netif->mtu = link->cfg.mtu;
	/* lwIP's segments may be as large as the device cuts. */
	if (link->cfg.offloads & NET_LINK_TX_TSO)
		netif->mtu = NET_TSO_MSS + IP_TCP_HEADERS;
	netif->hwaddr_len = ETH_HWADDR_LEN;
	memcpy(netif->hwaddr, link->cfg.mac, ETH_HWADDR_LEN);
	netif->flags = NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP |
		       NETIF_FLAG_ETHERNET;
	/* The device completes TCP's checksums: lwIP leaves them. */
	if (link->cfg.offloads & NET_LINK_TX_CSUM)
		NETIF_SET_CHECKSUM_CTRL(netif, NETIF_CHECKSUM_ENABLE_ALL &
					~NETIF_CHECKSUM_GEN_TCP);
	return ERR_OK;
}

static void format_link(struct netif *netif, char *buf, size_t len)
{
	const uint8_t *a = (const uint8_t *)netif_ip4_addr(netif);
	const uint8_t *g = (const uint8_t *)netif_ip4_gw(netif);
	uint32_t mask = lwip_ntohl(ip4_addr_get_u32(netif_ip4_netmask(netif)));
	unsigned int bits = 0;
	const uint8_t *m = netif->hwaddr;

	while (bits < 32 && (mask & (0x80000000u >> bits)))
		bits++;
	snprintf(buf, len, "%c%c%u %u.%u.%u.%u/%u gw %u.%u.%u.%u "
		 "mac %02x:%02x:%02x:%02x:%02x:%02x",
		 netif->name[0], netif->name[1], netif->num,
		 a[0], a[1], a[2], a[3], bits, g[0], g[1], g[2], g[3],
		 m[0], m[1], m[2], m[3], m[4], m[5]);
}

static void print_address(struct netif *netif)
{
	char line[96];

	if (!netif_is_up(netif) || ip4_addr_isany_val(*netif_ip4_addr(netif)))
		return;		/* also called when going down */
	format_link(netif, line, sizeof(line));
	printk("net: %s\n", line);
}

static void ip4_from_bytes(ip4_addr_t *a, const uint8_t b[4])
{
	IP4_ADDR(a, b[0], b[1], b[2], b[3]);
}

struct net_link *net_link_add(const struct net_link_config *cfg)
{
	ip4_addr_t address, netmask, gateway;
	struct net_link *link;
	const uint8_t *m = cfg->mac;

	if (!cfg->transmit || cfg->mtu < MTU_MIN || cfg->mtu > MTU_MAX)
		return NULL;
	/* Tells guests apart in the seed, if it is not drawn yet. */
	random_add((uint64_t)m[0] << 40 | (uint64_t)m[1] << 32 |
		   (uint64_t)m[2] << 24 | (uint64_t)m[3] << 16 |
		   (uint64_t)m[4] << 8 | m[5]);
	if (net_start())
		return NULL;
	link = mem_malloc(sizeof(*link));
	if (!link)
		return NULL;
	memset(link, 0, sizeof(*link));
	link->cfg = *cfg;
	link->cfg.ip = NULL;
	link->dhcp = !cfg->ip || cfg->ip->dhcp;
	ip4_addr_set_zero(&address);
	ip4_addr_set_zero(&netmask);
	ip4_addr_set_zero(&gateway);
	if (!link->dhcp) {
		ip4_from_bytes(&address, cfg->ip->address);
		ip4_from_bytes(&netmask, cfg->ip->netmask);
		ip4_from_bytes(&gateway, cfg->ip->gateway);
	}
	LOCK_TCPIP_CORE();
	if (net_rx_pool_init() ||
	    !netif_add(&link->netif, &address, &netmask, &gateway, link,
		       link_init, tcpip_input)) {
		UNLOCK_TCPIP_CORE();
		mem_free(link);
		return NULL;
	}
	printk("net: %c%c%u mac %02x:%02x:%02x:%02x:%02x:%02x, %s\n",
	       link->netif.name[0], link->netif.name[1], link->netif.num,
	       m[0], m[1], m[2], m[3], m[4], m[5],
	       link->dhcp ? "DHCP" : "static address");
	netif_set_status_callback(&link->netif, print_address);
	if (!netif_default)
		netif_set_default(&link->netif);
	netif_set_link_up(&link->netif);
	netif_set_up(&link->netif);
	if (link->dhcp && dhcp_start(&link->netif) != ERR_OK)
		printk("net: %c%c%u: no memory for DHCP\n",
		       link->netif.name[0], link->netif.name[1],
		       link->netif.num);
	UNLOCK_TCPIP_CORE();
	return link;
}

static struct net_link *link_of(struct netif *netif)
{
	return netif && netif->linkoutput == link_output ? netif->state
							 : NULL;
}

int net_link_ip4_input(struct pbuf *p, struct netif *inp)
{
	struct net_link *link = link_of(inp);

	/* A peer's SYN: lwIP may build segments as large as we cut. */
	if (link && (link->cfg.offloads & NET_LINK_TX_TSO))
		(void)net_tso_syn_in(&link->tso, p->payload, p->len,
				     NET_TSO_MSS,
				     (uint16_t)(link->cfg.mtu - IP_TCP_HEADERS));
	return net_tcp_cookie_input(p, inp);
}

u32_t *net_link_tcp_out_opts(struct pbuf *p, struct tcp_hdr *hdr,
			     const struct tcp_pcb *pcb, u32_t *opts)
{
	struct netif *netif = NULL;
	struct net_link *link;

	(void)p;
	/* Only a SYN has an MSS; a listener's PCB has no netif of its own. */
	if (!pcb || !(TCPH_FLAGS(hdr) & TCP_SYN) || pcb->state == LISTEN)
		return opts;
	if (pcb->netif_idx != NETIF_NO_INDEX)
		netif = netif_get_by_index(pcb->netif_idx);
	else
		netif = ip4_route(ip_2_ip4(&pcb->remote_ip));
	link = link_of(netif);
	if (link && (link->cfg.offloads & NET_LINK_TX_TSO))
		(void)net_tso_clamp_mss((uint8_t *)(hdr + 1),
					(size_t)((uint8_t *)opts -
						 (uint8_t *)(hdr + 1)),
					(uint16_t)(link->cfg.mtu -
						   IP_TCP_HEADERS));
	return opts;
}

/* On the tcpip thread: one queued frame is taken. */
static err_t link_input(struct pbuf *p, struct netif *netif)
{
	__atomic_sub_fetch(&input_queued, 1, __ATOMIC_RELAXED);
	return ethernet_input(p, netif);
}

/*
 * The same for a frame whose TCP/UDP checksum the device vouches for:
 * lwIP reads the netif's flags only while it takes this frame (every
 * input runs here, one at a time), so they are off for this one alone.
 * IP's header checksum is still checked, as Linux does.
 */
static err_t link_input_csum_ok(struct pbuf *p, struct netif *netif)
{
	u16_t saved = netif->chksum_flags;
	err_t err;

	NETIF_SET_CHECKSUM_CTRL(netif, saved & ~(NETIF_CHECKSUM_CHECK_TCP |
						 NETIF_CHECKSUM_CHECK_UDP));
	err = link_input(p, netif);
	NETIF_SET_CHECKSUM_CTRL(netif, saved);
	return err;
}

/* The longest frame link takes; 4: room for one VLAN tag. */
static size_t frame_max(const struct net_link *link)
{
	if (link->cfg.offloads & NET_LINK_RX_LARGE)
		return NET_RX_LARGE_MAX;
	return ETH_HEADER + 4u + link->cfg.mtu;
}

bool net_link_can_input(const struct net_link *link)
{
	return __atomic_load_n(&input_queued, __ATOMIC_RELAXED) <
	       INPUT_QUEUE_MAX && net_rx_room(frame_max(link));
}

int net_link_input(struct net_link *link, const struct net_frag *frags,
		   unsigned int count, size_t total, unsigned int flags)
{
	size_t off = 0;
	unsigned int i;
	struct pbuf *p;

	if (total < ETH_HEADER || total > frame_max(link))
		return -EINVAL;
	for (i = 0; i < count; i++) {
		if (frags[i].len > total - off)
			return -EINVAL;
		off += frags[i].len;
	}
	if (off != total)
		return -EINVAL;
	if (__atomic_load_n(&input_queued, __ATOMIC_RELAXED) >=
	    INPUT_QUEUE_MAX)
		return -ENOBUFS;
	p = net_rx_alloc(total);
	if (!p)
		return -ENOBUFS;
	for (i = 0, off = 0; i < count; off += frags[i].len, i++) {
		/* The one copy: out of the device's buffers, into lwIP's. */
		if (pbuf_take_at(p, frags[i].data, (u16_t)frags[i].len,
				 (u16_t)off) != ERR_OK) {
			pbuf_free(p);
			return -ENOBUFS;
		}
	}
	__atomic_add_fetch(&input_queued, 1, __ATOMIC_RELAXED);
	if (tcpip_inpkt(p, &link->netif, (flags & NET_RX_CSUM_OK)
			? link_input_csum_ok : link_input) != ERR_OK) {
		__atomic_sub_fetch(&input_queued, 1, __ATOMIC_RELAXED);
		pbuf_free(p);
		return -ENOBUFS;
	}
	return 0;
}

/* Frames queued before the removal still name the netif: free after. */
static void link_free(void *link)
{
	mem_free(link);
}

void net_link_remove(struct net_link *link)
{
	LOCK_TCPIP_CORE();
	if (link->dhcp)
		dhcp_release_and_stop(&link->netif);
	netif_remove(&link->netif);
	UNLOCK_TCPIP_CORE();
	if (tcpip_callback(link_free, link) != ERR_OK)
		printk("net: link memory kept: tcpip queue full\n");
}


void net_link_report(net_link_report_fn fn, void *ctx)
{
	struct netif *netif;
	char line[96];

	LOCK_TCPIP_CORE();
	NETIF_FOREACH(netif) {
		if (netif->linkoutput != link_output)
			continue;	/* the loopback */
		format_link(netif, line, sizeof(line));
		fn(ctx, line);
	}
	UNLOCK_TCPIP_CORE();
}

int net_link_state(unsigned int index, struct net_link_state *s)
{
	struct netif *netif;
	unsigned int i = 0;
	int err = -ENODEV;

	if (!net_started())
		return -ENODEV;
	LOCK_TCPIP_CORE();
	NETIF_FOREACH(netif) {
		const struct net_link *link = netif->state;

		if (netif->linkoutput != link_output || i++ != index)
			continue;	/* the loopback, or not yet */
		memset(s, 0, sizeof(*s));
		snprintf(s->name, sizeof(s->name), "%c%c%u", netif->name[0],
			 netif->name[1], netif->num);
		memcpy(s->mac, netif->hwaddr, sizeof(s->mac));
		s->link_up = netif_is_link_up(netif);
		s->dhcp = link->dhcp;
		s->is_default = netif == netif_default;
		memcpy(s->address, netif_ip4_addr(netif), 4);
		memcpy(s->netmask, netif_ip4_netmask(netif), 4);
		memcpy(s->gateway, netif_ip4_gw(netif), 4);
		err = 0;
		break;
	}
	UNLOCK_TCPIP_CORE();
	return err;
}
