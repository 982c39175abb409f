/*
 * Xen's wallclock (shared_info's wc_version, wc_sec, wc_sec_hi, wc_nsec):
 * the time of day at which the domain's system time was 0.  On Arm the
 * domain's system time is its virtual counter (Xen sets CNTVOFF when it
 * creates the domain), so now = wallclock + the counter in ns.  Xen
 * writes the fields with the version odd while it does (the protocol of
 * vcpu_time_info): a reader retries while it is odd or changed.  Pure
 * code: the host unit tests run it.
 */
#ifndef XEN_WALLCLOCK_H
#define XEN_WALLCLOCK_H

#include <stdint.h>

/* Where the four fields are (the shared info page, or a test's). */
struct wallclock_fields {
	const volatile uint32_t *version;
	const volatile uint32_t *sec;
	const volatile uint32_t *sec_hi;
	const volatile uint32_t *nsec;
};

/* How often a read is tried while Xen is writing: a write is a handful
 * of stores, so only a Xen gone wrong keeps it odd this long. */
#define WALLCLOCK_TRIES	1000

/*
 * The wallclock in ns since 1970 in *ns: 0; -EAGAIN when Xen was writing
 * it on every try; -ERANGE when the fields are no time (nsec of a second
 * or more, or past 2^64 ns, in the year 2554).
 */
int wallclock_read(const struct wallclock_fields *f, uint64_t *ns);

#endif
