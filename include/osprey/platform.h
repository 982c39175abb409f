/*
 * What the kernel found at boot (the DTB, and Xen if it is there), and
 * who this domain is.
 */
#ifndef OSPREY_PLATFORM_H
#define OSPREY_PLATFORM_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

struct osprey_platform {
	const char *board;	/* "xenvm" under Xen, else the DT's model */
	unsigned int cpu;	/* this vCPU's index among the DT's /cpus */
	unsigned int cpus;	/* how many /cpus lists */
	unsigned int gic;	/* the interrupt controller: 2 or 3 */
	uint64_t ram_bytes;	/* RAM the DT gives us */
	bool xen;		/* running on Xen */
	bool dom0;		/* as Xen's control domain */
	unsigned int xen_major, xen_minor;	/* 0.0 without Xen */
	const char *bootargs;	/* the whole command line */
	/*
	 * The domain's id and name from XenStore ("domid", "name"), as
	 * `xl list` shows them; 0 and "" for Xen's control domain; -1 and ""
	 * without XenStore (see <osprey/xenstore.h>'s -ENODEV).
	 */
	int domid;
	char name[64];
};

/*
 * Fills *p; returns 0 (there is always a platform).  With XenStore it
 * reads the domain's id and name there: two round trips to dom0.
 */
int osprey_platform(struct osprey_platform *p);

#ifdef __cplusplus
}
#endif

#endif
