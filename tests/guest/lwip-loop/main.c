/*
 * lwIP on our port, without Xen (app=lwip-loop): the product's network
 * apps over 127.0.0.1 through lwIP's loopback, then the netif glue with
 * a fake device.  Each check prints "lwip-loop: ok NAME ..." or
 * "lwip-loop: FAIL NAME: why", then a final PASS/FAIL line, and the guest
 * powers off (the servers would keep it on).
 *
 *   tcp-sink    4 MiB to the sink; its cksum (the far end's) must match
 *   tcp-source  4 MiB from the source; our cksum must match the pattern's
 *   udp-echo    datagrams come back as sent
 *   http        GET / gives 200 and the platform page; GET /x gives 404
 *   glue-*      a device's frames: ARP announce, request and reply, a UDP
 *               datagram out, UDP echo in
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/app.h"
#include "apps/bench_pattern.h"
#include "apps/cksum.h"
#include "apps/httpd.h"
#include "apps/tcp_bench.h"
#include "apps/udp_echo.h"
#include "drivers/arm_timer.h"
#include "kernel/errno.h"
#include "kernel/power.h"
#include "kernel/printk.h"
#include "kernel/sem.h"
#include "lwip/api.h"
#include "lwip/inet_chksum.h"
#include "net/net.h"
#include "net/netif_glue.h"

#define TRANSFER	(4u * 1024 * 1024)
#define CHUNK		2048
#define WAIT_MS		20000

static unsigned int failures;

static void verdict(const char *name, bool ok, const char *why)
{
	if (ok) {
		printk("lwip-loop: ok %s\n", name);
	} else {
		printk("lwip-loop: FAIL %s: %s\n", name, why);
		failures++;
	}
}

static uint64_t elapsed_ms(uint64_t since)
{
	return (arm_timer_now() - since) * 1000 / arm_timer_freq();
}

static struct netconn *connect_local(uint16_t port)
{
	struct netconn *conn = netconn_new(NETCONN_TCP);
	ip_addr_t local;

	if (!conn)
		return NULL;
	IP_ADDR4(&local, 127, 0, 0, 1);
	if (netconn_connect(conn, &local, port) != ERR_OK) {
		(void)netconn_delete(conn);
		return NULL;
	}
	netconn_set_recvtimeout(conn, WAIT_MS);
	return conn;
}

static void close_conn(struct netconn *conn)
{
	(void)netconn_close(conn);
	(void)netconn_delete(conn);
}

/* Everything the peer sends until it closes, into buf (NUL-terminated). */
static size_t read_all(struct netconn *conn, char *buf, size_t len,
		       struct cksum *sum)
{
	size_t used = 0;
	struct pbuf *p, *q;

	while (netconn_recv_tcp_pbuf(conn, &p) == ERR_OK) {
		for (q = p; q; q = q->next) {
			if (sum)
				cksum_update(sum, q->payload, q->len);
			if (buf && used < len - 1) {
				size_t n = q->len < len - 1 - used ?
					   q->len : len - 1 - used;
				memcpy(buf + used, q->payload, n);
				used += n;
			}
		}
		pbuf_free(p);
	}
	if (buf)
		buf[used] = '\0';
	return used;
}

static uint32_t pattern_cksum(uint64_t total)
{
	static uint8_t chunk[CHUNK];
	struct cksum sum;
	uint64_t done;
	size_t n;

	cksum_init(&sum);
	for (done = 0; done < total; done += n) {
		n = total - done < CHUNK ? (size_t)(total - done) : CHUNK;
		bench_pattern_fill(chunk, n, done);
		cksum_update(&sum, chunk, n);
	}
	return cksum_final(&sum);
}

static void test_tcp_sink(uint32_t expected)
{
	static uint8_t chunk[CHUNK];
	struct netconn *conn = connect_local(TCP_SINK_PORT);
	char reply[64], want[64];
	uint64_t start = arm_timer_now(), ms;
	uint32_t sent = 0;

	if (!conn) {
		verdict("tcp-sink", false, "cannot connect to port 5001");
		return;
	}
	while (sent < TRANSFER) {
		bench_pattern_fill(chunk, CHUNK, sent);
		if (netconn_write(conn, chunk, CHUNK, NETCONN_COPY) != ERR_OK)
			break;
		sent += CHUNK;
	}
	(void)netconn_shutdown(conn, 0, 1);
	read_all(conn, reply, sizeof(reply), NULL);
	close_conn(conn);
	ms = elapsed_ms(start);
	snprintf(want, sizeof(want), "sink %u bytes cksum %u\n", TRANSFER,
		 expected);
	printk("lwip-loop: tcp-sink sent %u bytes in %llu ms, the sink said "
	       "%s", sent, (unsigned long long)ms,
	       strchr(reply, '\n') ? reply : "nothing\n");
	verdict("tcp-sink", sent == TRANSFER && strcmp(reply, want) == 0,
		"the sink's count or cksum differs from what was sent");
}

static void test_tcp_source(uint32_t expected)
{
	struct netconn *conn = connect_local(TCP_SOURCE_PORT);
	static const char request[] = "send 4194304\n";
	uint64_t start = arm_timer_now(), ms;
	struct cksum sum;
	uint32_t got;

	if (!conn) {
		verdict("tcp-source", false, "cannot connect to port 5002");
		return;
	}
	cksum_init(&sum);
	if (netconn_write(conn, request, sizeof(request) - 1,
			  NETCONN_NOCOPY) == ERR_OK)
		read_all(conn, NULL, 0, &sum);
	close_conn(conn);
	ms = elapsed_ms(start);
	got = (uint32_t)sum.length;
	printk("lwip-loop: tcp-source received %u bytes in %llu ms\n", got,
	       (unsigned long long)ms);
	verdict("tcp-source", got == TRANSFER &&
		cksum_final(&sum) == expected,
		"received count or cksum differs from the pattern's");
}

static void test_udp_echo(void)
{
	struct netconn *conn = netconn_new(NETCONN_UDP);
	unsigned int i, echoed = 0;
	struct netbuf *out, *in;
	char msg[32], back[32];
	ip_addr_t local;
	u16_t n;

	if (!conn) {
		verdict("udp-echo", false, "no netconn");
		return;
	}
	IP_ADDR4(&local, 127, 0, 0, 1);
	netconn_set_recvtimeout(conn, 2000);
	for (i = 0; i < 3; i++) {
		n = (u16_t)snprintf(msg, sizeof(msg), "echo-%u-osprey", i);
		out = netbuf_new();
		if (!out || netbuf_ref(out, msg, n) != ERR_OK ||
		    netconn_sendto(conn, out, &local, UDP_ECHO_PORT) != ERR_OK) {
			if (out)
				netbuf_delete(out);
			break;
		}
		netbuf_delete(out);
		if (netconn_recv(conn, &in) != ERR_OK)
			break;
		memset(back, 0, sizeof(back));
		if (netbuf_copy(in, back, sizeof(back) - 1) == n &&
		    memcmp(back, msg, n) == 0 &&
		    netbuf_fromport(in) == UDP_ECHO_PORT)
			echoed++;
		netbuf_delete(in);
	}
	(void)netconn_delete(conn);
	verdict("udp-echo", echoed == 3, "a datagram did not come back as sent");
}

/* GET path; the whole response into buf. */
static bool http_get(const char *path, char *buf, size_t len)
{
	struct netconn *conn = connect_local(HTTPD_PORT);
	char request[64];
	int n;

	if (!conn)
		return false;
	n = snprintf(request, sizeof(request), "GET %s HTTP/1.0\r\n\r\n", path);
	if (netconn_write(conn, request, (size_t)n, NETCONN_COPY) != ERR_OK) {
		close_conn(conn);
		return false;
	}
	read_all(conn, buf, len, NULL);
	close_conn(conn);
	return true;
}

static void test_http(void)
{
	static char page[4096];
	const char *body;
	char *line, *next;

	if (!http_get("/", page, sizeof(page))) {
		verdict("http", false, "cannot connect to port 80");
		return;
	}
	body = strstr(page, "\r\n\r\n");
	verdict("http", strncmp(page, "HTTP/1.0 200 OK\r\n", 17) == 0 &&
		strstr(page, "Content-Type: text/plain\r\n") && body &&
		strncmp(body + 4, "Osprey ", 7) == 0 &&
		strstr(body, "\nboard dummy-virt\n") &&
		strstr(body, "\nxen none\n") && strstr(body, "\nuptime "),
		"not the platform page");
	/* For the boot test to compare with the boot log's lines. */
	for (line = body ? (char *)body + 4 : NULL; line && *line;
	     line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		printk("lwip-loop: http| %s\n", line);
	}
	verdict("http-404", http_get("/nope", page, sizeof(page)) &&
		strncmp(page, "HTTP/1.0 404 ", 13) == 0,
		"an unknown path did not get 404");
}

/* The fake device: what the stack transmitted, one frame at a time. */
#define FRAME_MAX	1600
#define FRAMES		4
static struct {
	uint8_t data[FRAMES][FRAME_MAX];
	size_t len[FRAMES];
	unsigned int head, count;
	struct sem ready;
} sent;

static int fake_transmit(void *ctx, const struct net_frag *frags,
			 unsigned int count, size_t total,
			 const struct net_tx_info *info)
{
	unsigned int slot, i;
	size_t at = 0;

	(void)ctx;
	(void)info;
	if (sent.count == FRAMES || total > FRAME_MAX)
		return -ENOBUFS;
	slot = (sent.head + sent.count) % FRAMES;
	for (i = 0; i < count; i++) {
		memcpy(sent.data[slot] + at, frags[i].data, frags[i].len);
		at += frags[i].len;
	}
	sent.len[slot] = at;
	sent.count++;
	ksem_give(&sent.ready);
	return at == total ? 0 : -EINVAL;
}

static const uint8_t *next_frame(size_t *len)
{
	const uint8_t *f;

	if (ksem_take(&sent.ready, 5000) < 0)
		return NULL;
	f = sent.data[sent.head];
	*len = sent.len[sent.head];
	sent.head = (sent.head + 1) % FRAMES;
	sent.count--;
	return f;
}

static const uint8_t our_mac[6] = {0x02, 0, 0, 0, 0, 0x02};
static const uint8_t peer_mac[6] = {0x02, 0, 0, 0, 0, 0x01};
static const uint8_t our_ip[4] = {10, 9, 0, 2};
static const uint8_t peer_ip[4] = {10, 9, 0, 1};

static uint16_t be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static size_t eth_header(uint8_t *f, uint16_t type)
{
	memcpy(f, our_mac, 6);
	memcpy(f + 6, peer_mac, 6);
	put16(f + 12, type);
	return 14;
}

/* A UDP datagram from the peer's port 4000 to our `port`. */
static size_t udp_frame(uint8_t *f, uint16_t port, const char *text)
{
	size_t n = strlen(text), at = eth_header(f, 0x0800), i;
	uint8_t *ip = f + at, *udp = ip + 20;

	memset(ip, 0, 20);
	ip[0] = 0x45;
	put16(ip + 2, (uint16_t)(20 + 8 + n));
	ip[8] = 64;
	ip[9] = 17;
	memcpy(ip + 12, peer_ip, 4);
	memcpy(ip + 16, our_ip, 4);
	put16(ip + 10, lwip_ntohs(inet_chksum(ip, 20)));
	put16(udp, 4000);
	put16(udp + 2, port);
	put16(udp + 4, (uint16_t)(8 + n));
	put16(udp + 6, 0);		/* no checksum: allowed in IPv4 */
	for (i = 0; i < n; i++)
		udp[8 + i] = (uint8_t)text[i];
	return at + 28 + n;
}

static size_t arp_reply(uint8_t *f)
{
	size_t at = eth_header(f, 0x0806);
	uint8_t *a = f + at;

	put16(a, 1);
	put16(a + 2, 0x0800);
	a[4] = 6;
	a[5] = 4;
	put16(a + 6, 2);
	memcpy(a + 8, peer_mac, 6);
	memcpy(a + 14, peer_ip, 4);
	memcpy(a + 18, our_mac, 6);
	memcpy(a + 24, our_ip, 4);
	memset(a + 28, 0, 60 - 14 - 28);	/* Ethernet's minimum */
	return 60;
}

/* A UDP frame to the peer: from port `from` to port `to`, with text. */
static bool is_udp_to_peer(const uint8_t *f, size_t len, uint16_t from,
			   uint16_t to, const char *text)
{
	size_t n = strlen(text), ihl;

	if (len < 14 + 20 + 8 + n || memcmp(f, peer_mac, 6) != 0 ||
	    memcmp(f + 6, our_mac, 6) != 0 || be16(f + 12) != 0x0800)
		return false;
	ihl = (size_t)(f[14] & 0xf) * 4;
	return f[14 + 9] == 17 && !memcmp(f + 14 + 12, our_ip, 4) &&
	       !memcmp(f + 14 + 16, peer_ip, 4) &&
	       be16(f + 14 + ihl) == from && be16(f + 14 + ihl + 2) == to &&
	       len >= 14 + ihl + 8 + n &&
	       !memcmp(f + 14 + ihl + 8, text, n);
}

/* A UDP datagram to the echo port whose checksum is wrong, with flags. */
static int bad_csum_input(struct net_link *link, const char *text,
			  unsigned int flags)
{
	static uint8_t f[FRAME_MAX];
	size_t len = udp_frame(f, UDP_ECHO_PORT, text);
	struct net_frag frag = { .data = f, .len = len };

	put16(f + 14 + 20 + 6, 0x1234);	/* 0 would mean "none" */
	return net_link_input(link, &frag, 1, len, flags);
}

/* A frame from the fake device, in one piece, its checksums checked. */
static int input(struct net_link *link, const uint8_t *frame, size_t len)
{
	struct net_frag frag = { .data = frame, .len = len };

	return net_link_input(link, &frag, 1, len, 0);
}

static void test_glue(void)
{
	static const uint8_t broadcast[6] = {0xff, 0xff, 0xff, 0xff, 0xff,
					     0xff};
	struct net_ip_config ip;
	struct net_link *link;
	struct netconn *conn;
	struct netbuf *out;
	static uint8_t frame[FRAME_MAX];
	const uint8_t *f;
	ip_addr_t peer;
	size_t len = 0;

	ksem_init(&sent.ready, 0, FRAMES);
	verdict("glue-bootargs", net_ip_config_parse("app=x ip=10.9.0.2/24 "
		"gw=10.9.0.1", &ip) == 1 && !ip.dhcp &&
		!memcmp(ip.address, our_ip, 4) && ip.netmask[2] == 255 &&
		ip.netmask[3] == 0 && !memcmp(ip.gateway, peer_ip, 4),
		"ip=10.9.0.2/24 gw=10.9.0.1 not understood");
	link = net_link_add(&(struct net_link_config){
		.mac = {0x02, 0, 0, 0, 0, 0x02}, .mtu = 1500,
		.transmit = fake_transmit, .ip = &ip,
	});
	if (!link) {
		verdict("glue-add", false, "net_link_add failed");
		return;
	}
	verdict("glue-input-checks", input(link, frame, 10) ==
		-EINVAL && input(link, frame, 1600) == -EINVAL,
		"a runt or an oversized frame was accepted");

	/* Coming up, the link announces its address (gratuitous ARP). */
	f = next_frame(&len);
	verdict("glue-arp-announce", f && len >= 42 &&
		!memcmp(f, broadcast, 6) && !memcmp(f + 6, our_mac, 6) &&
		be16(f + 12) == 0x0806 && !memcmp(f + 28, our_ip, 4) &&
		!memcmp(f + 38, our_ip, 4), "no gratuitous ARP for 10.9.0.2");

	/* A datagram to an unknown neighbour: ARP asks first. */
	conn = netconn_new(NETCONN_UDP);
	out = netbuf_new();
	IP_ADDR4(&peer, 10, 9, 0, 1);
	if (!conn || !out || netbuf_ref(out, "probe", 5) != ERR_OK ||
	    netconn_sendto(conn, out, &peer, 9) != ERR_OK) {
		verdict("glue-arp-request", false, "cannot send the datagram");
		goto out;
	}
	f = next_frame(&len);
	verdict("glue-arp-request", f && len >= 42 &&
		!memcmp(f, broadcast, 6) && !memcmp(f + 6, our_mac, 6) &&
		be16(f + 12) == 0x0806 && be16(f + 20) == 1 &&
		!memcmp(f + 28, our_ip, 4) && !memcmp(f + 38, peer_ip, 4),
		"no ARP request for 10.9.0.1 from our MAC");

	/* The answer releases the queued datagram, to the peer's MAC. */
	verdict("glue-arp-reply-in", input(link, frame,
		arp_reply(frame)) == 0, "the ARP reply was refused");
	f = next_frame(&len);
	verdict("glue-udp-out", f && is_udp_to_peer(f, len, be16(f + 34), 9,
		"probe"), "the datagram did not go out to the peer's MAC");

	/* A datagram to our echo port comes back through the device. */
	verdict("glue-udp-in", input(link, frame,
		udp_frame(frame, UDP_ECHO_PORT, "echo-over-glue")) == 0,
		"the datagram was refused");
	f = next_frame(&len);
	verdict("glue-udp-echo", f && is_udp_to_peer(f, len, UDP_ECHO_PORT,
		4000, "echo-over-glue"), "no echo through the device");

	/*
	 * A wrong UDP checksum: dropped, unless the device vouches for the
	 * frame (netfront's NETRXF_data_validated), for that frame alone.
	 * Only the second comes back, and then a third, checked again, not.
	 */
	verdict("glue-csum-checked", bad_csum_input(link, "unvouched", 0) == 0 &&
		bad_csum_input(link, "vouched", NET_RX_CSUM_OK) == 0 &&
		bad_csum_input(link, "checked-again", 0) == 0 &&
		input(link, frame, udp_frame(frame, UDP_ECHO_PORT, "last")) == 0,
		"a datagram was refused");
	f = next_frame(&len);
	verdict("glue-csum-vouched", f && is_udp_to_peer(f, len,
		UDP_ECHO_PORT, 4000, "vouched"),
		"not the vouched-for datagram's echo first");
	f = next_frame(&len);
	verdict("glue-csum-per-frame", f && is_udp_to_peer(f, len,
		UDP_ECHO_PORT, 4000, "last"),
		"a datagram with a wrong checksum echoed after the vouched one");
out:
	if (out)
		netbuf_delete(out);
	if (conn)
		(void)netconn_delete(conn);
	net_link_remove(link);
}

static void lwip_loop_main(void)
{
	uint32_t expected;
	int err;

	err = net_start();
	if (!err)
		err = httpd_start();
	if (!err)
		err = tcp_bench_start();
	if (!err)
		err = udp_echo_start();
	verdict("servers", err == 0, "a server did not start");
	expected = pattern_cksum(TRANSFER);
	test_tcp_sink(expected);
	test_tcp_source(expected);
	test_udp_echo();
	test_http();
	test_glue();
	printk("lwip-loop: %s (%u failed)\n", failures ? "FAIL" : "PASS",
	       failures);
	machine_stop(STOP_POWEROFF);
}

APP_REGISTER("lwip-loop", lwip_loop_main);
