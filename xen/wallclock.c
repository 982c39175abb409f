#include "kernel/errno.h"
#include "xen/wallclock.h"

#define NS_PER_S	1000000000ULL

static uint32_t load_acquire(const volatile uint32_t *p)
{
	return __atomic_load_n(p, __ATOMIC_ACQUIRE);
}

int wallclock_read(const struct wallclock_fields *f, uint64_t *ns)
{
	uint32_t version, sec, sec_hi, nsec;
	uint64_t seconds;
	unsigned int tries;

	for (tries = 0; tries < WALLCLOCK_TRIES; tries++) {
		version = load_acquire(f->version);
		if (version & 1)
			continue;
		sec = *f->sec;
		sec_hi = *f->sec_hi;
		nsec = *f->nsec;
		/* The fields before the second look at the version. */
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		if (load_acquire(f->version) != version)
			continue;
		seconds = (uint64_t)sec_hi << 32 | sec;
		if (nsec >= NS_PER_S ||
		    seconds > (UINT64_MAX - nsec) / NS_PER_S)
			return -ERANGE;
		*ns = seconds * NS_PER_S + nsec;
		return 0;
	}
	return -EAGAIN;
}
