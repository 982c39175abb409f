/*
 * The shell's network commands:
 *   ifconfig            each link's address (net_link_report), each
 *                       vif's counters (netfront_get_stats) and lwIP's
 *                       memory (net_mem_report)
 *   ping A.B.C.D [N]    N ICMP echo requests (default 4, at most 1000)
 *                       through a raw lwIP PCB; a line per reply with its
 *                       round trip, then "ping A.B.C.D: R/N replies"
 * Neither starts lwIP: with no vif there is no network to show.
 */
#include <stdlib.h>
#include <string.h>

#include "apps/net_cmd.h"
#include "drivers/arm_timer.h"
#include "kernel/printk.h"
#include "kernel/sem.h"
#include "kernel/thread.h"
#include "lwip/inet_chksum.h"
#include "lwip/ip4_addr.h"
#include "lwip/netif.h"
#include "lwip/prot/icmp.h"
#include "lwip/raw.h"
#include "lwip/tcpip.h"
#include "net/net.h"
#include "net/netif_glue.h"
#include "frontends/netfront.h"

#define PING_ID		0x05e7
#define PING_DATA	56		/* as ping(8) sends */
#define PING_WAIT_MS	1000
#define PING_GAP_MS	100
#define PING_MAX	1000

/* One ping at a time (the shell's thread); the reply callback runs on
 * the tcpip thread and writes `replied_seq` before giving `reply`. */
struct ping {
	struct sem reply;
	uint16_t seq;
	volatile int replied_seq;
	ip4_addr_t target;
};

static void print_link(void *ctx, const char *line)
{
	(*(unsigned int *)ctx)++;
	printk("%s\n", line);
}

void net_vif_offload_report(void)
{
	struct netfront_stats st;
	struct netfront *nf;
	unsigned int i;

	for (i = 0; (nf = netfront_at(i)) != NULL; i++) {
		netfront_get_stats(nf, &st);
		printk("%s offloads: rx %llu large frames, %llu checksums "
		       "vouched; tx %llu checksums left to the backend, "
		       "%llu large frames\n",
		       netfront_name(nf), (unsigned long long)st.rx_large,
		       (unsigned long long)st.rx_csum_ok,
		       (unsigned long long)st.tx_csum_blank,
		       (unsigned long long)st.tx_large);
	}
}

static void cmd_ifconfig(void)
{
	struct netfront_stats st;
	struct netfront *nf;
	unsigned int i, links = 0;

	net_link_report(print_link, &links);
	net_mem_report(print_link, &links);
	for (i = 0; (nf = netfront_at(i)) != NULL; i++) {
		netfront_get_stats(nf, &st);
		printk("%s rx %llu frames %llu bytes %llu dropped, "
		       "tx %llu frames %llu bytes %llu errors %u in flight\n",
		       netfront_name(nf), (unsigned long long)st.rx_frames,
		       (unsigned long long)st.rx_bytes,
		       (unsigned long long)st.rx_dropped,
		       (unsigned long long)st.tx_frames,
		       (unsigned long long)st.tx_bytes,
		       (unsigned long long)st.tx_errors, st.tx_in_flight);
	}
	net_vif_offload_report();
	if (!links && !i)
		printk("ifconfig: no network (no vif)\n");
}

/* tcpip thread: an echo reply to our id from the target. */
static u8_t ping_recv(void *arg, struct raw_pcb *pcb, struct pbuf *p,
		      const ip_addr_t *addr)
{
	struct ping *ping = arg;
	struct icmp_echo_hdr echo;
	uint8_t ver_ihl;
	uint16_t hlen;

	(void)pcb;
	if (pbuf_copy_partial(p, &ver_ihl, 1, 0) != 1)
		return 0;
	hlen = (uint16_t)((ver_ihl & 0xf) * 4);
	if (pbuf_copy_partial(p, &echo, sizeof(echo), hlen) != sizeof(echo) ||
	    echo.type != ICMP_ER || echo.id != lwip_htons(PING_ID) ||
	    !ip4_addr_eq(ip_2_ip4(addr), &ping->target))
		return 0;
	ping->replied_seq = lwip_ntohs(echo.seqno);
	pbuf_free(p);
	ksem_give(&ping->reply);
	return 1;
}

/* Send echo request seq: 0 or an lwIP error. */
static err_t ping_send(struct raw_pcb *pcb, struct ping *ping)
{
	struct icmp_echo_hdr *echo;
	struct pbuf *p;
	ip_addr_t dst;
	err_t err;

	p = pbuf_alloc(PBUF_IP, sizeof(*echo) + PING_DATA, PBUF_RAM);
	if (!p)
		return ERR_MEM;
	echo = p->payload;
	echo->type = ICMP_ECHO;
	echo->code = 0;
	echo->chksum = 0;
	echo->id = lwip_htons(PING_ID);
	echo->seqno = lwip_htons(ping->seq);
	memset(echo + 1, 'o', PING_DATA);
	echo->chksum = inet_chksum(echo, p->len);
	ip_addr_copy_from_ip4(dst, ping->target);
	err = raw_sendto(pcb, p, &dst);
	pbuf_free(p);
	return err;
}

static void cmd_ping(char *arg)
{
	static struct ping ping;	/* the shell thread's, one at a time */
	struct raw_pcb *pcb;
	char *count_arg = strchr(arg, ' ');
	unsigned long count = 4, replies = 0, i;
	uint64_t t0, us;
	err_t err;

	if (count_arg) {
		*count_arg++ = '\0';
		count = strtoul(count_arg, NULL, 10);
	}
	if (!ip4addr_aton(arg, &ping.target) || count < 1 ||
	    count > PING_MAX) {
		printk("usage: ping A.B.C.D [1..%u]\n", PING_MAX);
		return;
	}
	if (!netif_default) {
		printk("ping: no network (no vif)\n");
		return;
	}
	ksem_init(&ping.reply, 0, 1);
	LOCK_TCPIP_CORE();
	pcb = raw_new(IP_PROTO_ICMP);
	if (pcb)
		raw_recv(pcb, ping_recv, &ping);
	UNLOCK_TCPIP_CORE();
	if (!pcb) {
		printk("ping: no memory for a raw PCB\n");
		return;
	}
	for (i = 0; i < count; i++) {
		ping.seq = (uint16_t)(i + 1);
		ping.replied_seq = -1;
		while (ksem_take(&ping.reply, 0) == 0)
			;	/* a late reply to the last one */
		t0 = arm_timer_now();
		LOCK_TCPIP_CORE();
		err = ping_send(pcb, &ping);
		UNLOCK_TCPIP_CORE();
		if (err != ERR_OK) {
			printk("ping %s seq %u: cannot send (%d)\n", arg,
			       ping.seq, err);
		} else if (ksem_take(&ping.reply, PING_WAIT_MS) == 0 &&
			   ping.replied_seq == ping.seq) {
			us = (arm_timer_now() - t0) * 1000000 /
			     arm_timer_freq();
			replies++;
			printk("ping %s seq %u: reply in %llu.%03llu ms\n", arg,
			       ping.seq, (unsigned long long)(us / 1000),
			       (unsigned long long)(us % 1000));
		} else {
			printk("ping %s seq %u: no reply\n", arg, ping.seq);
		}
		if (i + 1 < count)
			thread_sleep_ms(PING_GAP_MS);
	}
	LOCK_TCPIP_CORE();
	raw_remove(pcb);
	UNLOCK_TCPIP_CORE();
	printk("ping %s: %lu/%lu replies\n", arg, replies, count);
}

bool net_command(const char *cmd, char *arg)
{
	if (strcmp(cmd, "ifconfig") == 0)
		cmd_ifconfig();
	else if (strcmp(cmd, "ping") == 0)
		cmd_ping(arg);
	else
		return false;
	return true;
}
