/*
 * What the checks share: their verdicts, the clock, a connected pair.
 */
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "tests/guest/sockets/sockets_test.h"

static unsigned int failures;	/* only the app's thread counts */
/* tcp_pair()'s next port, also the app's thread's alone. */
static int next_pair_port = PORT_PAIR_FIRST;

void verdict(const char *name, bool ok, const char *why)
{
	if (ok) {
		printf("sockets: ok %s\n", name);
	} else {
		printf("sockets: FAIL %s: %s\n", name, why);
		failures++;
	}
}

uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

int tcp_pair(int *client, int *server)
{
	struct sockaddr_in addr = {
		.sin_family = AF_INET,
		.sin_port = htons((uint16_t)next_pair_port++),
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	int listener = socket(AF_INET, SOCK_STREAM, 0);
	int err;

	*client = *server = -1;
	if (listener < 0)
		return -1;
	if (bind(listener, (struct sockaddr *)&addr, sizeof(addr)) < 0 ||
	    listen(listener, 1) < 0)
		goto out;
	*client = socket(AF_INET, SOCK_STREAM, 0);
	if (*client < 0 ||
	    connect(*client, (struct sockaddr *)&addr, sizeof(addr)) < 0)
		goto out;
	*server = accept(listener, NULL, NULL);
out:
	err = errno;
	close(listener);
	if (*server >= 0)
		return 0;
	if (*client >= 0)
		close(*client);
	*client = -1;
	errno = err;
	return -1;
}

unsigned int failed_checks(void)
{
	return failures;
}
