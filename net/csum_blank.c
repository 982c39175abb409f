#include "kernel/errno.h"
#include "net/csum_blank.h"

#define ETH_HEADER	14
#define ETH_TYPE_IPV4	0x0800
#define IP_PROTO_TCP	6
#define TCP_CSUM_AT	16	/* the checksum's offset in the TCP header */
#define TCP_HEADER_MIN	20

static unsigned int be16(const uint8_t *p)
{
	return (unsigned int)p[0] << 8 | p[1];
}

int net_csum_blank_tcp4(uint8_t *frame, size_t have, size_t total)
{
	const uint8_t *ip = frame + ETH_HEADER;
	size_t ihl, ip_len, tcp_len;
	uint32_t sum;

	if (have > total || have < ETH_HEADER + 20 ||
	    be16(frame + 12) != ETH_TYPE_IPV4 || ip[9] != IP_PROTO_TCP)
		return 0;
	ihl = (size_t)(ip[0] & 0x0f) * 4;
	ip_len = be16(ip + 2);
	/* Fragments carry no TCP header to fill (lwIP sends none). */
	if ((ip[0] >> 4) != 4 || ihl < 20 || ip_len < ihl + TCP_HEADER_MIN ||
	    ETH_HEADER + ip_len > total || (be16(ip + 6) & 0x3fff) ||
	    ETH_HEADER + ihl + TCP_CSUM_AT + 2 > have)
		return -EINVAL;
	tcp_len = ip_len - ihl;
	/* Source and destination, protocol and TCP length, 16 bits each. */
	sum = be16(ip + 12) + be16(ip + 14) + be16(ip + 16) + be16(ip + 18) +
	      IP_PROTO_TCP + (uint32_t)tcp_len;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	frame[ETH_HEADER + ihl + TCP_CSUM_AT] = (uint8_t)(sum >> 8);
	frame[ETH_HEADER + ihl + TCP_CSUM_AT + 1] = (uint8_t)sum;
	return 1;
}
