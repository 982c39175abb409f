/*
 * udp-flood IP PORT SECS [BYTES]: UDP datagrams of BYTES bytes (default
 * 64) to IP:PORT as fast as this host sends them, for SECS seconds; then
 *
 *   udp-flood: N datagrams in S s (R/s) to IP:PORT, E send errors
 *   (first: WHY), A answers
 *
 * Answers are what came back on the socket (an echo service sends each
 * datagram back): a count of what the target still served.  A send the
 * host refuses (a full queue, an unreachable or refusing peer) counts as
 * an error and the flood goes on.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "tests/tools/flood/flood.h"

#define BYTES_MAX	1472	/* one Ethernet frame */

int main(int argc, char **argv)
{
	static char data[BYTES_MAX], answer[BYTES_MAX];
	struct timeval wait = { .tv_sec = 0, .tv_usec = 100000 };
	unsigned long secs, bytes = 64, sent = 0, errors = 0, answers = 0;
	struct sockaddr_in to = { .sin_family = AF_INET };
	int first_error = 0, fd;
	double t0, t;

	if (argc != 4 && argc != 5)
		flood_die("usage: udp-flood IP PORT SECS [BYTES]");
	to.sin_addr = flood_address(argv[1], "udp-flood");
	to.sin_port = htons((uint16_t)flood_number(argv[2], 1, 65535,
						   "udp-flood port"));
	secs = flood_number(argv[3], 1, FLOOD_SECS_MAX, "udp-flood secs");
	if (argc == 5)
		bytes = flood_number(argv[4], 1, BYTES_MAX, "udp-flood bytes");
	flood_deadline(secs + 5);
	memset(data, 'f', bytes);

	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0)
		flood_die("udp-flood: socket: %s", strerror(errno));
	/* A send blocked on a full queue must not outlast the flood. */
	if (setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &wait, sizeof(wait)) ||
	    connect(fd, (struct sockaddr *)&to, sizeof(to)))
		flood_die("udp-flood: %s: %s", argv[1], strerror(errno));

	t0 = flood_now();
	do {
		if (send(fd, data, bytes, 0) == (ssize_t)bytes) {
			sent++;
		} else {
			if (!first_error)
				first_error = errno;
			errors++;
		}
		while (recv(fd, answer, sizeof(answer), MSG_DONTWAIT) > 0)
			answers++;
		t = flood_now();
	} while (t - t0 < (double)secs);

	printf("udp-flood: %lu datagrams in %.1f s (%.0f/s) to %s:%s, "
	       "%lu send errors (first: %s), %lu answers\n", sent, t - t0,
	       (double)sent / (t - t0), argv[1], argv[2], errors,
	       first_error ? strerror(first_error) : "none", answers);
	close(fd);
	return 0;
}
