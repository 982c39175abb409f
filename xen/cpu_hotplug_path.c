#include <stddef.h>
#include <string.h>

#include "xen/cpu_hotplug.h"

int cpu_hotplug_vcpu(const char *path)
{
	const char *p;
	unsigned int n = 0;
	size_t digits = 0;

	if (!path)
		return -1;
	/* The watch's paths are relative, or absolute under our home. */
	for (p = path; *p; p++)
		if (p[0] == '/' && p[1] == 'c' && p[2] == 'p' && p[3] == 'u' &&
		    p[4] == '/')
			path = p + 1;
	if (path[0] != 'c' || path[1] != 'p' || path[2] != 'u' ||
	    path[3] != '/')
		return -1;
	for (p = path + 4; *p >= '0' && *p <= '9'; p++) {
		if (++digits > 4 || (digits > 1 && n == 0))
			return -1;	/* too long, or a leading zero */
		n = n * 10 + (unsigned int)(*p - '0');
	}
	if (!digits || n >= CPU_HOTPLUG_MAX_VCPUS)
		return -1;
	if (*p == '\0')
		return (int)n;
	if (p[0] == '/' && strcmp(p + 1, "availability") == 0)
		return (int)n;
	return -1;
}
