/*
 * evtchn-pingpong: two dom0less domains ring each other's doorbell over a
 * static event channel, one answering each ring of the other's.
 *
 *   evtchn-pingpong PORT ping|pong [ROUNDS [spin]]
 *
 * PORT is this domain's end of the channel, the local port of its
 * "xen,evtchn" node in the host DT (Xen does not tell the guest).  The
 * ping side first rings until the pong side answers (the other domain may
 * start later), waits for the answers to settle, then times ROUNDS
 * (default 10000) round trips, each answered exactly once.  The pong side
 * answers every event until none has come for 3 s after ROUNDS answers.
 * With "spin" the counted rounds poll the port instead of sleeping until
 * an event wakes the thread: the round trip without the domain's wake-up
 * (under Xen a vCPU that waits is blocked, and Xen must schedule it
 * again).  The first rings and the settling sleep in either mode.
 *
 * With the host DT of tests/boot/xen.sh (README, "Static event channels"):
 *   domU1 bootargs "-- 10 ping", domU2 bootargs "-- 11 pong"
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <osprey/evtchn.h>

#define HANDSHAKE_MS	10000
#define RING_EVERY_MS	20
#define SETTLE_MS	300
#define ANSWER_MS	2000
#define QUIET_MS	3000

/* Poll the port instead of sleeping on it (argument "spin"). */
static int spin;

static long long now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

/* osprey_evtchn_wait, or with spin a busy poll for as long. */
static int wait_for(unsigned int port, int timeout_ms)
{
	long long end = now_ns() + (long long)timeout_ms * 1000000LL;
	int n;

	if (!spin)
		return osprey_evtchn_wait(port, timeout_ms);
	do {
		n = osprey_evtchn_wait(port, 0);
	} while (n == -ETIMEDOUT && (timeout_ms < 0 || now_ns() < end));
	return n;
}

static int fail(const char *role, const char *what, int err)
{
	printf("evtchn-pingpong: %s: %s: %s (%d)\n", role, what,
	       strerror(-err), err);
	return 1;
}

/* What a wrong open must say, checked before the real one. */
static int check_refusals(unsigned int port)
{
	int err = osprey_evtchn_open(port + 100, NULL);

	if (err != -ENOTCONN)
		return fail("ping", "an unconnected port was not refused "
			    "with ENOTCONN", err);
	err = osprey_evtchn_notify(port);
	if (err != -EBADF)
		return fail("ping", "a notify before open was not refused "
			    "with EBADF", err);
	return 0;
}

static int ping(unsigned int port, long rounds)
{
	long long t0, t;
	long i, rings = 0;
	int n;

	/* Ring until the other domain, perhaps still starting, answers. */
	t0 = now_ns();
	do {
		n = osprey_evtchn_notify(port);
		if (n < 0)
			return fail("ping", "notify", n);
		rings++;
		n = osprey_evtchn_wait(port, RING_EVERY_MS);
		if (n < 0 && n != -ETIMEDOUT)
			return fail("ping", "wait", n);
		if (now_ns() - t0 > HANDSHAKE_MS * 1000000LL)
			return fail("ping", "no answer to the first rings",
				    -ETIMEDOUT);
	} while (n < 0);
	/* Answers to the other rings may still come: let them. */
	while (osprey_evtchn_wait(port, SETTLE_MS) > 0)
		;
	printf("evtchn-pingpong: ping: answered after %ld ring%s\n", rings,
	       rings == 1 ? "" : "s");

	t0 = now_ns();
	for (i = 0; i < rounds; i++) {
		n = osprey_evtchn_notify(port);
		if (n < 0)
			return fail("ping", "notify", n);
		n = wait_for(port, ANSWER_MS);
		if (n < 0) {
			printf("evtchn-pingpong: ping: round %ld of %ld "
			       "unanswered\n", i + 1, rounds);
			return 1;
		}
		if (n != 1) {
			printf("evtchn-pingpong: ping: round %ld answered "
			       "%d times\n", i + 1, n);
			return 1;
		}
	}
	t = now_ns() - t0;
	printf("evtchn-pingpong: ping: %ld round trips, each answered once, "
	       "in %lld us (%lld ns each, %s)\n", rounds, t / 1000,
	       t / rounds, spin ? "polling" : "sleeping");
	/* No stray answer afterwards either. */
	n = osprey_evtchn_wait(port, SETTLE_MS);
	if (n != -ETIMEDOUT)
		return fail("ping", "an answer nobody asked for", n);
	return 0;
}

static int pong(unsigned int port, long rounds)
{
	long answered = 0;
	int n;

	for (;;) {
		/* The first wait sleeps in any mode: the other domain's
		 * first ring wakes this one. */
		n = !answered ? osprey_evtchn_wait(port, -1) :
			wait_for(port, answered >= rounds ? QUIET_MS : -1);
		if (n == -ETIMEDOUT)
			break;
		if (n < 0)
			return fail("pong", "wait", n);
		n = osprey_evtchn_notify(port);
		if (n < 0)
			return fail("pong", "notify", n);
		answered++;
	}
	printf("evtchn-pingpong: pong: answered %ld times, then quiet for "
	       "%d ms\n", answered, QUIET_MS);
	return 0;
}

int main(int argc, char **argv)
{
	struct osprey_evtchn_peer peer;
	unsigned long port;
	long rounds = 10000;
	char *end;
	const char *role;
	int err;

	if (argc < 3 ||
	    (strcmp(argv[2], "ping") != 0 && strcmp(argv[2], "pong") != 0)) {
		printf("usage: evtchn-pingpong PORT ping|pong [ROUNDS [spin]]\n");
		return 2;
	}
	role = argv[2];
	port = strtoul(argv[1], &end, 10);
	if (*end || !port || port > 4095) {
		printf("evtchn-pingpong: bad port '%s'\n", argv[1]);
		return 2;
	}
	if (argc > 4 && !strcmp(argv[4], "spin"))
		spin = 1;
	if (argc > 3) {
		rounds = strtol(argv[3], &end, 10);
		if (*end || rounds < 1) {
			printf("evtchn-pingpong: bad rounds '%s'\n", argv[3]);
			return 2;
		}
	}
	if (!strcmp(role, "ping") && check_refusals((unsigned int)port))
		return 1;
	err = osprey_evtchn_open((unsigned int)port, &peer);
	if (err)
		return fail(role, "open", err);
	printf("evtchn-pingpong: %s: port %lu connected to d%u port %u\n",
	       role, port, peer.domid, peer.port);
	if (osprey_evtchn_open((unsigned int)port, NULL) != -EBUSY)
		return fail(role, "a second open was not refused with EBUSY",
			    0);
	err = !strcmp(role, "ping") ? ping((unsigned int)port, rounds) :
				      pong((unsigned int)port, rounds);
	osprey_evtchn_close((unsigned int)port);
	if (!err)
		printf("evtchn-pingpong: %s: PASS\n", role);
	return err;
}
