/*
 * libFuzzer harness: net/syn_cookie.c's reading of a datagram a peer sent
 * (tcp_peek, called on every IPv4 datagram while SYN cookies are out),
 * and the cookie check on what it read.  The input is the datagram.  Besides ASan/UBSan, it asserts that an
 * accepted datagram's headers lie inside the input and inside its own
 * total length, that it is TCP and not a fragment, and that the fields
 * read are those bytes.
 */
#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "net/syn_cookie.h"

static const uint8_t key[SIPHASH_KEY_LEN] = "fuzzing key 0123";

int LLVMFuzzerTestOneInput(const uint8_t *b, size_t size)
{
	struct tcp_peek s;
	size_t ihl, doff, total;
	uint16_t mss;

	/* libFuzzer's input is a heap copy of exactly its size. */
	if (!tcp_peek(b, size, &s))
		return 0;
	ihl = (size_t)(b[0] & 0xf) * 4;
	total = (size_t)b[2] << 8 | b[3];
	assert(size >= 20 && b[0] >> 4 == 4 && b[9] == 6);
	assert(ihl >= 20 && !((b[6] << 8 | b[7]) & 0x3fff));
	doff = (size_t)(b[ihl + 12] >> 4) * 4;
	assert(doff >= 20 && ihl + doff <= size && ihl + doff <= total);
	assert(s.t.remote_port == (b[ihl] << 8 | b[ihl + 1]));
	assert(s.t.local_port == (b[ihl + 2] << 8 | b[ihl + 3]));
	assert(!memcmp(&s.t.remote_ip, b + 12, 4));
	assert(!memcmp(&s.t.local_ip, b + 16, 4));
	assert(s.flags == b[ihl + 13]);
	mss = 0;
	if (syn_cookie_check(key, &s.t, s.seq - 1, s.ack - 1, s.seq, &mss))
		assert(mss == syn_cookie_mss[(s.ack - 1) & 3]);
	return 0;
}
