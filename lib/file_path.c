/* Paths for the file layer: see file_path.h. */
#include <string.h>

#include "kernel/errno.h"
#include "lib/file_path.h"

int file_resolve(const char *path, struct file_path *p)
{
	const char *comp[FILE_PATH_NAMES + 1];
	size_t len = strlen(path), clen;
	unsigned int n = 0;
	char *s, *next;

	if (len == 0)
		return -ENOENT;
	if (len >= sizeof(p->copy))
		return -ENAMETOOLONG;
	memcpy(p->copy, path, len + 1);
	for (s = p->copy; s; s = next) {
		next = strchr(s, '/');
		if (next)
			*next++ = '\0';
		clen = strlen(s);
		if (clen == 0 || strcmp(s, ".") == 0)
			continue;
		if (strcmp(s, "..") == 0) {
			if (n)
				n--;
			continue;
		}
		if (clen > FILE_NAME_MAX || n == FILE_PATH_NAMES + 1)
			return -ENAMETOOLONG;
		comp[n++] = s;
	}
	p->root = n == 0;
	p->tag = n ? comp[0] : "";
	p->n = n ? n - 1 : 0;
	if (p->n)
		memcpy(p->names, comp + 1, p->n * sizeof(comp[0]));
	return 0;
}
