#include <string.h>

#include "kernel/bootargs.h"

bool bootarg_next_option(const char **list, char *word, size_t len)
{
	const char *p = *list;
	size_t n;

	while (*p == ',')
		p++;
	if (!*p || !len)
		return false;
	n = strcspn(p, ",");
	*list = p + n;
	if (n > len - 1)
		n = len - 1;
	memcpy(word, p, n);
	word[n] = '\0';
	return true;
}
