/*
 * Checksum offload's one computation on our side: an IPv4 TCP frame
 * whose checksum the device completes (netfront's NETTXF_csum_blank)
 * carries, in its checksum field, the one's-complement sum of the
 * pseudo-header only, not inverted (as Linux's CHECKSUM_PARTIAL does);
 * the device adds the TCP header and data and inverts.  Pure code: the
 * host unit tests run it.
 */
#ifndef NET_CSUM_BLANK_H
#define NET_CSUM_BLANK_H

#include <stddef.h>
#include <stdint.h>

/*
 * frame: an Ethernet frame of total bytes, of which the first `have`
 * are in hand (lwIP's first buffer).  1: an IPv4 TCP frame, its
 * checksum field now the pseudo-header's sum; 0: not IPv4 TCP (nothing
 * written); -EINVAL: an IPv4 TCP frame whose headers are not all in the
 * first `have` bytes, or whose lengths do not fit total (nothing
 * written).
 */
int net_csum_blank_tcp4(uint8_t *frame, size_t have, size_t total);

#endif
