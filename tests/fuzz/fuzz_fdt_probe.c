/*
 * libFuzzer harness: fdt_probe() and everything that reads its result, on
 * arbitrary bytes, built from the kernel's own fdt/ sources.  A DTB comes
 * from whatever toolstack or firmware built it (or from a user handing
 * dtb-probe a dumped blob): nothing it contains may make the probe read
 * outside the blob, overrun a struct platform field, or leave a string
 * unterminated.  ASan/UBSan catch the memory errors; the checks below
 * catch what the sanitizers cannot see (bounds of our own fixed arrays
 * that stay inside struct platform).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fdt/platform.h"

#define CHECK(cond) do { if (!(cond)) __builtin_trap(); } while (0)

/* A field filled by the probe must hold a terminated string. */
#define CHECK_STRING(field) CHECK(memchr((field), '\0', sizeof(field)))

static void check_line(void *ctx, const char *line)
{
	unsigned int *lines = ctx;

	/* strlen() under ASan checks the line is terminated in bounds. */
	CHECK(strlen(line) < 4096);
	(*lines)++;
}

static void check_platform(const struct platform *p, int err)
{
	unsigned int i;

	CHECK(p->error_count <= PLATFORM_MAX_ERRORS);
	for (i = 0; i < p->error_count; i++) {
		CHECK_STRING(p->errors[i]);
		CHECK(strncmp(p->errors[i], "fdt: ", 5) == 0);
	}
	if (err) {
		/* An unusable blob is refused whole, with one reason. */
		CHECK(err < 0 && p->error_count == 1);
		CHECK(strstr(p->errors[0], "not a usable device tree"));
		CHECK(p->ram_count == 0 && p->gic.version == GIC_NONE);
	}
	CHECK(p->ram_count <= PLATFORM_MAX_RAM);
	CHECK(p->reserved_count <= PLATFORM_MAX_RESERVED);
	CHECK(p->gic.redist_count <= PLATFORM_MAX_REDIST);
	CHECK(p->xen.ext_count <= PLATFORM_MAX_XEN_EXT);
	CHECK(p->cpu_count <= PLATFORM_MAX_CPUS);
	for (i = 0; i < p->cpu_count; i++)
		CHECK(p->cpu_enable[i] >= CPU_ENABLE_NONE &&
		      p->cpu_enable[i] <= CPU_ENABLE_OTHER);
	/* Slots past cpu_count stay as fdt_probe() cleared them. */
	for (; i < PLATFORM_MAX_CPUS; i++)
		CHECK(p->cpu_mpidr[i] == 0 &&
		      p->cpu_enable[i] == CPU_ENABLE_NONE);
	/* The 0.2 IDs whenever the DT says 0.2 or later. */
	if (p->psci_0_2)
		CHECK(p->psci_cpu_on == 0xc4000003 &&
		      p->psci_cpu_off == 0x84000002);
	CHECK(p->uart_count <= PLATFORM_MAX_UARTS);
	CHECK(p->stdout_uart >= -1 && p->stdout_uart < (int)p->uart_count);
	CHECK(p->gic.version == GIC_NONE || p->gic.version == GIC_V2 ||
	      p->gic.version == GIC_V3);
	CHECK_STRING(p->model);
	CHECK_STRING(p->compatible);
	CHECK_STRING(p->gic.compatible);
	CHECK_STRING(p->gic.path);
	CHECK_STRING(p->xen.version);
	CHECK_STRING(p->bootargs);
	CHECK_STRING(p->stdout_path);
	for (i = 0; i < p->uart_count; i++)
		CHECK_STRING(p->uart[i].path);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct platform p;
	unsigned int lines = 0;
	const char *why, *name;
	void *blob;
	int err;

	/*
	 * A buffer of exactly the input's size, from malloc so that it has
	 * the alignment a loaded DTB has (libfdt refuses a misaligned one):
	 * any read past its end is an ASan report.
	 */
	blob = malloc(size ? size : 1);
	CHECK(blob);
	memcpy(blob, data, size);
	err = fdt_probe(blob, size, &p);
	check_platform(&p, err);
	platform_report(&p, check_line, &lines);
	CHECK(lines >= 3);		/* psci, cpus and board always */
	why = platform_unbootable_reason(&p);
	CHECK(err == 0 || why);
	if (why)
		CHECK(strlen(why) > 0);
	name = platform_board_name(&p);
	CHECK(name && name[0]);
	free(blob);
	return 0;
}
