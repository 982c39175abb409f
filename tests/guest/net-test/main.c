/*
 * netfront without a TCP/IP stack, for the vif tests (app=net-test): a
 * network layer of a few lines on netfront's ops that counts the frames
 * each vif receives and answers, from 10.0.0.(1 + its MAC's last byte),
 * ARP requests and ICMP echo requests (dom0's arping and ping).  Prints:
 *   net-test: vif0 up, mac ..., ip 10.0.0.N
 *   net-test: vif0 rx F frames (arp A, icmp I), tx T, dropped D
 * when the counts change (checked every 500 ms), and "vif0 down".
 */
#include <stdint.h>
#include <string.h>

#include "kernel/app.h"
#include "kernel/printk.h"
#include "kernel/thread.h"
#include "frontends/netfront.h"

#define ETH_HLEN	14
#define ETH_P_ARP	0x0806
#define ETH_P_IP	0x0800
#define ARP_LEN		28
#define IP_HLEN		20
#define ICMP_ECHO	8
#define ICMP_REPLY	0

struct vif {
	struct netfront *nf;
	uint8_t ip[4];
	unsigned long arp, icmp, frames;
	uint8_t reply[NETFRONT_FRAME_MAX];
	uint8_t frame[NETFRONT_FRAME_MAX];	/* the received one, whole */
};

/* One per netfront vif; written on the netfront thread (rx, link). */
static struct vif vifs[NETFRONT_MAX_VIFS];

/* One frame in one piece, full checksums; a failure drops it. */
static void send_frame(struct vif *v, const uint8_t *frame, size_t len)
{
	struct netfront_seg seg = { .data = frame, .len = len };

	(void)netfront_send(v->nf, &seg, 1, len, 0, 0);
}

static uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

/* The Internet checksum (RFC 1071) of len bytes. */
static uint16_t csum(const uint8_t *p, size_t len)
{
	uint32_t sum = 0;
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		sum += get16(p + i);
	if (len & 1)
		sum += (uint32_t)p[len - 1] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

static void answer_arp(struct vif *v, const uint8_t *f, size_t len)
{
	const uint8_t *a = f + ETH_HLEN;
	uint8_t *r = v->reply, *ra = r + ETH_HLEN;
	const uint8_t *mac = netfront_mac(v->nf);

	/* Ethernet/IPv4 request for our address. */
	if (len < ETH_HLEN + ARP_LEN || get16(a) != 1 ||
	    get16(a + 2) != ETH_P_IP || get16(a + 6) != 1 ||
	    memcmp(a + 24, v->ip, 4) != 0)
		return;
	v->arp++;
	memcpy(r, f + 6, 6);
	memcpy(r + 6, mac, 6);
	put16(r + 12, ETH_P_ARP);
	memcpy(ra, a, 6);		/* htype, ptype, hlen, plen */
	put16(ra + 6, 2);		/* reply */
	memcpy(ra + 8, mac, 6);
	memcpy(ra + 14, v->ip, 4);
	memcpy(ra + 18, a + 8, 10);	/* the asker's MAC and IP */
	send_frame(v, r, ETH_HLEN + ARP_LEN);
}

static void answer_icmp(struct vif *v, const uint8_t *f, size_t len)
{
	const uint8_t *ip = f + ETH_HLEN;
	uint8_t *r = v->reply, *rip = r + ETH_HLEN;
	size_t ip_len;

	if (len < ETH_HLEN + IP_HLEN + 8 || ip[0] != 0x45 || ip[9] != 1 ||
	    memcmp(ip + 16, v->ip, 4) != 0)
		return;
	ip_len = get16(ip + 2);
	if (ip_len < IP_HLEN + 8 || ip_len > len - ETH_HLEN ||
	    ip[IP_HLEN] != ICMP_ECHO)
		return;
	v->icmp++;
	memcpy(r, f + 6, 6);
	memcpy(r + 6, netfront_mac(v->nf), 6);
	put16(r + 12, ETH_P_IP);
	memcpy(rip, ip, ip_len);
	memcpy(rip + 12, ip + 16, 4);
	memcpy(rip + 16, ip + 12, 4);
	rip[8] = 64;			/* TTL */
	put16(rip + 10, 0);
	put16(rip + 10, csum(rip, IP_HLEN));
	rip[IP_HLEN] = ICMP_REPLY;
	put16(rip + IP_HLEN + 2, 0);
	put16(rip + IP_HLEN + 2, csum(rip + IP_HLEN, ip_len - IP_HLEN));
	send_frame(v, r, ETH_HLEN + ip_len);
}

static void rx(void *ctx, const struct netfront_rx_frame *frame)
{
	struct vif *v = ctx;
	const uint8_t *f = v->frame;
	size_t len = 0;
	unsigned int i;

	v->frames++;
	/* Copied whole first: the backend may still write its pages. */
	if (frame->len < ETH_HLEN || frame->len > sizeof(v->frame))
		return;
	for (i = 0; i < frame->count; len += frame->seg[i].len, i++)
		memcpy(v->frame + len, frame->seg[i].data, frame->seg[i].len);
	if (get16(f + 12) == ETH_P_ARP)
		answer_arp(v, f, len);
	else if (get16(f + 12) == ETH_P_IP)
		answer_icmp(v, f, len);
}

static void *link_up(struct netfront *nf)
{
	const uint8_t *mac = netfront_mac(nf);
	unsigned int i;

	for (i = 0; i < NETFRONT_MAX_VIFS && vifs[i].nf &&
		    vifs[i].nf != nf; i++)
		;
	if (i == NETFRONT_MAX_VIFS)
		return NULL;
	vifs[i].nf = nf;
	vifs[i].ip[0] = 10;
	vifs[i].ip[1] = 0;
	vifs[i].ip[2] = 0;
	vifs[i].ip[3] = (uint8_t)(1 + mac[5]);
	printk("net-test: %s up, mac %02x:%02x:%02x:%02x:%02x:%02x, "
	       "ip 10.0.0.%u\n", netfront_name(nf), mac[0], mac[1], mac[2],
	       mac[3], mac[4], mac[5], vifs[i].ip[3]);
	return &vifs[i];
}

static void link_down(void *ctx)
{
	struct vif *v = ctx;

	printk("net-test: %s down\n", netfront_name(v->nf));
}

static const struct netfront_ops test_ops = {
	.link_up = link_up,
	.rx = rx,
	.link_down = link_down,
};

static void net_test_main(void)
{
	unsigned long shown[NETFRONT_MAX_VIFS][2] = { { 0 } };
	unsigned int i;

	netfront_set_ops(&test_ops);
	printk("net-test: ready\n");
	for (;;) {
		thread_sleep_ms(500);
		for (i = 0; i < NETFRONT_MAX_VIFS; i++) {
			struct vif *v = &vifs[i];
			struct netfront_stats st;

			if (!v->nf)
				continue;
			netfront_get_stats(v->nf, &st);
			if (st.rx_frames == shown[i][0] &&
			    st.tx_frames == shown[i][1])
				continue;
			shown[i][0] = st.rx_frames;
			shown[i][1] = st.tx_frames;
			printk("net-test: %s rx %lu frames (arp %lu, icmp %lu)"
			       ", tx %lu, dropped %lu\n",
			       netfront_name(v->nf), (unsigned long)st.rx_frames,
			       v->arp, v->icmp, (unsigned long)st.tx_frames,
			       (unsigned long)st.rx_dropped);
		}
	}
}

APP_REGISTER("net-test", net_test_main);
