/*
 * Apart from string.c, which boot/kernel.ld packs before the vectors
 * into a hole of fixed size.
 */
#include <stdint.h>
#include <string.h>

char *strstr(const char *haystack, const char *needle)
{
	size_t n = strlen(needle);

	for (; *haystack; haystack++)
		if (strncmp(haystack, needle, n) == 0)
			return (char *)(uintptr_t)haystack;
	return n ? NULL : (char *)(uintptr_t)haystack;
}
