/*
 * Hand-written edge cases (tests/data/crafted/NAME.dts, compiled by the build
 * with dtc).  Each DTS's header comment says what it tests and what the
 * probe must find; the values below are read from the DTS.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include "helpers.h"

static void assert_region(struct region r, uint64_t base, uint64_t size)
{
	ck_assert_uint_eq(r.base, base);
	ck_assert_uint_eq(r.size, size);
}

static void assert_no_errors(const struct platform *p)
{
	ck_assert_msg(p->error_count == 0, "%u errors, first: %s",
		      p->error_count, p->error_count ? p->errors[0] : "");
}

static void assert_bootable(const struct platform *p)
{
	const char *why = platform_unbootable_reason(p);

	ck_assert_msg(why == NULL, "unbootable: %s", why ? why : "");
}

static void assert_unbootable(const struct platform *p)
{
	const char *why = platform_unbootable_reason(p);

	ck_assert_ptr_nonnull(why);
	ck_assert_uint_gt(strlen(why), 0);
}

START_TEST(gicv3_4cell)
{
	struct platform p;

	probe_file(CRAFTED_DTB("gicv3-4cell"), &p);
	ck_assert_uint_eq(p.ram_count, 1);
	assert_region(p.ram[0], 0x40000000, 0x10000000);
	ck_assert_int_eq(p.gic.version, GIC_V3);
	ck_assert_uint_eq(p.gic.interrupt_cells, 4);
	assert_region(p.gic.dist, 0x8000000, 0x10000);
	ck_assert_uint_eq(p.gic.redist_count, 1);
	assert_region(p.gic.redist[0], 0x80a0000, 0xf60000);
	ck_assert(p.timer.present);
	ck_assert_uint_eq(p.timer.phys_intid, 30);
	ck_assert_uint_eq(p.timer.virt_intid, 27);
	ck_assert_uint_eq(p.uart_count, 1);
	ck_assert_uint_eq(p.uart[0].intid, 33);
	ck_assert_int_eq(p.stdout_uart, -1);	/* no stdout-path */
	ck_assert_int_eq(p.psci, PSCI_SMC);
	ck_assert(p.psci_0_2);
	ck_assert_uint_eq(p.cpu_count, 1);
	ck_assert_uint_eq(p.cpu_mpidr[0], 0);
	assert_no_errors(&p);
	assert_bootable(&p);
}
END_TEST

/*
 * The tree in file name, probed with the nodes at paths[0..n-1] deleted
 * or, given prop, with that property of each deleted: the variants of a
 * crafted tree that differ from it by a node or a property.
 */
static void probe_without(const char *name, const char *const *paths,
			  unsigned int n, const char *prop,
			  struct platform *p)
{
	size_t size;
	void *orig = load_file(name, &size);
	void *fdt = malloc(size);
	unsigned int i;
	int node;

	ck_assert_ptr_nonnull(fdt);
	ck_assert_int_eq(fdt_open_into(orig, fdt, (int)size), 0);
	free(orig);
	for (i = 0; i < n; i++) {
		node = fdt_path_offset(fdt, paths[i]);
		ck_assert_msg(node >= 0, "%s: no %s", name, paths[i]);
		if (prop)
			ck_assert_int_eq(fdt_delprop(fdt, node, prop), 0);
		else
			ck_assert_int_eq(fdt_del_node(fdt, node), 0);
	}
	ck_assert_int_eq(fdt_probe(fdt, size, p), 0);
	check_errors_sane(p);
	free(fdt);
}

START_TEST(psci_0_1)
{
	struct platform p;

	probe_file(CRAFTED_DTB("psci-0.1"), &p);
	ck_assert_int_eq(p.psci, PSCI_HVC);
	ck_assert(!p.psci_0_2);
	/* The node's own IDs, not the 0.2 ones. */
	ck_assert_uint_eq(p.psci_cpu_on, 0x95c1ba60);
	ck_assert_uint_eq(p.psci_cpu_off, 0x95c1ba5f);
	ck_assert_uint_eq(p.cpu_count, 1);
	ck_assert_int_eq(p.cpu_enable[0], CPU_ENABLE_PSCI);
	assert_no_errors(&p);
	assert_bootable(&p);
}
END_TEST

/* PSCI 0.1 without cpu_on and cpu_off: no IDs, not the 0.2 ones. */
START_TEST(psci_0_1_no_ids)
{
	static const char *const psci[] = { "/psci" };
	struct platform p;

	probe_without(CRAFTED_DTB("psci-0.1"), psci, 1, "cpu_on", &p);
	ck_assert_uint_eq(p.psci_cpu_on, 0);
	ck_assert_uint_eq(p.psci_cpu_off, 0x95c1ba5f);
	probe_without(CRAFTED_DTB("psci-0.1"), psci, 1, "cpu_off", &p);
	ck_assert_uint_eq(p.psci_cpu_on, 0x95c1ba60);
	ck_assert_uint_eq(p.psci_cpu_off, 0);
	ck_assert(!p.psci_0_2);
	assert_no_errors(&p);
}
END_TEST

START_TEST(cpus_enable_methods)
{
	struct platform p;
	unsigned int i;

	probe_file(CRAFTED_DTB("cpus-enable-methods"), &p);
	ck_assert_uint_eq(p.cpu_count, 4);
	for (i = 0; i < 4; i++)
		ck_assert_uint_eq(p.cpu_mpidr[i], i);
	ck_assert_int_eq(p.cpu_enable[0], CPU_ENABLE_PSCI);
	ck_assert_int_eq(p.cpu_enable[1], CPU_ENABLE_SPIN_TABLE);
	ck_assert_int_eq(p.cpu_enable[2], CPU_ENABLE_NONE);
	ck_assert_int_eq(p.cpu_enable[3], CPU_ENABLE_OTHER);
	/* PSCI 1.0: the standard IDs, not the node's 0.1 ones. */
	ck_assert(p.psci_0_2);
	ck_assert_uint_eq(p.psci_cpu_on, 0xc4000003);
	ck_assert_uint_eq(p.psci_cpu_off, 0x84000002);
	assert_no_errors(&p);
	assert_bootable(&p);
}
END_TEST

START_TEST(timer_interrupts_extended)
{
	struct platform p;

	probe_file(CRAFTED_DTB("timer-interrupts-extended"), &p);
	ck_assert_int_eq(p.gic.version, GIC_V2);
	ck_assert_str_eq(p.gic.compatible, "arm,gic-400");
	ck_assert_str_eq(p.gic.path, "/interrupt-controller@2f000000");
	assert_region(p.gic.dist, 0x2f000000, 0x1000);
	assert_region(p.gic.cpu, 0x2f100000, 0x2000);
	ck_assert(p.timer.present);
	ck_assert_uint_eq(p.timer.phys_intid, 30);
	ck_assert_uint_eq(p.timer.virt_intid, 27);
	ck_assert_uint_eq(p.ram_count, 1);
	assert_region(p.ram[0], 0x80000000, 0x20000000);
	assert_no_errors(&p);
	assert_bootable(&p);
}
END_TEST

START_TEST(gic_under_simple_bus)
{
	struct platform p;

	probe_file(CRAFTED_DTB("gic-under-simple-bus"), &p);
	ck_assert_int_eq(p.gic.version, GIC_V2);
	ck_assert_str_eq(p.gic.compatible, "arm,cortex-a15-gic");
	ck_assert_str_eq(p.gic.path, "/soc/interrupt-controller@1000");
	assert_region(p.gic.dist, 0x10001000, 0x1000);
	assert_region(p.gic.cpu, 0x10002000, 0x2000);
	ck_assert(p.timer.present);
	ck_assert_uint_eq(p.timer.phys_intid, 30);
	ck_assert_uint_eq(p.timer.virt_intid, 27);
	ck_assert_uint_eq(p.uart_count, 1);
	ck_assert_str_eq(p.uart[0].compatible, "arm,pl011");
	ck_assert_str_eq(p.uart[0].path, "/soc/uart@9000");
	assert_region(p.uart[0].reg, 0x10009000, 0x1000);
	ck_assert_uint_eq(p.uart[0].intid, 37);
	ck_assert_int_eq(p.stdout_uart, 0);
	ck_assert_uint_eq(p.ram_count, 1);
	assert_region(p.ram[0], 0x40000000, 0x8000000);
	assert_no_errors(&p);
	assert_bootable(&p);
}
END_TEST

START_TEST(root_cells_1)
{
	struct platform p;

	probe_file(CRAFTED_DTB("root-cells-1"), &p);
	ck_assert_uint_eq(p.ram_count, 1);
	assert_region(p.ram[0], 0x80000000, 0x40000000);
	ck_assert_int_eq(p.gic.version, GIC_V2);
	ck_assert_str_eq(p.gic.compatible, "arm,gic-400");
	assert_region(p.gic.dist, 0x2c001000, 0x1000);
	assert_region(p.gic.cpu, 0x2c002000, 0x2000);
	ck_assert(p.timer.present);		/* arm,armv7-timer alone */
	ck_assert_uint_eq(p.timer.phys_intid, 30);
	ck_assert_uint_eq(p.timer.virt_intid, 27);
	ck_assert_uint_eq(p.timer.freq_hz, 0);
	ck_assert_str_eq(p.bootargs, "console=ttyAMA0 loglevel=8");
	ck_assert_uint_eq(p.uart_count, 1);
	assert_region(p.uart[0].reg, 0x1c090000, 0x1000);
	ck_assert_uint_eq(p.uart[0].intid, 37);
	/* stdout-path carries ":115200n8" options; the UART is still found. */
	ck_assert_int_eq(p.stdout_uart, 0);
	ck_assert_int_eq(p.psci, PSCI_SMC);
	ck_assert_uint_eq(p.cpu_count, 3);
	ck_assert_uint_eq(p.cpu_mpidr[0], 0x0);
	ck_assert_uint_eq(p.cpu_mpidr[1], 0x1);
	ck_assert_uint_eq(p.cpu_mpidr[2], 0x100);
	ck_assert_str_eq(p.model, "crafted root-cells-1");
	ck_assert_str_eq(p.compatible, "crafted,root-cells-1");
	assert_no_errors(&p);
	assert_bootable(&p);
}
END_TEST

START_TEST(ram_banks_high)
{
	struct platform p;

	probe_file(CRAFTED_DTB("ram-banks-high"), &p);
	ck_assert_uint_eq(p.ram_count, 3);
	assert_region(p.ram[0], 0x40000000, 0x40000000);
	assert_region(p.ram[1], 0x880000000ULL, 0x80000000);
	assert_region(p.ram[2], 0x1000000000ULL, 0x100000000ULL);
	assert_no_errors(&p);
	assert_bootable(&p);
}
END_TEST

START_TEST(ram_translated)
{
	struct platform p;

	probe_file(CRAFTED_DTB("ram-translated"), &p);
	ck_assert_uint_eq(p.ram_count, 2);
	/* ram[] is sorted, whatever the DT order. */
	assert_region(p.ram[0], 0x40000000, 0x8000000);
	assert_region(p.ram[1], 0x100000000ULL, 0x10000000);
	assert_no_errors(&p);
	assert_bootable(&p);
}
END_TEST

START_TEST(disabled_nodes)
{
	struct platform p;

	probe_file(CRAFTED_DTB("disabled-nodes"), &p);
	ck_assert_uint_eq(p.ram_count, 2);
	assert_region(p.ram[0], 0x40000000, 0x10000000);
	assert_region(p.ram[1], 0x60000000, 0x10000000);
	ck_assert_uint_eq(p.uart_count, 1);
	ck_assert_str_eq(p.uart[0].compatible, "arm,sbsa-uart");
	ck_assert_str_eq(p.uart[0].path, "/sbsa-uart@9001000");
	assert_region(p.uart[0].reg, 0x9001000, 0x1000);
	ck_assert_uint_eq(p.uart[0].intid, 34);
	ck_assert_int_eq(p.stdout_uart, 0);
	ck_assert_str_eq(p.stdout_path, "/sbsa-uart@9001000");
	assert_no_errors(&p);
	assert_bootable(&p);
}
END_TEST

START_TEST(gicv3_two_redist)
{
	struct platform p;

	probe_file(CRAFTED_DTB("gicv3-two-redist"), &p);
	ck_assert_int_eq(p.gic.version, GIC_V3);
	ck_assert_str_eq(p.gic.compatible, "arm,gic-v3");
	assert_region(p.gic.dist, 0x2f000000, 0x10000);
	ck_assert_uint_eq(p.gic.redist_count, 2);
	assert_region(p.gic.redist[0], 0x2f100000, 0x200000);
	assert_region(p.gic.redist[1], 0x2f400000, 0x100000);
	ck_assert_uint_eq(p.gic.redist_stride, 0x40000);
	ck_assert_uint_eq(p.cpu_count, 3);
	ck_assert_uint_eq(p.cpu_mpidr[0], 0x0);
	ck_assert_uint_eq(p.cpu_mpidr[1], 0x10000);
	ck_assert_uint_eq(p.cpu_mpidr[2], 0x100000000ULL);
	ck_assert(p.timer.present);
	ck_assert_uint_eq(p.timer.phys_intid, 30);
	ck_assert_uint_eq(p.timer.virt_intid, 27);
	ck_assert_uint_eq(p.ram_count, 1);
	assert_region(p.ram[0], 0x80000000, 0x80000000);
	assert_no_errors(&p);
	assert_bootable(&p);
}
END_TEST

START_TEST(timer_freq)
{
	struct platform p;

	probe_file(CRAFTED_DTB("timer-freq"), &p);
	ck_assert(p.timer.present);
	ck_assert_uint_eq(p.timer.phys_intid, 30);
	ck_assert_uint_eq(p.timer.virt_intid, 27);
	ck_assert_uint_eq(p.timer.freq_hz, 62500000);
	ck_assert_int_eq(p.gic.version, GIC_V2);
	assert_region(p.gic.dist, 0x3001000, 0x1000);
	assert_region(p.gic.cpu, 0x3002000, 0x2000);
	ck_assert(!p.xen.present);
	assert_no_errors(&p);
	assert_bootable(&p);
}
END_TEST

START_TEST(xen_hypervisor)
{
	struct platform p;

	probe_file(CRAFTED_DTB("xen-hypervisor"), &p);
	ck_assert(p.xen.present);
	ck_assert_str_eq(p.xen.version, "xen,xen-4.17");
	assert_region(p.xen.gnttab, 0x38000000, 0x1000000);
	ck_assert_uint_eq(p.xen.ext_count, 3);
	assert_region(p.xen.ext[0], 0x48000000, 0x38000000);
	assert_region(p.xen.ext[1], 0x80000000, 0x40000000);
	assert_region(p.xen.ext[2], 0x100000000ULL, 0x200000000ULL);
	ck_assert_uint_eq(p.xen.evtchn_intid, 31);
	ck_assert_int_eq(p.psci, PSCI_HVC);
	ck_assert_uint_eq(p.cpu_count, 2);
	ck_assert_uint_eq(p.cpu_mpidr[0], 0x0);
	ck_assert_uint_eq(p.cpu_mpidr[1], 0x1);
	ck_assert(p.timer.present);
	ck_assert_uint_eq(p.timer.phys_intid, 30);
	ck_assert_uint_eq(p.timer.virt_intid, 27);
	ck_assert_uint_eq(p.ram_count, 1);
	assert_region(p.ram[0], 0x40000000, 0x8000000);
	ck_assert_str_eq(platform_board_name(&p), "xenvm");
	assert_no_errors(&p);
	assert_bootable(&p);
}
END_TEST

START_TEST(no_memory)
{
	struct platform p;

	probe_file(CRAFTED_DTB("no-memory"), &p);
	ck_assert_uint_eq(p.ram_count, 0);
	ck_assert_int_eq(p.gic.version, GIC_V2);
	ck_assert(p.timer.present);
	ck_assert_uint_ge(p.error_count, 1);
	assert_unbootable(&p);
}
END_TEST

START_TEST(no_gic)
{
	struct platform p;

	probe_file(CRAFTED_DTB("no-gic"), &p);
	ck_assert_int_eq(p.gic.version, GIC_NONE);
	ck_assert_uint_eq(p.ram_count, 1);
	ck_assert_msg(has_error(&p, "/timer"), "no error naming /timer");
	assert_unbootable(&p);
}
END_TEST

START_TEST(no_timer)
{
	struct platform p;

	probe_file(CRAFTED_DTB("no-timer"), &p);
	ck_assert(!p.timer.present);
	ck_assert_int_eq(p.gic.version, GIC_V2);
	ck_assert_uint_eq(p.ram_count, 1);
	ck_assert_uint_ge(p.error_count, 1);
	assert_unbootable(&p);
}
END_TEST

START_TEST(timer_non_gic_parent)
{
	struct platform p;

	probe_file(CRAFTED_DTB("timer-non-gic-parent"), &p);
	/* The GIC at 0x8000000 is not where the timer's interrupts go. */
	ck_assert_int_eq(p.gic.version, GIC_NONE);
	ck_assert_msg(has_error(&p, "/timer") ||
		      has_error(&p, "/interrupt-controller@20000000"),
		      "no error naming /timer or its controller");
	assert_unbootable(&p);
}
END_TEST

START_TEST(timer_interrupts_short)
{
	struct platform p;

	probe_file(CRAFTED_DTB("timer-interrupts-short"), &p);
	ck_assert_msg(has_error(&p, "/timer"), "no error naming /timer");
	ck_assert(!p.timer.present);
	assert_unbootable(&p);
}
END_TEST

START_TEST(memory_reg_truncated)
{
	struct platform p;

	probe_file(CRAFTED_DTB("memory-reg-truncated"), &p);
	ck_assert_msg(has_error(&p, "/memory@40000000"), "no error naming "
		      "the memory node");
	/* A reg that does not fit the cell counts is not trusted at all. */
	ck_assert_uint_eq(p.ram_count, 0);
	assert_unbootable(&p);
}
END_TEST

START_TEST(reserved_memory)
{
	struct platform p;

	probe_file(CRAFTED_DTB("reserved-memory"), &p);
	ck_assert_uint_eq(p.reserved_count, 3);
	assert_region(p.reserved[0], 0x40000000, 0x10000);
	assert_region(p.reserved[1], 0x48000000, 0x100000);
	assert_region(p.reserved[2], 0x50000000, 0x400000);
	ck_assert_uint_eq(p.ram_count, 1);
	assert_region(p.ram[0], 0x40000000, 0x20000000);
	assert_no_errors(&p);
	assert_bootable(&p);
}
END_TEST

START_TEST(stdout_alias)
{
	struct platform p;

	probe_file(CRAFTED_DTB("stdout-alias"), &p);
	ck_assert_uint_eq(p.uart_count, 2);
	ck_assert_str_eq(p.uart[0].path, "/pl011@9000000");
	assert_region(p.uart[0].reg, 0x9000000, 0x1000);
	ck_assert_uint_eq(p.uart[0].intid, 33);
	ck_assert_str_eq(p.uart[1].path, "/pl011@9040000");
	assert_region(p.uart[1].reg, 0x9040000, 0x1000);
	ck_assert_uint_eq(p.uart[1].intid, 40);
	ck_assert_int_eq(p.stdout_uart, 1);
	ck_assert_str_eq(p.bootargs, "earlycon root=/dev/vda");
	ck_assert_int_eq(p.psci, PSCI_HVC);
	assert_no_errors(&p);
	assert_bootable(&p);
}
END_TEST

START_TEST(uart_8250)
{
	struct platform p;
	struct report r;
	unsigned int i;
	bool seen = false;

	probe_file(CRAFTED_DTB("uart-8250"), &p);
	ck_assert_uint_eq(p.uart_count, 2);
	ck_assert_str_eq(p.uart[0].compatible, "snps,dw-apb-uart");
	ck_assert_str_eq(p.uart[0].path, "/serial@1c28000");
	assert_region(p.uart[0].reg, 0x1c28000, 0x400);
	ck_assert_uint_eq(p.uart[0].intid, 32);
	ck_assert_uint_eq(p.uart[0].reg_shift, 2);
	ck_assert_uint_eq(p.uart[0].reg_io_width, 4);
	ck_assert_str_eq(p.uart[1].compatible, "ns16550a");
	ck_assert_str_eq(p.uart[1].path, "/serial@1c29000");
	assert_region(p.uart[1].reg, 0x1c29000, 0x400);
	ck_assert_uint_eq(p.uart[1].intid, 33);
	ck_assert_uint_eq(p.uart[1].reg_shift, 0);
	ck_assert_uint_eq(p.uart[1].reg_io_width, 0);
	ck_assert_int_eq(p.stdout_uart, 0);
	ck_assert_uint_eq(p.error_count, 1);
	ck_assert(has_error(&p, "/serial@1c2a000"));
	ck_assert(has_error(&p, "reg-io-width"));
	collect_report(&p, &r);
	for (i = 0; i < r.count; i++)
		if (strcmp(r.line[i], "uart dw-apb-uart /serial@1c28000 "
			   "0x1c28000 intid 32 stdout") == 0)
			seen = true;
	ck_assert_msg(seen, "no uart line for /serial@1c28000");
	assert_bootable(&p);
}
END_TEST

START_TEST(nested_bus_ranges)
{
	struct platform p;

	probe_file(CRAFTED_DTB("nested-bus-ranges"), &p);
	ck_assert_int_eq(p.gic.version, GIC_V2);
	ck_assert_str_eq(p.gic.path, "/soc/periph/interrupt-controller@1000");
	assert_region(p.gic.dist, 0x2c001000, 0x1000);
	assert_region(p.gic.cpu, 0x2c002000, 0x2000);
	ck_assert(p.timer.present);
	ck_assert_uint_eq(p.timer.phys_intid, 30);
	ck_assert_uint_eq(p.timer.virt_intid, 27);
	ck_assert_uint_eq(p.ram_count, 1);
	assert_region(p.ram[0], 0x40000000, 0x8000000);
	assert_no_errors(&p);
	assert_bootable(&p);
}
END_TEST

START_TEST(ram_too_many_banks)
{
	struct platform p;
	unsigned int i;

	probe_file(CRAFTED_DTB("ram-too-many-banks"), &p);
	ck_assert_uint_eq(p.ram_count, PLATFORM_MAX_RAM);
	for (i = 0; i < PLATFORM_MAX_RAM; i++)
		assert_region(p.ram[i], (uint64_t)(i + 1) << 32, 0x10000000);
	/* Dropping RAM must not go unsaid. */
	ck_assert_uint_ge(p.error_count, 1);
	assert_bootable(&p);
}
END_TEST

START_TEST(cpus_too_many)
{
	struct platform p;
	unsigned int i;

	probe_file(CRAFTED_DTB("cpus-too-many"), &p);
	ck_assert_uint_eq(p.cpu_count, PLATFORM_MAX_CPUS);
	for (i = 0; i < PLATFORM_MAX_CPUS; i++) {
		ck_assert_uint_eq(p.cpu_mpidr[i], i);
		ck_assert_int_eq(p.cpu_enable[i], CPU_ENABLE_PSCI);
	}
	ck_assert_int_eq(p.psci, PSCI_HVC);
	ck_assert_uint_eq(p.error_count, 1);
	ck_assert_str_eq(p.errors[0], "fdt: /cpus: the DT lists 12 CPUs, "
			 "only the first 8 are used");
	assert_bootable(&p);
}
END_TEST

/*
 * cpus-too-many cut to 9 CPUs, one past the table (_i = 0), and to 8,
 * exactly the table (_i = 1): the edge either side.
 */
START_TEST(cpus_at_the_limit)
{
	static const char *const extra[] = {
		"/cpus/cpu@b", "/cpus/cpu@a", "/cpus/cpu@9", "/cpus/cpu@8",
	};
	struct platform p;
	unsigned int i;

	probe_without(CRAFTED_DTB("cpus-too-many"), extra, 3 + _i, NULL, &p);
	ck_assert_uint_eq(p.cpu_count, PLATFORM_MAX_CPUS);
	for (i = 0; i < PLATFORM_MAX_CPUS; i++)
		ck_assert_uint_eq(p.cpu_mpidr[i], i);
	if (_i == 0) {
		ck_assert_uint_eq(p.error_count, 1);
		ck_assert_str_eq(p.errors[0], "fdt: /cpus: the DT lists 9 "
				 "CPUs, only the first 8 are used");
	} else {
		assert_no_errors(&p);
	}
	assert_bootable(&p);
}
END_TEST

START_TEST(redist_regions_overrun)
{
	struct platform p;

	probe_file(CRAFTED_DTB("redist-regions-overrun"), &p);
	ck_assert_msg(has_error(&p, "/interrupt-controller@8000000"),
		      "no error naming the GIC node");
	ck_assert_uint_le(p.gic.redist_count, 2);
	if (p.gic.version == GIC_V3) {
		/* Lenient: the two regions that exist, nothing invented. */
		ck_assert_uint_eq(p.gic.redist_count, 2);
		assert_region(p.gic.redist[0], 0x80a0000, 0x100000);
		assert_region(p.gic.redist[1], 0x8200000, 0x100000);
	} else {
		/* Strict, as Linux: the GIC is refused. */
		ck_assert_int_eq(p.gic.version, GIC_NONE);
		assert_unbootable(&p);
	}
}
END_TEST

START_TEST(xen_too_many_ext)
{
	struct platform p;
	unsigned int i;

	probe_file(CRAFTED_DTB("xen-too-many-ext"), &p);
	ck_assert(p.xen.present);
	assert_region(p.xen.gnttab, 0x38000000, 0x1000000);
	ck_assert_uint_eq(p.xen.ext_count, PLATFORM_MAX_XEN_EXT);
	for (i = 0; i < PLATFORM_MAX_XEN_EXT; i++)
		assert_region(p.xen.ext[i], (uint64_t)(i + 1) << 32,
			      0x10000000);
	ck_assert_uint_eq(p.xen.evtchn_intid, 31);
	assert_bootable(&p);
}
END_TEST

/* s must be a terminated prefix of full, shorter than its buffer. */
static void assert_truncated(const char *s, size_t bufsize, const char *full)
{
	size_t len = strnlen(s, bufsize);

	ck_assert_msg(len < bufsize, "not terminated within its buffer");
	ck_assert_msg(strncmp(s, full, len) == 0, "'%s' is not a prefix of "
		      "'%s'", s, full);
}

START_TEST(long_strings)
{
	static const char uart_path[] =
		"/bus-with-a-rather-long-name-to-push-the-path-length@0"
		"/serial-port-with-an-even-longer-name-for-testing@9000000";
	char bootargs[1400] = "", cut[80];
	struct platform p;
	unsigned int i;
	bool said = false;

	for (i = 0; i < 100; i++) {
		char opt[20];

		snprintf(opt, sizeof(opt), "%sopt%03u=value", i ? " " : "", i);
		strcat(bootargs, opt);
	}
	ck_assert_uint_eq(strlen(bootargs), 1299);

	probe_file(CRAFTED_DTB("long-strings"), &p);
	assert_truncated(p.bootargs, PLATFORM_BOOTARGS_LEN, bootargs);
	/* A cut command line is said, never silent. */
	snprintf(cut, sizeof(cut), "bootargs of %zu bytes cut to %d",
		 strlen(bootargs), PLATFORM_BOOTARGS_LEN - 1);
	for (i = 0; i < p.error_count; i++)
		said |= strstr(p.errors[i], cut) != NULL;
	ck_assert_msg(said, "no error '%s'", cut);
	assert_truncated(p.model, PLATFORM_NAME_LEN,
			 "crafted long-strings: a model string that is much "
			 "longer than the sixty-four bytes kept");
	assert_truncated(p.stdout_path, PLATFORM_PATH_LEN, uart_path);
	ck_assert_uint_le(p.uart_count, 1);
	for (i = 0; i < p.uart_count; i++) {
		assert_truncated(p.uart[i].path, PLATFORM_PATH_LEN,
				 uart_path);
		/* "/" would name the root node, not this UART. */
		ck_assert_str_ne(p.uart[i].path, "/");
		assert_region(p.uart[i].reg, 0x9000000, 0x1000);
	}
	ck_assert_ptr_nonnull(platform_board_name(&p));
	ck_assert_uint_lt(strnlen(platform_board_name(&p), PLATFORM_NAME_LEN),
			  PLATFORM_NAME_LEN);
	assert_bootable(&p);
}
END_TEST

Suite *probe_crafted_suite(void)
{
	Suite *s = suite_create("probe-crafted");
	TCase *ok = tcase_create("bootable");
	TCase *bad = tcase_create("unbootable");

	tcase_add_test(ok, gicv3_4cell);
	tcase_add_test(ok, psci_0_1);
	tcase_add_test(ok, psci_0_1_no_ids);
	tcase_add_test(ok, timer_interrupts_extended);
	tcase_add_test(ok, gic_under_simple_bus);
	tcase_add_test(ok, root_cells_1);
	tcase_add_test(ok, ram_banks_high);
	tcase_add_test(ok, ram_translated);
	tcase_add_test(ok, disabled_nodes);
	tcase_add_test(ok, gicv3_two_redist);
	tcase_add_test(ok, timer_freq);
	tcase_add_test(ok, xen_hypervisor);
	tcase_add_test(ok, reserved_memory);
	tcase_add_test(ok, stdout_alias);
	tcase_add_test(ok, uart_8250);
	tcase_add_test(ok, nested_bus_ranges);
	tcase_add_test(ok, ram_too_many_banks);
	tcase_add_test(ok, cpus_too_many);
	tcase_add_loop_test(ok, cpus_at_the_limit, 0, 2);
	tcase_add_test(ok, cpus_enable_methods);
	tcase_add_test(ok, xen_too_many_ext);
	tcase_add_test(ok, long_strings);
	suite_add_tcase(s, ok);

	tcase_add_test(bad, no_memory);
	tcase_add_test(bad, no_gic);
	tcase_add_test(bad, no_timer);
	tcase_add_test(bad, timer_non_gic_parent);
	tcase_add_test(bad, timer_interrupts_short);
	tcase_add_test(bad, memory_reg_truncated);
	tcase_add_test(bad, redist_regions_overrun);
	suite_add_tcase(s, bad);
	return s;
}
