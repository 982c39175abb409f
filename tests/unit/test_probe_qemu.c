/*
 * QEMU's own virt DTBs (tests/data/qemu).  Every expected value here was
 * read from `dtc -I dtb -O dts` of the blob; tests/data/qemu/README.md
 * lists them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include "helpers.h"

struct qemu_case {
	const char *path;
	enum gic_version gic;
	uint64_t ram_size;
	unsigned int cpus;
	enum psci_method psci;
};

static const struct qemu_case qemu_cases[] = {
	{ QEMU_DTB("virt-gicv2-smp1-512M"), GIC_V2, 0x20000000, 1, PSCI_HVC },
	{ QEMU_DTB("virt-gicv2-smp1-3G"), GIC_V2, 0xc0000000, 1, PSCI_HVC },
	{ QEMU_DTB("virt-gicv2-smp4-512M"), GIC_V2, 0x20000000, 4, PSCI_HVC },
	{ QEMU_DTB("virt-gicv2-smp4-3G"), GIC_V2, 0xc0000000, 4, PSCI_HVC },
	{ QEMU_DTB("virt-gicv3-smp1-512M"), GIC_V3, 0x20000000, 1, PSCI_HVC },
	{ QEMU_DTB("virt-gicv3-smp1-3G"), GIC_V3, 0xc0000000, 1, PSCI_HVC },
	{ QEMU_DTB("virt-gicv3-smp4-512M"), GIC_V3, 0x20000000, 4, PSCI_HVC },
	{ QEMU_DTB("virt-gicv3-smp4-3G"), GIC_V3, 0xc0000000, 4, PSCI_HVC },
	{ QEMU_DTB("virt-el2-gicv2-smp1-512M"), GIC_V2, 0x20000000, 1,
	  PSCI_SMC },
	{ QEMU_DTB("virt-el2-gicv3-smp1-512M"), GIC_V3, 0x20000000, 1,
	  PSCI_SMC },
};

#define QEMU_CASES (int)(sizeof(qemu_cases) / sizeof(qemu_cases[0]))

START_TEST(qemu_virt)
{
	const struct qemu_case *c = &qemu_cases[_i];
	struct platform p;
	unsigned int i;

	probe_file(c->path, &p);

	ck_assert_str_eq(p.model, "linux,dummy-virt");
	ck_assert_str_eq(p.compatible, "linux,dummy-virt");

	ck_assert_uint_eq(p.ram_count, 1);
	ck_assert_uint_eq(p.ram[0].base, 0x40000000);
	ck_assert_uint_eq(p.ram[0].size, c->ram_size);
	ck_assert_uint_eq(p.reserved_count, 0);

	ck_assert_int_eq(p.gic.version, c->gic);
	ck_assert_str_eq(p.gic.path, "/intc@8000000");
	ck_assert_uint_eq(p.gic.interrupt_cells, 3);
	ck_assert_uint_eq(p.gic.dist.base, 0x8000000);
	ck_assert_uint_eq(p.gic.dist.size, 0x10000);
	if (c->gic == GIC_V2) {
		ck_assert_str_eq(p.gic.compatible, "arm,cortex-a15-gic");
		ck_assert_uint_eq(p.gic.cpu.base, 0x8010000);
		ck_assert_uint_eq(p.gic.cpu.size, 0x10000);
		ck_assert_uint_eq(p.gic.redist_count, 0);
	} else {
		ck_assert_str_eq(p.gic.compatible, "arm,gic-v3");
		ck_assert_uint_eq(p.gic.redist_count, 1);
		ck_assert_uint_eq(p.gic.redist[0].base, 0x80a0000);
		ck_assert_uint_eq(p.gic.redist[0].size, 0xf60000);
		ck_assert_uint_eq(p.gic.redist_stride, 0);
	}

	ck_assert(p.timer.present);
	ck_assert_uint_eq(p.timer.phys_intid, 30);	/* entry 1: PPI 14 */
	ck_assert_uint_eq(p.timer.virt_intid, 27);	/* PPI 11 */
	ck_assert_uint_eq(p.timer.freq_hz, 0);

	ck_assert(!p.xen.present);

	ck_assert_int_eq(p.psci, c->psci);
	ck_assert(p.psci_0_2);
	ck_assert_uint_eq(p.psci_cpu_on, 0xc4000003);
	ck_assert_uint_eq(p.psci_cpu_off, 0x84000002);
	ck_assert_uint_eq(p.cpu_count, c->cpus);
	/* QEMU writes enable-method = "psci" only with -smp 2 and more. */
	for (i = 0; i < c->cpus; i++) {
		ck_assert_uint_eq(p.cpu_mpidr[i], i);
		ck_assert_int_eq(p.cpu_enable[i], c->cpus > 1 ?
				 CPU_ENABLE_PSCI : CPU_ENABLE_NONE);
	}

	ck_assert_uint_eq(p.uart_count, 1);
	ck_assert_str_eq(p.uart[0].compatible, "arm,pl011");
	ck_assert_str_eq(p.uart[0].path, "/pl011@9000000");
	ck_assert_uint_eq(p.uart[0].reg.base, 0x9000000);
	ck_assert_uint_eq(p.uart[0].reg.size, 0x1000);
	ck_assert_uint_eq(p.uart[0].intid, 33);		/* SPI 1 */
	ck_assert_int_eq(p.stdout_uart, 0);
	ck_assert_str_eq(p.stdout_path, "/pl011@9000000");
	ck_assert_str_eq(p.bootargs, "");

	ck_assert_msg(p.error_count == 0, "%u errors, first: %s",
		      p.error_count, p.error_count ? p.errors[0] : "");
	ck_assert_ptr_null(platform_unbootable_reason(&p));
}
END_TEST

START_TEST(qemu_all_files_covered)
{
	/* qemu_cases[].path is tests/data/qemu/NAME.dtb */
	static char buf[QEMU_CASES][64];
	const char *names[QEMU_CASES];
	int i;

	for (i = 0; i < QEMU_CASES; i++) {
		const char *base = strrchr(qemu_cases[i].path, '/') + 1;

		snprintf(buf[i], sizeof(buf[i]), "%.*s",
			 (int)(strlen(base) - 4), base);
		names[i] = buf[i];
	}
	assert_dir_covered("tests/data/qemu", ".dtb", names, QEMU_CASES);
}
END_TEST

START_TEST(qemu_board_name)
{
	struct platform p;
	const char *name;

	probe_file(qemu_cases[_i].path, &p);
	name = platform_board_name(&p);
	ck_assert_ptr_nonnull(name);
	ck_assert_uint_gt(strlen(name), 0);
	ck_assert_uint_lt(strlen(name), PLATFORM_NAME_LEN);
	/* Derived from "linux,dummy-virt"; not a Xen guest. */
	ck_assert_msg(strstr(name, "virt") != NULL, "board name '%s'", name);
	ck_assert_str_ne(name, "xenvm");
}
END_TEST

/*
 * Every GICv2-family compatible from the binding, set on QEMU's GICv2
 * node with libfdt, must give a GICv2 at the same addresses.
 */
static const char *const gicv2_compatibles[] = {
	"arm,gic-400", "arm,cortex-a15-gic", "arm,cortex-a9-gic",
	"arm,cortex-a7-gic", "arm,pl390", "qcom,msm-qgic2",
	"arm,arm11mp-gic", "arm,arm1176jzf-devchip-gic", "arm,eb11mp-gic",
	"arm,tc11mp-gic", "brcm,brahma-b15-gic", "nvidia,tegra210-agic",
	"qcom,msm-8660-qgic",
};

#define GICV2_COMPATIBLES \
	(int)(sizeof(gicv2_compatibles) / sizeof(gicv2_compatibles[0]))

/* QEMU's GICv2 DTB with the GIC's compatible replaced by value/len. */
static void probe_with_gic_compatible(const char *value, int len,
				      struct platform *p)
{
	size_t size;
	void *orig = load_file(QEMU_DTB("virt-gicv2-smp1-512M"), &size);
	size_t bufsize = size + 4096;
	void *blob = malloc(bufsize);
	int node, rc;

	ck_assert_ptr_nonnull(blob);
	ck_assert_int_eq(fdt_open_into(orig, blob, (int)bufsize), 0);
	free(orig);
	node = fdt_path_offset(blob, "/intc@8000000");
	ck_assert_int_ge(node, 0);
	ck_assert_int_eq(fdt_setprop(blob, node, "compatible", value, len),
			 0);
	ck_assert_int_eq(fdt_pack(blob), 0);

	memset(p, 0, sizeof(*p));
	rc = fdt_probe(blob, fdt_totalsize(blob), p);
	free(blob);
	ck_assert_int_eq(rc, 0);
	check_errors_sane(p);
}

START_TEST(gicv2_compatible_family)
{
	const char *compat = gicv2_compatibles[_i];
	struct platform p;

	probe_with_gic_compatible(compat, (int)strlen(compat) + 1, &p);
	ck_assert_int_eq(p.gic.version, GIC_V2);
	ck_assert_str_eq(p.gic.compatible, compat);
	ck_assert_uint_eq(p.gic.dist.base, 0x8000000);
	ck_assert_uint_eq(p.gic.cpu.base, 0x8010000);
	ck_assert_ptr_null(platform_unbootable_reason(&p));
}
END_TEST

START_TEST(gic_compatible_second_in_list)
{
	static const char compat[] = "vendor,future-gic\0arm,gic-400";
	struct platform p;

	probe_with_gic_compatible(compat, sizeof(compat), &p);
	ck_assert_int_eq(p.gic.version, GIC_V2);
	ck_assert_str_eq(p.gic.compatible, "arm,gic-400");
}
END_TEST

START_TEST(gic_compatible_unknown)
{
	static const char compat[] = "vendor,future-gic";
	struct platform p;

	probe_with_gic_compatible(compat, sizeof(compat), &p);
	ck_assert_int_eq(p.gic.version, GIC_NONE);
	ck_assert_uint_ge(p.error_count, 1);
	ck_assert_ptr_nonnull(platform_unbootable_reason(&p));
	ck_assert_uint_gt(strlen(platform_unbootable_reason(&p)), 0);
}
END_TEST

/* fdt_probe() must fill the whole struct whatever it held before. */
START_TEST(probe_resets_struct)
{
	struct platform a, b;
	size_t size;
	void *blob = load_file(QEMU_DTB("virt-gicv3-smp4-3G"), &size);

	memset(&a, 0, sizeof(a));
	memset(&b, 0xff, sizeof(b));
	ck_assert_int_eq(fdt_probe(blob, size, &a), 0);
	ck_assert_int_eq(fdt_probe(blob, size, &b), 0);
	free(blob);
	ck_assert_uint_eq(a.ram_count, b.ram_count);
	ck_assert_uint_eq(a.error_count, b.error_count);
	ck_assert_uint_eq(a.uart_count, b.uart_count);
	ck_assert_uint_eq(a.cpu_count, b.cpu_count);
	ck_assert_mem_eq(a.cpu_enable, b.cpu_enable, sizeof(a.cpu_enable));
	ck_assert_uint_eq(a.psci_cpu_on, b.psci_cpu_on);
	ck_assert_uint_eq(a.reserved_count, b.reserved_count);
	ck_assert_uint_eq(a.gic.redist_count, b.gic.redist_count);
	ck_assert_uint_eq(a.xen.ext_count, b.xen.ext_count);
	ck_assert_int_eq(a.xen.present, b.xen.present);
	ck_assert_str_eq(a.bootargs, b.bootargs);
	ck_assert_str_eq(a.stdout_path, b.stdout_path);
}
END_TEST

Suite *probe_qemu_suite(void)
{
	Suite *s = suite_create("probe-qemu");
	TCase *tc = tcase_create("virt");

	tcase_add_loop_test(tc, qemu_virt, 0, QEMU_CASES);
	tcase_add_loop_test(tc, qemu_board_name, 0, QEMU_CASES);
	tcase_add_test(tc, qemu_all_files_covered);
	tcase_add_loop_test(tc, gicv2_compatible_family, 0,
			    GICV2_COMPATIBLES);
	tcase_add_test(tc, gic_compatible_second_in_list);
	tcase_add_test(tc, gic_compatible_unknown);
	tcase_add_test(tc, probe_resets_struct);
	suite_add_tcase(s, tc);
	return s;
}
