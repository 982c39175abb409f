/*
 * Driver matching.  A driver lists the DT compatible strings it handles,
 * as Linux's of_device_id tables and Unikraft's GIC device lists do; a
 * registry hands it the devices the probe recorded with one of them.
 * The list is one array laid out as a DT compatible property
 * ("a\0b\0", kernel/strlist.h), as fdt/bindings.c's tables.
 */
#ifndef DRIVERS_COMPATIBLE_H
#define DRIVERS_COMPATIBLE_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "kernel/strlist.h"

/* Whether compatible is one of list's strings. */
static inline bool compatible_listed(const char *list,
				     const char *compatible)
{
	for (; *list; list = strlist_next(list))
		if (strcmp(list, compatible) == 0)
			return true;
	return false;
}

#endif
