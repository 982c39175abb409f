/*
 * The probe's work must grow linearly with the tree: a large DTB (a 2 MiB
 * one has tens of thousands of nodes) must not stall the boot.  Measured
 * without a clock, by fdt/dt_read.c's counters: the nodes its walks step
 * over and the lookups libfdt answers by rescanning the blob from its
 * start (each O(n)).  The trees are built here with libfdt's
 * sequential-write functions, in several shapes that once made a per-node
 * step cost O(n).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include "fdt/dt_read.h"
#include "helpers.h"

#define GIC_PHANDLE	1

static void ok(int err)
{
	ck_assert_msg(err == 0, "libfdt: %s", fdt_strerror(err));
}

static void prop_cells(void *fdt, const char *name, const uint32_t *v,
		       int n)
{
	fdt32_t be[8];
	int i;

	for (i = 0; i < n; i++)
		be[i] = cpu_to_fdt32(v[i]);
	ok(fdt_property(fdt, name, be, n * 4));
}

static void reg64(void *fdt, uint64_t base, uint64_t size)
{
	uint32_t v[4] = { (uint32_t)(base >> 32), (uint32_t)base,
			  (uint32_t)(size >> 32), (uint32_t)size };

	prop_cells(fdt, "reg", v, 4);
}

static void cells22(void *fdt)
{
	ok(fdt_property_u32(fdt, "#address-cells", 2));
	ok(fdt_property_u32(fdt, "#size-cells", 2));
}

/*
 * A bootable GICv3 machine plus n of each of: /reserved-memory children;
 * memory nodes of size 0 under a bus with ranges (each is translated and
 * skipped); PL011s without reg (each fails); a timer whose
 * interrupts-extended has n entries.  Returns the blob (malloc'd).
 */
static void *make_tree(int n, int *nodes)
{
	size_t size = 4096 + (size_t)n * 4 * 160;
	void *fdt = malloc(size);
	char name[48];
	int i;

	ck_assert_ptr_nonnull(fdt);
	ok(fdt_create(fdt, (int)size));
	ok(fdt_finish_reservemap(fdt));
	ok(fdt_begin_node(fdt, ""));
	cells22(fdt);
	ok(fdt_property_u32(fdt, "interrupt-parent", GIC_PHANDLE));

	ok(fdt_begin_node(fdt, "memory@40000000"));
	ok(fdt_property_string(fdt, "device_type", "memory"));
	reg64(fdt, 0x40000000, 0x40000000);
	ok(fdt_end_node(fdt));

	ok(fdt_begin_node(fdt, "interrupt-controller@8000000"));
	ok(fdt_property_string(fdt, "compatible", "arm,gic-v3"));
	ok(fdt_property(fdt, "interrupt-controller", NULL, 0));
	ok(fdt_property_u32(fdt, "#interrupt-cells", 3));
	ok(fdt_property_u32(fdt, "phandle", GIC_PHANDLE));
	{
		uint32_t v[8] = { 0, 0x08000000, 0, 0x10000,
				  0, 0x080a0000, 0, 0xf60000 };

		prop_cells(fdt, "reg", v, 8);
	}
	ok(fdt_end_node(fdt));

	ok(fdt_begin_node(fdt, "timer"));
	ok(fdt_property_string(fdt, "compatible", "arm,armv8-timer"));
	{
		fdt32_t *ext = malloc((size_t)n * 16);
		static const uint32_t ppi[4] = { 13, 14, 11, 10 };

		ck_assert_ptr_nonnull(ext);
		for (i = 0; i < n; i++) {
			ext[4 * i] = cpu_to_fdt32(GIC_PHANDLE);
			ext[4 * i + 1] = cpu_to_fdt32(1);
			ext[4 * i + 2] = cpu_to_fdt32(ppi[i % 4]);
			ext[4 * i + 3] = cpu_to_fdt32(4);
		}
		ok(fdt_property(fdt, "interrupts-extended", ext, n * 16));
		free(ext);
	}
	ok(fdt_end_node(fdt));

	ok(fdt_begin_node(fdt, "soc"));
	cells22(fdt);
	ok(fdt_property_string(fdt, "compatible", "simple-bus"));
	{
		uint32_t v[6] = { 0, 0, 0, 0, 1, 0 };

		prop_cells(fdt, "ranges", v, 6);
	}
	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "memory@%x", i);
		ok(fdt_begin_node(fdt, name));
		ok(fdt_property_string(fdt, "device_type", "memory"));
		reg64(fdt, (uint64_t)i << 12, 0);
		ok(fdt_end_node(fdt));
		snprintf(name, sizeof(name), "uart@%x", i);
		ok(fdt_begin_node(fdt, name));
		ok(fdt_property_string(fdt, "compatible", "arm,pl011"));
		ok(fdt_end_node(fdt));
	}
	ok(fdt_end_node(fdt));

	ok(fdt_begin_node(fdt, "reserved-memory"));
	cells22(fdt);
	ok(fdt_property(fdt, "ranges", NULL, 0));
	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "r%d@1%08x", i, i << 12);
		ok(fdt_begin_node(fdt, name));
		reg64(fdt, 0x100000000ULL + ((uint64_t)i << 12), 0x1000);
		ok(fdt_end_node(fdt));
	}
	ok(fdt_end_node(fdt));

	ok(fdt_end_node(fdt));
	ok(fdt_finish(fdt));
	*nodes = 3 * n + 6;
	return fdt;
}

struct work {
	int nodes;
	unsigned long steps;
	unsigned long rescans;
};

static struct work probe_tree(int n)
{
	struct platform p;
	struct work w;
	void *fdt = make_tree(n, &w.nodes);

	ck_assert_int_eq(fdt_probe(fdt, fdt_totalsize(fdt), &p), 0);
	check_errors_sane(&p);
	/* The probe did read the tree, table limits and all. */
	ck_assert_int_eq(p.gic.version, GIC_V3);
	ck_assert(p.timer.present);
	ck_assert_uint_eq(p.timer.virt_intid, 27);
	ck_assert_uint_eq(p.ram_count, 1);
	ck_assert_uint_eq(p.reserved_count, PLATFORM_MAX_RESERVED);
	ck_assert(has_error(&p, "reserved regions"));
	w.steps = dt_cache_steps();
	w.rescans = dt_cache_rescans();
	free(fdt);
	return w;
}

START_TEST(work_is_linear)
{
	struct work small = probe_tree(1000);
	struct work big = probe_tree(16000);

	/*
	 * No lookup may fall back to a rescan from the start of the blob:
	 * one per node is what made the probe quadratic.  A fixed handful
	 * (none today) would still be linear.
	 */
	ck_assert_msg(small.rescans <= 8 && big.rescans <= 8,
		      "%lu and %lu rescans", small.rescans, big.rescans);
	/* A few walks of the whole tree, whatever its size. */
	ck_assert_msg(small.steps <= 12UL * (unsigned long)small.nodes &&
		      big.steps <= 12UL * (unsigned long)big.nodes,
		      "steps %lu for %d nodes, %lu for %d", small.steps,
		      small.nodes, big.steps, big.nodes);
	/* Per node, 16 times the tree costs (nearly) the same. */
	ck_assert_msg(big.steps * (unsigned long)small.nodes * 4 <=
		      small.steps * (unsigned long)big.nodes * 5,
		      "steps per node grew from %lu/%d to %lu/%d",
		      small.steps, small.nodes, big.steps, big.nodes);
}
END_TEST

Suite *probe_scaling_suite(void)
{
	Suite *s = suite_create("probe-scaling");
	TCase *tc = tcase_create("linear");

	/* Building and probing 50000 nodes takes seconds under ASan. */
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, work_is_linear);
	suite_add_tcase(s, tc);
	return s;
}
