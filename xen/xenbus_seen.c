#include <stdio.h>
#include <string.h>

#include "xen/xenbus_seen.h"

static int find(const struct xenbus_seen *s, const char *name, bool refused)
{
	unsigned int i;

	for (i = 0; i < s->count; i++)
		if (s->refused[i] == refused && strcmp(s->name[i], name) == 0)
			return (int)i;
	return -1;
}

int xenbus_seen_note(struct xenbus_seen *s, const char *type,
		     const char *id, char *nodename)
{
	char name[XENBUS_NODENAME_LEN];
	int n = snprintf(name, sizeof(name), "device/%s/%s", type, id);
	bool too_long = n < 0 || (size_t)n >= sizeof(name);

	if (find(s, name, too_long) >= 0)
		return -EEXIST;
	if (s->count == XENBUS_SEEN_MAX)
		return -ENOSPC;
	memcpy(s->name[s->count], name, sizeof(name));
	s->refused[s->count] = too_long;
	s->count++;
	if (too_long)
		return -ENAMETOOLONG;
	memcpy(nodename, name, sizeof(name));
	return 0;
}

void xenbus_seen_forget(struct xenbus_seen *s, const char *nodename)
{
	int i = find(s, nodename, false);

	if (i < 0)
		return;
	s->count--;
	memcpy(s->name[i], s->name[s->count], sizeof(s->name[i]));
	s->refused[i] = s->refused[s->count];
}
