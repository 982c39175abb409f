/*
 * dtb-probe FILE.dtb: print what the kernel would discover from a DTB,
 * e.g. one dumped with LIBXL_DEBUG_DUMP_DTB, before booting on that host.
 * Exit 0 if the kernel could boot with it, 1 (reason on stderr) if not,
 * 2 if the file cannot be read.
 */
#include <stdio.h>
#include <stdlib.h>

#include "platform.h"

static void print_line(void *ctx, const char *line)
{
	fprintf((FILE *)ctx, "%s\n", line);
}

int main(int argc, char **argv)
{
	static struct platform p;
	FILE *f;
	char *blob;
	long size;
	const char *why;
	unsigned int i;

	if (argc != 2) {
		fprintf(stderr, "usage: %s FILE.dtb\n", argv[0]);
		return 2;
	}
	f = fopen(argv[1], "rb");
	if (!f || fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0) {
		perror(argv[1]);
		return 2;
	}
	blob = malloc((size_t)size + 1);
	if (!blob || fread(blob, 1, (size_t)size, f) != (size_t)size) {
		fprintf(stderr, "%s: read failed\n", argv[1]);
		fclose(f);
		free(blob);
		return 2;
	}
	fclose(f);

	fdt_probe(blob, (size_t)size, &p);
	platform_report(&p, print_line, stdout);
	for (i = 0; i < p.error_count; i++)
		fprintf(stderr, "%s\n", p.errors[i]);
	free(blob);
	why = platform_unbootable_reason(&p);
	if (why) {
		fprintf(stderr, "dtb-probe: cannot boot: %s\n", why);
		return 1;
	}
	return 0;
}
