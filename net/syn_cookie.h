/*
 * SYN cookies: a handshake kept in the initial sequence number we send,
 * not in memory, for when a SYN flood fills the SYN queue (net/tcp_guard.c
 * sends them from half full on).  The cookie is a keyed hash (SipHash-2-4) of the
 * 4-tuple, the client's initial sequence number and a 64-second period,
 * with the period's low bit and an index into syn_cookie_mss[] in its
 * low 3 bits.  The client's ACK of our SYN-ACK carries cookie + 1 and
 * its own ISN + 1: from those alone, the connection is rebuilt if the
 * hash matches, for one period after the one it was made in.  29 bits of
 * hash: a blind peer forging an ACK is right once in 2^29 tries.
 *
 * What a cookie loses is what the SYN said besides its MSS (rounded down
 * to the table): lwIP here uses neither window scaling nor SACK.
 *
 * Pure code (the host unit tests and a fuzz harness run it).
 */
#ifndef NET_SYN_COOKIE_H
#define NET_SYN_COOKIE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kernel/siphash.h"

#define SYN_COOKIE_PERIOD_MS	64000u

/* The MSS values a cookie can carry: common Ethernet, PPPoE, tunnel and
 * RFC 879's minimum (any less is taken as the minimum, as Linux does). */
#define SYN_COOKIE_MSS_COUNT	4
extern const uint16_t syn_cookie_mss[SYN_COOKIE_MSS_COUNT];

/* Addresses as lwIP stores them (network order in memory), ports in
 * host order. */
struct tcp_tuple {
	uint32_t local_ip, remote_ip;
	uint16_t local_port, remote_port;
};

/*
 * The cookie for a SYN from t's remote end with sequence number
 * client_isn, answered in `period` (a count of SYN_COOKIE_PERIOD_MS),
 * where we would send segments of at most `mss` bytes; *mss_kept: the
 * MSS the cookie carries, the one to use from now on.
 */
uint32_t syn_cookie_make(const uint8_t key[SIPHASH_KEY_LEN],
			 const struct tcp_tuple *t, uint32_t client_isn,
			 uint32_t period, uint16_t mss, uint16_t *mss_kept);

/*
 * Whether `cookie` is one we made for t and client_isn in period_now or
 * the period before; if so *mss is the MSS it carries.
 */
bool syn_cookie_check(const uint8_t key[SIPHASH_KEY_LEN],
		      const struct tcp_tuple *t, uint32_t client_isn,
		      uint32_t cookie, uint32_t period_now, uint16_t *mss);

#define TCP_PEEK_FIN	0x01
#define TCP_PEEK_SYN	0x02
#define TCP_PEEK_RST	0x04
#define TCP_PEEK_ACK	0x10

/* What tcp_peek() reads of a segment, in host order. */
struct tcp_peek {
	struct tcp_tuple t;	/* local: the destination */
	uint32_t seq, ack;
	uint16_t wnd;
	uint8_t flags;
};

/*
 * Read the addresses, ports, sequence numbers and flags of the TCP
 * segment in the IPv4 datagram at ip (len bytes of it at hand), as the
 * receiver: false unless both headers are whole, at hand and within the
 * datagram's total length, and the datagram is TCP and not a fragment.  Checksums are not checked: lwIP
 * does that after.
 */
bool tcp_peek(const void *ip, size_t len, struct tcp_peek *out);

#endif
