#include <stdlib.h>
#include <string.h>

#include "kernel/bootargs.h"

bool bootarg(const char *args, const char *key, char *buf, size_t len)
{
	size_t klen = strlen(key), n;
	const char *p;

	for (p = args; p && *p; p++) {
		/* What follows a lone "--" is the program's (program_args.h). */
		if ((p == args || p[-1] == ' ') && p[0] == '-' && p[1] == '-' &&
		    (p[2] == ' ' || !p[2]))
			return false;
		if ((p != args && p[-1] != ' ') || strncmp(p, key, klen) != 0 ||
		    p[klen] != '=')
			continue;
		p += klen + 1;
		for (n = 0; p[n] && p[n] != ' '; n++)
			;
		if (len) {
			if (n > len - 1)
				n = len - 1;
			memcpy(buf, p, n);
			buf[n] = '\0';
		}
		return true;
	}
	return false;
}

unsigned long bootarg_ulong(const char *args, const char *key,
			    unsigned long fallback)
{
	char value[24];

	if (!bootarg(args, key, value, sizeof(value)))
		return fallback;
	return strtoul(value, NULL, 0);
}
