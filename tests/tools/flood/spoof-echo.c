/*
 * spoof-echo IP [PORT]: one UDP datagram to IP:PORT (default 7, echo)
 * that claims to come from IP:PORT itself: an echo service that answers
 * whatever source a datagram names sends it to itself, and again,
 * without end.  Then
 *
 *   spoof-echo: 1 datagram from IP:PORT to IP:PORT, N bytes
 *
 * The IP and UDP headers are built here and sent on a raw socket
 * (IP_HDRINCL), the only way to name a source address not our own.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/ip.h>
#include <netinet/udp.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "tests/tools/flood/flood.h"

#define TEXT	"osprey spoofed echo: from and to the echo port\n"

/* Packed: the IP length must be the UDP length plus 20, no padding. */
struct datagram {
	struct iphdr ip;
	struct udphdr udp;
	char text[sizeof(TEXT) - 1];
} __attribute__((packed));

int main(int argc, char **argv)
{
	struct sockaddr_in to = { .sin_family = AF_INET };
	struct datagram d;
	uint16_t port = 7;
	uint32_t sum;
	int fd;

	if (argc != 2 && argc != 3)
		flood_die("usage: spoof-echo IP [PORT]");
	to.sin_addr = flood_address(argv[1], "spoof-echo");
	if (argc == 3)
		port = (uint16_t)flood_number(argv[2], 1, 65535,
					      "spoof-echo port");
	flood_deadline(10);

	memset(&d, 0, sizeof(d));
	memcpy(d.text, TEXT, sizeof(d.text));
	d.ip.version = 4;
	d.ip.ihl = sizeof(d.ip) / 4;
	d.ip.tot_len = htons(sizeof(d));
	d.ip.id = htons(0x5e70);
	d.ip.ttl = 64;
	d.ip.protocol = IPPROTO_UDP;
	d.ip.saddr = to.sin_addr.s_addr;
	d.ip.daddr = to.sin_addr.s_addr;
	d.ip.check = flood_checksum(flood_sum(&d.ip, sizeof(d.ip), 0));
	d.udp.source = htons(port);
	d.udp.dest = htons(port);
	d.udp.len = htons(sizeof(d.udp) + sizeof(d.text));
	sum = flood_pseudo_sum(to.sin_addr, to.sin_addr, IPPROTO_UDP,
			       sizeof(d.udp) + sizeof(d.text));
	d.udp.check = flood_checksum(flood_sum(&d.udp, sizeof(d.udp) +
					       sizeof(d.text), sum));
	/* RFC 768: a computed 0 is sent as all ones (0 means none). */
	if (!d.udp.check)
		d.udp.check = 0xffff;

	fd = socket(AF_INET, SOCK_RAW, IPPROTO_RAW);
	if (fd < 0)
		flood_die("spoof-echo: raw socket: %s", strerror(errno));
	if (sendto(fd, &d, sizeof(d), 0, (struct sockaddr *)&to,
		   sizeof(to)) != (ssize_t)sizeof(d))
		flood_die("spoof-echo: sendto %s: %s", argv[1],
			  strerror(errno));
	printf("spoof-echo: 1 datagram from %s:%u to %s:%u, %zu bytes\n",
	       argv[1], port, argv[1], port, sizeof(d));
	close(fd);
	return 0;
}
