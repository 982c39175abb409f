#include <string.h>

#include "kernel/app.h"
#include "kernel/bootargs.h"

extern const struct app __app_table_start[], __app_table_end[];

const struct app *app_find(const char *bootargs)
{
	char name[32];
	const struct app *a;
	bool named = bootarg(bootargs, "app", name, sizeof(name));

	for (a = __app_table_start; a < __app_table_end; a++)
		if (named ? strcmp(a->name, name) == 0 : a->program)
			return a;
	return NULL;
}
