/*
 * hello: what a program gets from the kernel.  Its arguments are the
 * words after "--" in bootargs (extra= with xl), its environment the
 * KEY=VALUE words before it.
 *
 *   extra="GREETING=Hi -- world 6*7"
 */
#include <stdio.h>
#include <stdlib.h>

#include <osprey/platform.h>

int main(int argc, char **argv)
{
	const char *greeting = getenv("GREETING");
	struct osprey_platform p;
	int i;

	osprey_platform(&p);
	printf("%s from %s on %s (GICv%u, %u vCPU%s)\n",
	       greeting ? greeting : "Hello", argv[0], p.board, p.gic, p.cpus,
	       p.cpus == 1 ? "" : "s");
	for (i = 1; i < argc; i++)
		printf("argv[%d] = \"%s\"\n", i, argv[i]);
	printf("pi is about %.5f\n", 355.0 / 113.0);
	return 0;
}
