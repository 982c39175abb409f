/*
 * libFuzzer harness: net/tso.c's reading and rewriting of a datagram a
 * peer sent (net_tso_syn_in, called on every IPv4 datagram from a TSO
 * link), then the lookup our segments make (net_tso_mss).  The input is
 * the datagram, in a buffer of exactly its size, fed twice into one
 * table (the second time as a retransmitted SYN would be).  Besides
 * ASan/UBSan, it asserts that:
 *   - what is not a SYN accepted (0, -EINVAL) changes no byte;
 *   - an accepted SYN changes at most the MSS option's two bytes and the
 *     checksum's, and keeps the one's-complement sum of the TCP segment
 *     and pseudo-header what it was (the checksum stays right or wrong
 *     as it came);
 *   - the size kept for its connection is between 1 and the wire's MSS,
 *     and is what our reply's lookup finds.
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "net/tso.h"

#define WIRE_MSS	1460

static struct net_tso_table table;

static uint16_t be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

/* The one's-complement sum the receiver checks, folded; 0 if not TCP. */
static uint16_t tcp_sum(const uint8_t *ip, size_t len)
{
	size_t ihl = (size_t)(ip[0] & 0xf) * 4, i, tot = be16(ip + 2);
	uint32_t sum = 6 + (uint32_t)(tot - ihl);

	for (i = 12; i < 20; i += 2)
		sum += be16(ip + i);
	for (i = ihl; i + 1 < tot && i + 1 < len; i += 2)
		sum += be16(ip + i);
	if (((tot - ihl) & 1) && tot <= len)
		sum += (uint32_t)ip[tot - 1] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	/* 0 and 0xffff are one value in one's complement. */
	return sum == 0xffff ? 0 : (uint16_t)sum;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *ip = calloc(size + 1, 1), *before = calloc(size + 1, 1);
	uint8_t reply[60];
	size_t i, changed = 0, ihl;
	uint16_t sum = 0;
	int pass, r;

	assert(ip && before);
	memcpy(ip, data, size);
	memset(&table, 0, sizeof(table));
	for (pass = 0; pass < 2; pass++) {
		memcpy(before, ip, size);
		r = net_tso_syn_in(&table, ip, size, NET_TSO_MSS, WIRE_MSS);
		assert(r == 1 || r == 0 || r == -22);
		if (r != 1) {
			assert(!memcmp(ip, before, size));
			continue;
		}
		ihl = (size_t)(ip[0] & 0xf) * 4;
		sum = tcp_sum(before, size);
		assert(tcp_sum(ip, size) == sum);
		for (i = 0; i < size; i++)
			changed += ip[i] != before[i];
		assert(changed <= 4 * (size_t)(pass + 1));
		/* Our segment back: addresses and ports swapped. */
		if (ihl + 20 > sizeof(reply))
			continue;
		memcpy(reply, ip, ihl + 20);
		memcpy(reply + 12, ip + 16, 4);
		memcpy(reply + 16, ip + 12, 4);
		memcpy(reply + ihl, ip + ihl + 2, 2);
		memcpy(reply + ihl + 2, ip + ihl, 2);
		reply[ihl + 12] = 0x50;
		reply[2] = 0;
		reply[3] = (uint8_t)(ihl + 20);
		{
			uint16_t mss = net_tso_mss(&table, reply, ihl + 20);

			assert(mss >= 1 && mss <= WIRE_MSS);
		}
	}
	free(ip);
	free(before);
	return 0;
}
