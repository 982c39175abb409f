/*
 * Osprey's own API as programs get it (include/osprey/, lib/osprey_*.c)
 * and the clocks of <time.h>: run by the boot tests, three apps.  Only
 * <...> headers besides kernel/app.h, which registers them: what it
 * checks is what a program sees.
 *
 *  - app=osapi (bare QEMU, tests/boot/bare.sh): CLOCK_REALTIME from the
 *    PL031 is a date of 2025 or later and agrees with gettimeofday() and
 *    time(); CLOCK_MONOTONIC advances across a 200 ms nanosleep by
 *    200-300 ms and CLOCK_REALTIME with it; osprey_platform()'s fields
 *    for QEMU's virt machine; where nothing is there, the documented
 *    errors: XenStore -ENODEV, no disks, no network interface; thread
 *    priorities, CPUs and names, -ESRCH for a thread that ended; then
 *    osprey_poweroff().
 *  - app=osapi-reboot: osprey_reboot().
 *  - app=osapi-xen (a guest started with xl create, tests/boot/xl-dom0.sh,
 *    which reads what it prints and answers): the time from Xen's
 *    wallclock, the domain's id and name, XenStore read, write,
 *    directory, -ENOENT and a watch that dom0 fires; then poweroff.
 *
 * Prints "osapi: ok NAME" or "osapi: FAIL NAME: why", and a PASS/FAIL line
 * before the stop.
 */
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

#include <osprey/block.h>
#include <osprey/net.h>
#include <osprey/platform.h>
#include <osprey/power.h>
#include <osprey/thread.h>
#include <osprey/xenstore.h>

#include "kernel/app.h"

#define NS_PER_S	1000000000LL
#define SLEEP_NS	200000000LL	/* the nanosleep measured */
#define SLEEP_SLACK_NS	100000000LL	/* a tick and TCG's delays */
#define YEAR_MIN	2025
#define XS_WAIT_MS	20000		/* for dom0's write */

/* Written by the app's thread only. */
static unsigned int failures;

static void verdict(const char *name, bool ok, const char *why)
{
	if (ok) {
		printf("osapi: ok %s\n", name);
	} else {
		printf("osapi: FAIL %s: %s\n", name, why);
		failures++;
	}
}

static long long ns_of(clockid_t clock)
{
	struct timespec t;

	if (clock_gettime(clock, &t))
		return -1;
	return (long long)t.tv_sec * NS_PER_S + t.tv_nsec;
}

/* The time of day: a date this year or later, told the same by the
 * three calls; its seconds printed for the test to compare. */
static void check_realtime(void)
{
	long long real = ns_of(CLOCK_REALTIME);
	time_t secs = (time_t)(real / NS_PER_S);
	struct timeval tv;
	struct tm tm;
	time_t now;

	gettimeofday(&tv, NULL);
	now = time(NULL);
	gmtime_r(&secs, &tm);
	printf("osapi: realtime %lld (%04d-%02d-%02d %02d:%02d:%02d UTC)\n",
	       real / NS_PER_S, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
	       tm.tm_hour, tm.tm_min, tm.tm_sec);
	verdict("realtime-date", real > 0 && tm.tm_year + 1900 >= YEAR_MIN,
		"CLOCK_REALTIME is before 2025: no clock was read");
	verdict("realtime-agree", tv.tv_sec - secs <= 1 && tv.tv_sec >= secs &&
		now - secs <= 1 && now >= secs,
		"gettimeofday() or time() disagree with CLOCK_REALTIME");
}

/* Both clocks advance by what was slept, on one counter. */
static void check_sleep(void)
{
	struct timespec req = { 0, SLEEP_NS };
	long long mono0 = ns_of(CLOCK_MONOTONIC), real0 = ns_of(CLOCK_REALTIME);
	long long mono, real;
	int err = nanosleep(&req, NULL);

	mono = ns_of(CLOCK_MONOTONIC) - mono0;
	real = ns_of(CLOCK_REALTIME) - real0;
	printf("osapi: nanosleep %lld ns: monotonic +%lld ns, realtime "
	       "+%lld ns\n", SLEEP_NS, mono, real);
	verdict("monotonic-sleep", !err && mono >= SLEEP_NS &&
		mono < SLEEP_NS + SLEEP_SLACK_NS,
		"CLOCK_MONOTONIC did not advance by the time slept");
	verdict("realtime-sleep", real - mono < 1000000 &&
		mono - real < 1000000,
		"CLOCK_REALTIME and CLOCK_MONOTONIC advanced apart");
}

static void check_platform_bare(void)
{
	struct osprey_platform p;
	int err = osprey_platform(&p);

	printf("osapi: platform board %s gic %u cpus %u ram %" PRIu64
	       " xen %d domid %d name \"%s\"\n", p.board, p.gic, p.cpus,
	       p.ram_bytes, p.xen, p.domid, p.name);
	verdict("platform", !err && strcmp(p.board, "dummy-virt") == 0 &&
		(p.gic == 2 || p.gic == 3) && p.cpus >= 1 &&
		p.cpu < p.cpus && p.ram_bytes >= (64u << 20) &&
		!p.xen && !p.dom0 && p.xen_major == 0 &&
		strstr(p.bootargs, "app=osapi") && p.domid == -1 &&
		p.name[0] == '\0',
		"a field is not what QEMU's virt machine without Xen has");
}

/* No Xen: every XenStore call says there is none. */
static void check_no_xenstore(void)
{
	struct osprey_xenstore_watch *w = NULL;
	char buf[32];
	int r = osprey_xenstore_read("name", buf, sizeof(buf));
	int wr = osprey_xenstore_write("data/x", "y");
	int d = osprey_xenstore_directory("data", buf, sizeof(buf));
	int wa = osprey_xenstore_watch("data", &w);

	printf("osapi: xenstore read %d write %d directory %d watch %d\n",
	       r, wr, d, wa);
	verdict("xenstore-none", r == -ENODEV && wr == -ENODEV &&
		d == -ENODEV && wa == -ENODEV && !w,
		"a XenStore call without Xen did not fail with -ENODEV");
	verdict("xenstore-einval", osprey_xenstore_read(NULL, buf, 4) ==
		-EINVAL && osprey_xenstore_read("", buf, 4) == -EINVAL,
		"a NULL or empty path did not fail with -EINVAL");
}

/* No disks: an empty list, and nothing to open. */
static void check_no_disks(void)
{
	struct osprey_block_info info[2];
	struct osprey_block d;
	char sector[512];
	int n = osprey_block_list(info, 2);
	int open = osprey_block_open("xvda", &d);

	memset(&d, 0, sizeof(d));
	printf("osapi: block list %d open %d\n", n, open);
	verdict("block-none", n == 0 && osprey_block_list(NULL, 0) == 0 &&
		open == -ENODEV,
		"disks listed, or xvda opened, without Xen");
	verdict("block-einval", osprey_block_read(&d, 0, 1, sector) ==
		-EINVAL && osprey_block_open(NULL, &d) == -EINVAL,
		"a disk never opened, or no name, did not give -EINVAL");
}

static void check_no_network(void)
{
	struct osprey_net_interface ifc;
	int r = osprey_net_interface(0, &ifc);

	printf("osapi: net interface 0: %d\n", r);
	verdict("net-none", r == -ENODEV &&
		osprey_net_interface(0, NULL) == -EINVAL,
		"an interface without a vif, or no -EINVAL for NULL");
}

/* Ends once main has looked at it alive. */
static void *short_lived(void *arg)
{
	sem_wait(arg);
	return NULL;
}

static void check_threads(void)
{
	pthread_t self = pthread_self(), t;
	int prio = osprey_thread_get_priority(self);
	char name[OSPREY_THREAD_NAME_MAX + 1];
	struct timespec nap = { 0, 20000000 };
	unsigned long online = 0, lowest, got = 0;
	int alive, gone, err;
	sem_t looked;

	verdict("thread-priority", prio == OSPREY_THREAD_PRIORITY_HIGHEST &&
		osprey_thread_set_priority(self, 6) == -EINVAL &&
		osprey_thread_set_priority(self, 31) == -EINVAL &&
		osprey_thread_set_priority(self, 12) == 0 &&
		osprey_thread_get_priority(self) == 12 &&
		osprey_thread_set_priority(self, prio) == 0 &&
		osprey_thread_get_priority(self) == prio,
		"main's priority is not 7, or a set did not hold or was not "
		"refused");
	verdict("thread-name", osprey_thread_set_name(self, "osapi-main") ==
		0 && osprey_thread_get_name(self, name, sizeof(name)) == 10 &&
		strcmp(name, "osapi-main") == 0 &&
		osprey_thread_get_name(self, name, 10) == -ERANGE &&
		osprey_thread_set_name(self, "a-name-longer-than-15") == 0 &&
		osprey_thread_get_name(self, name, sizeof(name)) == 15 &&
		strcmp(name, "a-name-longer-t") == 0 &&
		osprey_thread_set_name(self, NULL) == -EINVAL,
		"a name did not hold, was not cut to 15 or -ERANGE missing");
	/* main was never pinned: its CPUs are the online ones. */
	err = osprey_thread_get_affinity(self, &online);
	lowest = online & -online;
	verdict("thread-affinity", err == 0 && lowest &&
		(unsigned int)__builtin_popcountl(online) ==
		osprey_cpu_count() &&
		osprey_thread_set_affinity(self, lowest) == 0 &&
		osprey_thread_get_affinity(self, &got) == 0 && got == lowest &&
		osprey_thread_set_affinity(self, 0) == -EINVAL &&
		osprey_thread_set_affinity(self, 1UL << 63) == -EINVAL &&
		osprey_thread_get_affinity(self, NULL) == -EINVAL &&
		osprey_thread_get_affinity(self, &got) == 0 && got == lowest &&
		osprey_thread_set_affinity(self, online) == 0 &&
		osprey_thread_get_affinity(self, &got) == 0 && got == online,
		"the online CPUs are not osprey_cpu_count(), or a set did not "
		"hold or was not refused");
	sem_init(&looked, 0, 0);
	if (pthread_create(&t, NULL, short_lived, &looked)) {
		verdict("thread-ended", false, "pthread_create failed");
		return;
	}
	/* It has main's priority, and ends while main sleeps; joinable,
	 * its pthread_t stays valid until the join. */
	alive = osprey_thread_get_priority(t);
	sem_post(&looked);
	nanosleep(&nap, NULL);
	gone = osprey_thread_get_priority(t);
	verdict("thread-ended", alive == prio && gone == -ESRCH &&
		osprey_thread_set_name(t, "x") == -ESRCH &&
		osprey_thread_set_priority(t, 20) == -ESRCH &&
		osprey_thread_get_name(t, name, sizeof(name)) == -ESRCH &&
		osprey_thread_set_affinity(t, online) == -ESRCH &&
		osprey_thread_get_affinity(t, &got) == -ESRCH,
		"a new thread's priority was not its creator's, or one that "
		"ended did not give -ESRCH");
	pthread_join(t, NULL);
}

static void finish(void)
{
	printf("osapi: %s (%u failed)\n", failures ? "FAIL" : "PASS",
	       failures);
	osprey_poweroff();
}

static void osapi_main(void)
{
	check_realtime();
	check_sleep();
	check_platform_bare();
	check_no_xenstore();
	check_no_disks();
	check_no_network();
	check_threads();
	finish();
}

static void osapi_reboot_main(void)
{
	printf("osapi-reboot: rebooting\n");
	osprey_reboot();
}

/*
 * The store may still be connecting when the app starts (it is set up
 * on a thread of its own): wait for it as a program would.
 */
static bool xenstore_ready(void)
{
	struct timespec nap = { 0, 100000000 };
	char id[16];
	int i;

	for (i = 0; i < 50; i++) {
		if (osprey_xenstore_read("domid", id, sizeof(id)) != -ENODEV)
			return true;
		nanosleep(&nap, NULL);
	}
	return false;
}

static void check_xenstore(const struct osprey_platform *p)
{
	char buf[256], dir[512];
	size_t at = 0;
	bool found = false;
	int n;

	n = osprey_xenstore_write("data/osapi", "written-by-osapi");
	verdict("xs-write", n == 0, "osprey_xenstore_write failed");
	n = osprey_xenstore_read("data/osapi", buf, sizeof(buf));
	verdict("xs-read", n == 16 && strcmp(buf, "written-by-osapi") == 0,
		"the value read back is not the one written");
	verdict("xs-read-cut", osprey_xenstore_read("data/osapi", buf, 8) ==
		16 && strcmp(buf, "written") == 0,
		"a value longer than the buffer was not cut, or its length "
		"not given");
	n = osprey_xenstore_read("name", buf, sizeof(buf));
	verdict("xs-name", n > 0 && strcmp(buf, p->name) == 0,
		"\"name\" is not the platform's name");
	verdict("xs-enoent", osprey_xenstore_read("data/no-such-node", buf,
						  sizeof(buf)) == -ENOENT,
		"a missing node did not give -ENOENT");
	/* n names, each ending with its NUL. */
	for (n = osprey_xenstore_directory("data", dir, sizeof(dir)); n > 0;
	     n--) {
		found = found || strcmp(dir + at, "osapi") == 0;
		at += strlen(dir + at) + 1;
	}
	verdict("xs-directory", found, "data/ does not list osapi");
	verdict("xs-directory-e2big", osprey_xenstore_directory("data", dir,
								4) == -E2BIG,
		"data/'s children (osapi among them) fitted in 4 bytes");
}

static void check_watch(void)
{
	struct osprey_xenstore_watch *w;
	char path[64], value[32];
	int n = osprey_xenstore_watch("data/osapi-ping", &w);

	if (n) {
		verdict("xs-watch", false, "osprey_xenstore_watch failed");
		return;
	}
	/* XenStore's rule: one event at once, for the path itself. */
	n = osprey_xenstore_watch_wait(w, path, sizeof(path), 5000);
	verdict("xs-watch-first", n == 15 &&
		strcmp(path, "data/osapi-ping") == 0,
		"no event at once for the watched path");
	verdict("xs-watch-timeout", osprey_xenstore_watch_wait(w, path,
		sizeof(path), 0) == -ETIMEDOUT, "an event with none pending");
	printf("osapi: ready for data/osapi-ping\n");
	n = osprey_xenstore_watch_wait(w, path, sizeof(path), XS_WAIT_MS);
	if (n < 0) {
		verdict("xs-watch", false, "no event within 20 s");
	} else {
		n = osprey_xenstore_read(path, value, sizeof(value));
		printf("osapi: watch %s = %s\n", path, n >= 0 ? value : "?");
		verdict("xs-watch", n == 4 && strcmp(value, "pong") == 0,
			"the watched node is not \"pong\"");
	}
	verdict("xs-unwatch", osprey_xenstore_unwatch(w) == 0,
		"osprey_xenstore_unwatch failed");
}

static void osapi_xen_main(void)
{
	struct osprey_platform p;
	struct osprey_net_interface ifc;

	check_realtime();
	check_sleep();
	if (!xenstore_ready()) {
		verdict("xenstore", false, "no XenStore within 5 s");
		finish();
	}
	osprey_platform(&p);
	printf("osapi: domid %d name %s xen %u.%u\n", p.domid, p.name,
	       p.xen_major, p.xen_minor);
	verdict("platform", p.xen && !p.dom0 && p.domid > 0 && p.name[0] &&
		strcmp(p.board, "xenvm") == 0,
		"not a domU with a domid and a name on xenvm");
	check_xenstore(&p);
	verdict("block-none", osprey_block_list(NULL, 0) == 0,
		"disks listed without disk= in the config");
	verdict("net-none", osprey_net_interface(0, &ifc) == -ENODEV,
		"an interface without vif= in the config");
	check_watch();
	finish();
}

APP_REGISTER("osapi", osapi_main);
APP_REGISTER("osapi-reboot", osapi_reboot_main);
APP_REGISTER("osapi-xen", osapi_xen_main);
