/*
 * Lists of strings laid out as a DT "compatible" property: each string
 * ended by its NUL, one after another, and an empty string last (a C
 * literal "a\0b\0" ends with it).  One array holds them all: no pointer,
 * and so no relocation, per string in the position-independent image.
 * Used for the DT bindings (fdt/bindings.c), the drivers' compatibles
 * (drivers/compatible.h) and names looked up by index (errno_name(),
 * dt_error_name(), gnttab_status_name()).  Header only: fdt/ is built
 * for the host tools too.
 */
#ifndef KERNEL_STRLIST_H
#define KERNEL_STRLIST_H

#include <stddef.h>

/* The string after s (the empty one at the end of the list). */
static inline const char *strlist_next(const char *s)
{
	while (*s++)
		;
	return s;
}

/* The list's i-th string, or NULL when it has fewer. */
static inline const char *strlist_nth(const char *list, size_t i)
{
	for (; *list; list = strlist_next(list))
		if (i-- == 0)
			return list;
	return NULL;
}

#endif
