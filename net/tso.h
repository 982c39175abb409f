/*
 * TCP segmentation offload, our side of it (netfront's GSO to netback,
 * io/netif.h feature-gso-tcpv4).  lwIP sizes its segments by the MSS it
 * believes, no more than its netif's MTU allows: on a link whose device
 * segments, the link's netif has a large MTU and each peer's MSS option,
 * as it arrives in a SYN, is raised to NET_TSO_MSS, so that lwIP builds
 * segments of up to NET_TSO_MSS bytes.  What the peer asked for is kept
 * here, per connection, and each large segment goes to the device with
 * it: the device cuts the segment to that size.  Our own SYNs still
 * advertise what the wire carries.
 *
 * Pure code (the host unit tests run it); the caller holds whatever lock
 * guards its table (lwIP's core lock, in net/netif_glue.c).
 */
#ifndef NET_TSO_H
#define NET_TSO_H

#include <stddef.h>
#include <stdint.h>

/* Ten of Ethernet's 1460-byte segments (lwipopts.h's TCP_MSS). */
#define NET_TSO_MSS		14600
/* Without an MSS option a peer takes 536 (RFC 9293 3.7.1). */
#define NET_TSO_MSS_DEFAULT	536
/* Connections remembered: more than lwIP has PCBs (lwipopts.h). */
#define NET_TSO_FLOWS		64

struct net_tso_flow {
	uint32_t local_ip, remote_ip;	/* as on the wire */
	uint16_t local_port, remote_port;
	uint16_t mss;			/* 0: a free entry */
	uint32_t age;			/* higher: more recent */
};

struct net_tso_table {
	struct net_tso_flow flow[NET_TSO_FLOWS];
	uint32_t clock;
};

/*
 * A received IPv4 datagram of len bytes at ip (the IP header on): if it
 * is a TCP SYN, remember the segment size the peer takes, the lesser of
 * its MSS option (NET_TSO_MSS_DEFAULT without one) and wire_mss, for its
 * connection (the oldest entry makes room), and raise the option, if it
 * has one, to raise_to, the TCP checksum kept right (RFC 1624).  1: a
 * SYN, recorded; 0: not a SYN (nothing changed); -EINVAL: a SYN whose
 * headers are cut short or inconsistent (nothing changed).
 */
int net_tso_syn_in(struct net_tso_table *t, uint8_t *ip, size_t len,
		   uint16_t raise_to, uint16_t wire_mss);

/*
 * The segment size for an outgoing IPv4 TCP datagram at ip (len bytes
 * of it in hand, its headers at least):
 * what net_tso_syn_in kept for its connection, or NET_TSO_MSS_DEFAULT,
 * which every peer takes, when it kept nothing.
 */
uint16_t net_tso_mss(const struct net_tso_table *t, const uint8_t *ip,
		     size_t len);

/*
 * Our own SYN's MSS option, in the options of a TCP header (opts, len
 * bytes): lowered to at most wire_mss.  The caller computes the
 * checksum after.  1 if lowered, else 0.
 */
int net_tso_clamp_mss(uint8_t *opts, size_t len, uint16_t wire_mss);

#endif
