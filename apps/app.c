#include <string.h>

#include "apps/app.h"

extern const struct app __app_table_start[], __app_table_end[];

#define DEFAULT_APP "synchronization"

const struct app *app_find(const char *bootargs)
{
	const char *name = DEFAULT_APP, *arg;
	size_t len = strlen(DEFAULT_APP);
	const struct app *a;

	/* "app=NAME" as a whole word anywhere in bootargs. */
	for (arg = bootargs; arg && *arg; arg++) {
		if ((arg == bootargs || arg[-1] == ' ') &&
		    strncmp(arg, "app=", 4) == 0) {
			name = arg + 4;
			len = 0;
			while (name[len] && name[len] != ' ')
				len++;
		}
	}
	for (a = __app_table_start; a < __app_table_end; a++)
		if (strlen(a->name) == len && strncmp(a->name, name, len) == 0)
			return a;
	return NULL;
}
