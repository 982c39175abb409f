/*
 * The clocks: CLOCK_MONOTONIC is the scheduler's counter since boot,
 * CLOCK_REALTIME the time of day (kernel/realtime.h says where it comes
 * from); the sleeps are the scheduler's, to the counter's tick (the
 * first tick at or after the deadline).
 */
#define _GNU_SOURCE	/* the Linux clock names (CLOCK_MONOTONIC_RAW, ...) */
#include <errno.h>
#include <stdint.h>
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>

#include "kernel/realtime.h"
#include "kernel/thread.h"
#include "lib/clock.h"

#define NS_PER_S	1000000000ULL

static int now_ns(clockid_t clock, uint64_t *ns)
{
	switch (clock) {
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
		*ns = sched_now_ns();
		return 0;
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE:
		*ns = realtime_now_ns();
		return 0;
	default:
		return EINVAL;
	}
}

int clock_gettime(clockid_t clock, struct timespec *tp)
{
	uint64_t ns;
	int err = now_ns(clock, &ns);

	if (err) {
		errno = err;
		return -1;
	}
	tp->tv_sec = (time_t)(ns / NS_PER_S);
	tp->tv_nsec = (long)(ns % NS_PER_S);
	return 0;
}

int clock_getres(clockid_t clock, struct timespec *res)
{
	uint64_t ns;
	int err = now_ns(clock, &ns);

	if (err) {
		errno = err;
		return -1;
	}
	if (res) {
		/* The counter ticks far faster; the sleeps are in ms. */
		res->tv_sec = 0;
		res->tv_nsec = 1;
	}
	return 0;
}

int gettimeofday(struct timeval *tv, void *tz)
{
	uint64_t ns = realtime_now_ns();

	(void)tz;
	if (tv) {
		tv->tv_sec = (time_t)(ns / NS_PER_S);
		tv->tv_usec = (suseconds_t)(ns % NS_PER_S / 1000);
	}
	return 0;
}

/* clock() counts the program's CPU time: here, all of it since boot
 * (one program, and the idle thread is not counted apart). */
clock_t times(struct tms *buf)
{
	clock_t t = (clock_t)(sched_now_ns() / (NS_PER_S / CLOCKS_PER_SEC));

	if (buf) {
		buf->tms_utime = t;
		buf->tms_stime = 0;
		buf->tms_cutime = 0;
		buf->tms_cstime = 0;
	}
	return t;
}

static void sleep_ns(uint64_t ns)
{
	uint64_t now = sched_now_ns();

	thread_sleep_until_ns(ns > UINT64_MAX - now ? UINT64_MAX : now + ns);
}

int nanosleep(const struct timespec *req, struct timespec *rem)
{
	if (!req || req->tv_nsec < 0 || req->tv_nsec >= (long)NS_PER_S ||
	    req->tv_sec < 0) {
		errno = EINVAL;
		return -1;
	}
	sleep_ns((uint64_t)req->tv_sec * NS_PER_S + (uint64_t)req->tv_nsec);
	if (rem)
		rem->tv_sec = rem->tv_nsec = 0;	/* no signals wake it */
	return 0;
}

int clock_nanosleep(clockid_t clock, int flags, const struct timespec *req,
		    struct timespec *rem)
{
	uint64_t now, mono, then;
	int err;

	if (!(flags & TIMER_ABSTIME)) {
		if (nanosleep(req, rem))
			return errno;
		return 0;
	}
	if (!req || req->tv_nsec < 0 || req->tv_nsec >= (long)NS_PER_S)
		return EINVAL;
	mono = sched_now_ns();
	err = now_ns(clock, &now);
	if (err)
		return err;
	if (req->tv_sec < 0)
		return 0;
	then = (uint64_t)req->tv_sec * NS_PER_S + (uint64_t)req->tv_nsec;
	/* The kernel sleeps on CLOCK_MONOTONIC's own reading; a deadline
	 * on the time of day becomes the same distance from now on it. */
	if (clock != CLOCK_REALTIME && clock != CLOCK_REALTIME_COARSE)
		thread_sleep_until_ns(then);
	else if (then > now)
		thread_sleep_until_ns(then - now > UINT64_MAX - mono ?
				      UINT64_MAX : mono + (then - now));
	return 0;
}

int usleep(useconds_t us)
{
	sleep_ns((uint64_t)us * 1000);
	return 0;
}

unsigned int sleep(unsigned int seconds)
{
	sleep_ns((uint64_t)seconds * NS_PER_S);
	return 0;
}

int clock_ms_until(clockid_t clock, const struct timespec *abstime,
		   int64_t *ms)
{
	uint64_t now, then;
	int err;

	if (!abstime || abstime->tv_nsec < 0 ||
	    abstime->tv_nsec >= (long)NS_PER_S)
		return EINVAL;
	err = now_ns(clock, &now);
	if (err)
		return err;
	if (abstime->tv_sec < 0) {
		*ms = 0;
		return 0;
	}
	then = (uint64_t)abstime->tv_sec * NS_PER_S +
	       (uint64_t)abstime->tv_nsec;
	*ms = then <= now ? 0 : (int64_t)((then - now + 999999) / 1000000);
	return 0;
}
