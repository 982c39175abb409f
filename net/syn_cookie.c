#include <string.h>

#include "net/syn_cookie.h"

const uint16_t syn_cookie_mss[SYN_COOKIE_MSS_COUNT] = {536, 1220, 1440,
						       1460};

#define COOKIE_TAG_BITS		3u	/* period's low bit, MSS index */

static uint32_t cookie_of(const uint8_t key[SIPHASH_KEY_LEN],
			  const struct tcp_tuple *t, uint32_t client_isn,
			  uint32_t period, unsigned int mss_index)
{
	struct siphash s;
	uint64_t h;

	siphash_init(&s, key);
	siphash_word(&s, t->local_ip | (uint64_t)t->remote_ip << 32);
	siphash_word(&s, t->local_port | (uint64_t)t->remote_port << 16 |
			 (uint64_t)client_isn << 32);
	/* 21 bytes in all: the byte form's length in the top byte. */
	h = siphash_final(&s, (uint64_t)21 << 56 | (uint64_t)mss_index << 32 |
			      period);
	return ((uint32_t)h & ~((1u << COOKIE_TAG_BITS) - 1)) |
	       (period & 1u) << 2 | mss_index;
}

uint32_t syn_cookie_make(const uint8_t key[SIPHASH_KEY_LEN],
			 const struct tcp_tuple *t, uint32_t client_isn,
			 uint32_t period, uint16_t mss, uint16_t *mss_kept)
{
	unsigned int i = SYN_COOKIE_MSS_COUNT - 1;

	while (i > 0 && syn_cookie_mss[i] > mss)
		i--;
	*mss_kept = syn_cookie_mss[i];
	return cookie_of(key, t, client_isn, period, i);
}

bool syn_cookie_check(const uint8_t key[SIPHASH_KEY_LEN],
		      const struct tcp_tuple *t, uint32_t client_isn,
		      uint32_t cookie, uint32_t period_now, uint16_t *mss)
{
	unsigned int i = cookie & 3u;
	/* The period it was made in, by its low bit: this one or the last. */
	uint32_t period = ((cookie >> 2) & 1u) == (period_now & 1u) ?
			  period_now : period_now - 1;

	if (cookie_of(key, t, client_isn, period, i) != cookie)
		return false;
	*mss = syn_cookie_mss[i];
	return true;
}

static uint16_t be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

#define IP_PROTO_TCP	6
#define IP_MF_OFFSET	0x3fffu	/* more-fragments flag, fragment offset */

bool tcp_peek(const void *ip, size_t len, struct tcp_peek *out)
{
	const uint8_t *b = ip, *tcp;
	size_t ihl, total, doff;

	if (len < 20 || b[0] >> 4 != 4)
		return false;
	ihl = (size_t)(b[0] & 0xf) * 4;
	total = be16(b + 2);
	/* Only the headers need be at hand (the rest may be in the next
	 * buffer of a chain); both within the datagram's own length. */
	if (total < len)
		len = total;
	if (ihl < 20 || len < ihl + 20 || b[9] != IP_PROTO_TCP ||
	    (be16(b + 6) & IP_MF_OFFSET))
		return false;
	tcp = b + ihl;
	doff = (size_t)(tcp[12] >> 4) * 4;
	if (doff < 20 || doff > len - ihl)
		return false;
	/* The receiver's view: it is the destination. */
	memcpy(&out->t.remote_ip, b + 12, 4);
	memcpy(&out->t.local_ip, b + 16, 4);
	out->t.remote_port = be16(tcp);
	out->t.local_port = be16(tcp + 2);
	out->seq = be32(tcp + 4);
	out->ack = be32(tcp + 8);
	out->flags = tcp[13];
	out->wnd = be16(tcp + 14);
	return true;
}
