/*
 * Timer latency, the idea of Linux's cyclictest: a thread sleeps to an
 * absolute deadline every INTERVAL µs (clock_nanosleep with TIMER_ABSTIME
 * on CLOCK_MONOTONIC) and records how late it woke: min, average, max
 * and a histogram in 1 µs buckets, over LOOPS wakes.
 *
 *   latency [-i INTERVAL_US] [-l LOOPS] [-L off|on|both] [-b BUCKETS]
 *
 * Defaults: -i 1000 -l 1000 -L both -b 1000 (a run without load, then one
 * with).  With xl: extra="-- -i 500 -l 10000 -L on".
 *
 * The measuring thread is main, at the highest priority a program has
 * (OSPREY_THREAD_PRIORITY_HIGHEST), as cyclictest is run at a real-time
 * priority (-p 80, SCHED_FIFO).  The load is a thread computing without
 * pause at a lower priority, pinned with it to CPU 0, as a busy
 * SCHED_OTHER process beside cyclictest: each wake then preempts a
 * running thread instead of leaving the idle one's wfi.  At the same
 * priority round robin would make the woken thread wait out the load's
 * 10 ms slice: that measures the slice, not the wake.
 *
 * Output, one fact a line ("latency: " first), all times in ns:
 *   latency: run load=off interval_us=1000 loops=1000 cpu=0 prio=7
 *   latency: hist load=off us=12 count=345     (non-empty buckets only;
 *                                              us=N: N to N+1 µs late)
 *   latency: hist load=off over=1000 count=2   (1000 µs late or more)
 *   latency: result load=off loops=1000 min_ns=.. avg_ns=.. max_ns=..
 *            overruns=0
 * overruns counts deadlines passed before the wake (a wake later than a
 * whole interval); the next deadline is then the first one ahead, as
 * cyclictest does.  A wake before its deadline would be a broken sleep:
 * the program says so and exits 1.
 */
#define _GNU_SOURCE	/* sched_getcpu() */
#include <osprey/thread.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define NS_PER_S	1000000000LL
#define BUCKETS_MAX	10000
#define LOAD_PRIORITY	20

struct settings {
	long interval_us;
	long loops;
	long buckets;
	const char *load;	/* "off", "on" or "both" */
};

/* 1 µs buckets, then the ones later than the last. */
static uint64_t histogram[BUCKETS_MAX + 1];
/* Set by main to end the load; the load only reads it. */
static int load_stop;

static int64_t ns_of(const struct timespec *t)
{
	return (int64_t)t->tv_sec * NS_PER_S + t->tv_nsec;
}

static struct timespec timespec_of(int64_t ns)
{
	struct timespec t = { (time_t)(ns / NS_PER_S), (long)(ns % NS_PER_S) };

	return t;
}

static int64_t now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return ns_of(&t);
}

/* The load: computes until told to stop, and what it computed is kept
 * (volatile) so that the compiler leaves the work in. */
static void *load(void *arg)
{
	volatile uint64_t sink = 0;
	uint64_t x = 1;
	unsigned int i;

	(void)arg;
	while (!__atomic_load_n(&load_stop, __ATOMIC_RELAXED)) {
		for (i = 0; i < 1000; i++)
			x = x * 6364136223846793005ULL + 1442695040888963407ULL;
		sink = x;
	}
	(void)sink;
	return NULL;
}

static int measure(const struct settings *s, const char *load_word)
{
	int64_t next, woke, late, min = INT64_MAX, max = 0, sum = 0;
	long loop, bucket, overruns = 0;
	struct timespec deadline;
	pthread_t loader;
	int err;

	memset(histogram, 0, sizeof(histogram));
	if (strcmp(load_word, "on") == 0) {
		__atomic_store_n(&load_stop, 0, __ATOMIC_RELAXED);
		/* It inherits main's CPU (0) and priority; a new thread of
		 * equal priority waits for main's slice, and main lowers it
		 * at once. */
		err = pthread_create(&loader, NULL, load, NULL);
		if (!err)
			err = -osprey_thread_set_priority(loader,
							  LOAD_PRIORITY);
		if (err) {
			fprintf(stderr, "latency: cannot start the load: %d\n",
				err);
			return 1;
		}
		osprey_thread_set_name(loader, "load");
	}
	printf("latency: run load=%s interval_us=%ld loops=%ld cpu=%d "
	       "prio=%d load_prio=%d\n", load_word, s->interval_us, s->loops,
	       sched_getcpu(), osprey_thread_get_priority(pthread_self()),
	       LOAD_PRIORITY);

	next = now_ns() + s->interval_us * 1000;
	for (loop = 0; loop < s->loops; loop++) {
		deadline = timespec_of(next);
		err = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME,
				      &deadline, NULL);
		woke = now_ns();
		if (err) {
			fprintf(stderr, "latency: clock_nanosleep: %d\n", err);
			return 1;
		}
		late = woke - next;
		if (late < 0) {
			fprintf(stderr, "latency: FAIL: woke %lld ns before "
				"its deadline\n", (long long)-late);
			return 1;
		}
		if (late < min)
			min = late;
		if (late > max)
			max = late;
		sum += late;
		bucket = (long)(late / 1000);
		histogram[bucket < s->buckets ? bucket : s->buckets]++;
		next += s->interval_us * 1000;
		while (next <= woke) {
			next += s->interval_us * 1000;
			overruns++;
		}
	}

	if (strcmp(load_word, "on") == 0) {
		__atomic_store_n(&load_stop, 1, __ATOMIC_RELAXED);
		pthread_join(loader, NULL);
	}
	for (bucket = 0; bucket < s->buckets; bucket++)
		if (histogram[bucket])
			printf("latency: hist load=%s us=%ld count=%llu\n",
			       load_word, bucket,
			       (unsigned long long)histogram[bucket]);
	printf("latency: hist load=%s over=%ld count=%llu\n", load_word,
	       s->buckets, (unsigned long long)histogram[s->buckets]);
	printf("latency: result load=%s loops=%ld min_ns=%lld avg_ns=%lld "
	       "max_ns=%lld overruns=%ld\n", load_word, s->loops,
	       (long long)min, (long long)(sum / s->loops), (long long)max,
	       overruns);
	return 0;
}

static int number(const char *arg, long lowest, long highest, long *value)
{
	char *end;

	*value = strtol(arg, &end, 10);
	return end != arg && !*end && *value >= lowest && *value <= highest;
}

static int usage(void)
{
	fprintf(stderr, "usage: latency [-i INTERVAL_US] [-l LOOPS] "
		"[-L off|on|both] [-b BUCKETS]\n");
	return 1;
}

int main(int argc, char **argv)
{
	struct settings s = { 1000, 1000, 1000, "both" };
	int opt, status = 0;

	while ((opt = getopt(argc, argv, "i:l:L:b:")) != -1) {
		switch (opt) {
		case 'i':
			if (!number(optarg, 10, 10 * 1000 * 1000,
				    &s.interval_us))
				return usage();
			break;
		case 'l':
			if (!number(optarg, 1, 1000L * 1000 * 1000, &s.loops))
				return usage();
			break;
		case 'b':
			if (!number(optarg, 1, BUCKETS_MAX, &s.buckets))
				return usage();
			break;
		case 'L':
			if (strcmp(optarg, "off") != 0 &&
			    strcmp(optarg, "on") != 0 &&
			    strcmp(optarg, "both") != 0)
				return usage();
			s.load = optarg;
			break;
		default:
			return usage();
		}
	}
	if (optind != argc)
		return usage();

	/* Measuring and load threads share CPU 0; main is the highest a
	 * program's thread can be. */
	if (osprey_thread_set_affinity(pthread_self(), 1UL) ||
	    osprey_thread_set_priority(pthread_self(),
				       OSPREY_THREAD_PRIORITY_HIGHEST)) {
		fprintf(stderr, "latency: cannot pin main to CPU 0\n");
		return 1;
	}
	osprey_thread_set_name(pthread_self(), "measure");
	if (strcmp(s.load, "on") != 0)
		status |= measure(&s, "off");
	if (!status && strcmp(s.load, "off") != 0)
		status |= measure(&s, "on");
	if (!status)
		printf("latency: done\n");
	return status;
}
