#include <string.h>

#include "apps/app.h"
#include "kernel/bootargs.h"

extern const struct app __app_table_start[], __app_table_end[];

#define DEFAULT_APP "synchronization"

const struct app *app_find(const char *bootargs)
{
	char name[32] = DEFAULT_APP;
	const struct app *a;

	bootarg(bootargs, "app", name, sizeof(name));
	for (a = __app_table_start; a < __app_table_end; a++)
		if (strcmp(a->name, name) == 0)
			return a;
	return NULL;
}
