/*
 * udp-echo IP PORT COUNT: COUNT datagrams to IP:PORT, one at a time,
 * each given a second for its echo; then
 *
 *   udp-echo: A/COUNT answered
 *
 * and the exit status 0 only if every one was, byte for byte.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "tests/tools/flood/flood.h"

int main(int argc, char **argv)
{
	struct timeval wait = { .tv_sec = 1, .tv_usec = 0 };
	struct sockaddr_in to = { .sin_family = AF_INET };
	unsigned long count, i, answered = 0;
	char text[64], got[128];
	ssize_t n;
	int fd, len;

	if (argc != 4)
		flood_die("usage: udp-echo IP PORT COUNT");
	to.sin_addr = flood_address(argv[1], "udp-echo");
	to.sin_port = htons((uint16_t)flood_number(argv[2], 1, 65535,
						   "udp-echo port"));
	count = flood_number(argv[3], 1, 100, "udp-echo count");
	flood_deadline(2 * count + 5);

	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0)
		flood_die("udp-echo: socket: %s", strerror(errno));
	if (setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof(wait)) ||
	    connect(fd, (struct sockaddr *)&to, sizeof(to)))
		flood_die("udp-echo: %s: %s", argv[1], strerror(errno));
	for (i = 0; i < count; i++) {
		len = snprintf(text, sizeof(text), "osprey echo %lu", i);
		if (send(fd, text, (size_t)len, 0) != len)
			continue;
		/* A late answer to an earlier one is not this one's. */
		while ((n = recv(fd, got, sizeof(got), 0)) >= 0)
			if (n == len && !memcmp(got, text, (size_t)len)) {
				answered++;
				break;
			}
	}
	printf("udp-echo: %lu/%lu answered\n", answered, count);
	close(fd);
	return answered == count ? 0 : 1;
}
