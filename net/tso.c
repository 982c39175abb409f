#include <stdbool.h>
#include <string.h>

#include "kernel/errno.h"
#include "net/tso.h"

#define IP_PROTO_TCP	6
#define TCP_SYN		0x02
#define TCP_HEADER_MIN	20
#define OPT_END		0
#define OPT_NOP		1
#define OPT_MSS		2

static uint16_t be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

/*
 * The TCP header of an IPv4 datagram of which len bytes are in hand (all
 * of it if whole): its offset, and its length with options, if they are
 * in hand; 0 if not TCP, -EINVAL if cut short or inconsistent.
 */
static int tcp_header(const uint8_t *ip, size_t len, bool whole,
		      size_t *at, size_t *hlen)
{
	size_t ihl;

	if (len < 20 || (ip[0] >> 4) != 4 || ip[9] != IP_PROTO_TCP)
		return 0;
	ihl = (size_t)(ip[0] & 0x0f) * 4;
	if (ihl < 20 || len < ihl + TCP_HEADER_MIN ||
	    (whole && be16(ip + 2) > len) ||
	    be16(ip + 2) < ihl + TCP_HEADER_MIN)
		return -EINVAL;
	*at = ihl;
	*hlen = (size_t)(ip[ihl + 12] >> 4) * 4;
	if (*hlen < TCP_HEADER_MIN || ihl + *hlen > be16(ip + 2) ||
	    ihl + *hlen > len)
		return -EINVAL;
	return 1;
}

/*
 * The MSS option's value among a header's options: its offset, or -1
 * when there is none; -EINVAL for options that run past the header.
 */
static long find_mss(const uint8_t *opts, size_t len)
{
	size_t i = 0;

	while (i < len) {
		if (opts[i] == OPT_END)
			return -1;
		if (opts[i] == OPT_NOP) {
			i++;
			continue;
		}
		if (i + 1 >= len || opts[i + 1] < 2 || i + opts[i + 1] > len)
			return -EINVAL;
		if (opts[i] == OPT_MSS)
			return opts[i + 1] == 4 ? (long)(i + 2) : -EINVAL;
		i += opts[i + 1];
	}
	return -1;
}

static struct net_tso_flow *lookup(const struct net_tso_table *t,
				   uint32_t local_ip, uint32_t remote_ip,
				   uint16_t local_port, uint16_t remote_port)
{
	unsigned int i;

	for (i = 0; i < NET_TSO_FLOWS; i++) {
		const struct net_tso_flow *f = &t->flow[i];

		if (f->mss && f->local_ip == local_ip &&
		    f->remote_ip == remote_ip &&
		    f->local_port == local_port &&
		    f->remote_port == remote_port)
			return (struct net_tso_flow *)f;
	}
	return NULL;
}

int net_tso_syn_in(struct net_tso_table *t, uint8_t *ip, size_t len,
		   uint16_t raise_to, uint16_t wire_mss)
{
	struct net_tso_flow *f;
	size_t at, hlen;
	uint8_t *tcp;
	uint16_t mss = NET_TSO_MSS_DEFAULT;
	uint32_t sum;
	long o;
	unsigned int i;
	int r = tcp_header(ip, len, true, &at, &hlen);

	if (r <= 0)
		return r;
	tcp = ip + at;
	if (!(tcp[13] & TCP_SYN))
		return 0;
	o = find_mss(tcp + TCP_HEADER_MIN, hlen - TCP_HEADER_MIN);
	if (o == -EINVAL)
		return -EINVAL;
	if (o >= 0) {
		uint8_t *v = tcp + TCP_HEADER_MIN + o;

		uint16_t old = be16(v), new = raise_to;

		mss = old ? old : NET_TSO_MSS_DEFAULT;
		/* An odd offset puts the value across two of the sum's words:
		 * it counts there byte-swapped. */
		if ((TCP_HEADER_MIN + o) & 1) {
			old = (uint16_t)(old << 8 | old >> 8);
			new = (uint16_t)(new << 8 | new >> 8);
		}
		/* RFC 1624 eq. 3: HC' = ~(~HC + ~m + m'). */
		sum = (uint16_t)~be16(tcp + 16);
		sum += (uint16_t)~old;
		sum += new;
		while (sum >> 16)
			sum = (sum & 0xffff) + (sum >> 16);
		put16(v, raise_to);
		put16(tcp + 16, (uint16_t)~sum);
	}
	if (mss > wire_mss)
		mss = wire_mss;
	/* Ours is the destination: local, remote as at the sender. */
	f = lookup(t, be32(ip + 16), be32(ip + 12), be16(tcp + 2), be16(tcp));
	if (!f) {
		f = &t->flow[0];
		for (i = 1; i < NET_TSO_FLOWS; i++)
			if (!t->flow[i].mss ||
			    (f->mss && t->flow[i].age < f->age))
				f = &t->flow[i];
	}
	f->local_ip = be32(ip + 16);
	f->remote_ip = be32(ip + 12);
	f->local_port = be16(tcp + 2);
	f->remote_port = be16(tcp);
	f->mss = mss;
	f->age = ++t->clock;
	return 1;
}

uint16_t net_tso_mss(const struct net_tso_table *t, const uint8_t *ip,
		     size_t len)
{
	const struct net_tso_flow *f;
	size_t at, hlen;

	if (tcp_header(ip, len, false, &at, &hlen) <= 0)
		return NET_TSO_MSS_DEFAULT;
	f = lookup(t, be32(ip + 12), be32(ip + 16), be16(ip + at),
		   be16(ip + at + 2));
	return f ? f->mss : NET_TSO_MSS_DEFAULT;
}

int net_tso_clamp_mss(uint8_t *opts, size_t len, uint16_t wire_mss)
{
	long o = find_mss(opts, len);

	if (o < 0 || be16(opts + o) <= wire_mss)
		return 0;
	put16(opts + o, wire_mss);
	return 1;
}
