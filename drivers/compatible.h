/*
 * Driver matching.  A driver lists the DT compatible strings it handles,
 * ending with NULL, as Linux's of_device_id tables and Unikraft's GIC
 * device lists do; a registry hands it the devices the probe recorded
 * with one of them.
 */
#ifndef DRIVERS_COMPATIBLE_H
#define DRIVERS_COMPATIBLE_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

/* Whether compatible is one of list's strings. */
static inline bool compatible_listed(const char *const *list,
				     const char *compatible)
{
	for (; *list; list++)
		if (strcmp(*list, compatible) == 0)
			return true;
	return false;
}

#endif
