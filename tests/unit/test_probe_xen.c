/*
 * DTBs that Xen 4.17 generated for its guests (tests/data/xen): dom0less
 * domUs (Xen's fixed guest layout) and dom0 (the host's layout); and the
 * ones libxl built for `xl create` guests (tests/data/xl).  Every expected
 * value was read from `dtc -I dtb -O dts` of the blob; see also the
 * README.md next to them and /work/shared/xen-qemu.md.
 */
#include <stdio.h>
#include <string.h>

#include "helpers.h"

struct xen_case {
	const char *dir;		/* under tests/data */
	const char *name;
	uint64_t ram_base, ram_size;
	enum gic_version gic;
	const char *gic_path;
	const char *gic_compatible;
	struct region dist;
	struct region cpu_or_redist;	/* GICv2 CPU i/f, GICv3 redist[0] */
	unsigned int cpus;
	const char *uart_path;		/* vpl011's node, NULL: none */
	bool xen;
	struct region gnttab;
	unsigned int ext_count;
	struct region ext[2];
	uint32_t evtchn;
	const char *bootargs;
};

#define DOMU_GICV2 GIC_V2, "/interrupt-controller@3001000", "arm,gic-400", \
	{ 0x3001000, 0x1000 }, { 0x3002000, 0x2000 }
#define DOMU_GICV3 GIC_V3, "/interrupt-controller@3001000", "arm,gic-v3", \
	{ 0x3001000, 0x10000 }, { 0x3020000, 0x1000000 }
/* The /hypervisor node of a dom0less domU with xen,enhanced. */
#define DOMU_XEN true, { 0x38000000, 0x1000000 }, 2, \
	{ { 0x48000000, 0xb8000000 }, { 0x200000000ULL, 0xfe00000000ULL } }, 31
#define NO_XEN false, { 0, 0 }, 0, { { 0, 0 }, { 0, 0 } }, 0
/* xl guests (memory=16): extended regions start right after RAM. */
#define XL_XEN true, { 0x38000000, 0x1000000 }, 2, \
	{ { 0x41000000, 0xbf000000 }, { 0x200000000ULL, 0xfe00000000ULL } }, 31
#define XL_GICV2 GIC_V2, "/interrupt-controller@3001000", \
	"arm,cortex-a15-gic", { 0x3001000, 0x1000 }, { 0x3002000, 0x2000 }
#define VPL011 "/sbsa-uart@22000000"
#define XL_VUART "/sbsa-pl011"
/*
 * dom0: the host's (QEMU virt's) GIC and Xen's grant/extended regions;
 * Xen wrote the event channel as PPI 0 (<1 0 0xf08>), so INTID 16.
 */
#define DOM0_XEN true, { 0x40200000, 0x40000 }, 2, \
	{ { 0x40400000, 0x17c00000 }, { 0x60000000, 0x60000000 } }, 16

static const struct xen_case xen_cases[] = {
	{ "xen", "domu-gicv2", 0x40000000, 0x8000000, DOMU_GICV2, 1, NULL,
	  NO_XEN, "" },
	{ "xen", "domu-gicv3", 0x40000000, 0x8000000, DOMU_GICV3, 1, NULL,
	  NO_XEN, "" },
	{ "xen", "domu-16m-gicv3", 0x40000000, 0x1000000, DOMU_GICV3, 1, NULL,
	  NO_XEN, "" },
	{ "xen", "domu-gicv2-vpl011", 0x40000000, 0x8000000, DOMU_GICV2, 1,
	  VPL011, NO_XEN, "console=ttyAMA0" },
	{ "xen", "domu-gicv3-vpl011", 0x40000000, 0x8000000, DOMU_GICV3, 1,
	  VPL011, NO_XEN, "console=ttyAMA0" },
	{ "xen", "domu-enhanced-gicv2", 0x40000000, 0x8000000, DOMU_GICV2, 1,
	  NULL, DOMU_XEN, "console=hvc0" },
	{ "xen", "domu-enhanced-gicv3", 0x40000000, 0x8000000, DOMU_GICV3, 1,
	  NULL, DOMU_XEN, "console=hvc0" },
	{ "xen", "dom0-gicv2", 0x58000000, 0x8000000, GIC_V2,
	  "/interrupt-controller", "arm,cortex-a15-gic",
	  { 0x8000000, 0x10000 }, { 0x8010000, 0x10000 }, 2, NULL,
	  DOM0_XEN, "console=hvc0" },
	{ "xen", "dom0-gicv3", 0x58000000, 0x8000000, GIC_V3,
	  "/interrupt-controller", "arm,gic-v3",
	  { 0x8000000, 0x10000 }, { 0x80a0000, 0xf60000 }, 2, NULL,
	  DOM0_XEN, "console=hvc0" },
	/* xl create with the seed's config (memory=16), and vuart. */
	{ "xl", "gicv2", 0x40000000, 0x1000000, XL_GICV2, 1, NULL,
	  XL_XEN, "" },
	{ "xl", "gicv2-vuart", 0x40000000, 0x1000000, XL_GICV2, 1, XL_VUART,
	  XL_XEN, "" },
	{ "xl", "gicv3", 0x40000000, 0x1000000, DOMU_GICV3, 1, NULL,
	  XL_XEN, "" },
	{ "xl", "gicv3-vuart", 0x40000000, 0x1000000, DOMU_GICV3, 1, XL_VUART,
	  XL_XEN, "" },
};

#define XEN_CASES (int)(sizeof(xen_cases) / sizeof(xen_cases[0]))

static void assert_region(struct region r, struct region want)
{
	ck_assert_uint_eq(r.base, want.base);
	ck_assert_uint_eq(r.size, want.size);
}

START_TEST(xen_guest)
{
	const struct xen_case *c = &xen_cases[_i];
	char path[256];
	struct platform p;
	unsigned int i;

	snprintf(path, sizeof(path), "tests/data/%s/%s.dtb", c->dir, c->name);
	probe_file(path, &p);

	ck_assert_uint_eq(p.ram_count, 1);
	ck_assert_uint_eq(p.ram[0].base, c->ram_base);
	ck_assert_uint_eq(p.ram[0].size, c->ram_size);

	ck_assert_int_eq(p.gic.version, c->gic);
	ck_assert_str_eq(p.gic.path, c->gic_path);
	ck_assert_str_eq(p.gic.compatible, c->gic_compatible);
	ck_assert_uint_eq(p.gic.interrupt_cells, 3);
	assert_region(p.gic.dist, c->dist);
	if (c->gic == GIC_V2) {
		assert_region(p.gic.cpu, c->cpu_or_redist);
	} else {
		/* No #redistributor-regions: one region by default. */
		ck_assert_uint_eq(p.gic.redist_count, 1);
		assert_region(p.gic.redist[0], c->cpu_or_redist);
		ck_assert_uint_eq(p.gic.redist_stride, 0);
	}

	/* 3 entries, flags 0xf08: PPI 13, 14, 11. */
	ck_assert(p.timer.present);
	ck_assert_uint_eq(p.timer.phys_intid, 30);
	ck_assert_uint_eq(p.timer.virt_intid, 27);
	ck_assert_uint_eq(p.timer.freq_hz, 0);

	ck_assert_int_eq(p.psci, PSCI_HVC);
	ck_assert(p.psci_0_2);
	ck_assert(!p.xen.found_by_smccc);
	ck_assert_uint_eq(p.psci_cpu_on, 0xc4000003);
	ck_assert_uint_eq(p.psci_cpu_off, 0x84000002);
	ck_assert_uint_eq(p.cpu_count, c->cpus);
	/* Xen writes enable-method = "psci" on every CPU, even one. */
	for (i = 0; i < c->cpus; i++) {
		ck_assert_uint_eq(p.cpu_mpidr[i], i);
		ck_assert_int_eq(p.cpu_enable[i], CPU_ENABLE_PSCI);
	}

	if (c->uart_path) {
		ck_assert_uint_eq(p.uart_count, 1);
		ck_assert_str_eq(p.uart[0].compatible, "arm,sbsa-uart");
		ck_assert_str_eq(p.uart[0].path, c->uart_path);
		ck_assert_uint_eq(p.uart[0].reg.base, 0x22000000);
		ck_assert_uint_eq(p.uart[0].reg.size, 0x1000);
		ck_assert_uint_eq(p.uart[0].intid, 32);	/* SPI 0 */
	} else {
		/* dom0: Xen keeps the host's pl011 for itself; domUs
		 * without vpl011 or vuart have none. */
		ck_assert_uint_eq(p.uart_count, 0);
	}
	/* No stdout-path in any of them. */
	ck_assert_int_eq(p.stdout_uart, -1);
	ck_assert_str_eq(p.stdout_path, "");
	ck_assert_str_eq(p.bootargs, c->bootargs);

	ck_assert_int_eq(p.xen.present, c->xen);
	if (c->xen) {
		ck_assert_str_eq(p.xen.version, "xen,xen-4.17");
		assert_region(p.xen.gnttab, c->gnttab);
		ck_assert_uint_eq(p.xen.ext_count, c->ext_count);
		for (i = 0; i < c->ext_count; i++)
			assert_region(p.xen.ext[i], c->ext[i]);
		ck_assert_uint_eq(p.xen.evtchn_intid, c->evtchn);
		ck_assert_str_eq(platform_board_name(&p), "xenvm");
	} else {
		/* What the kernel records when Xen answers the SMCCC UID. */
		ck_assert_str_ne(platform_board_name(&p), "xenvm");
		p.xen.found_by_smccc = true;
		ck_assert_str_eq(platform_board_name(&p), "xenvm");
		p.xen.found_by_smccc = false;
	}

	ck_assert_msg(p.error_count == 0, "%u errors, first: %s",
		      p.error_count, p.error_count ? p.errors[0] : "");
	ck_assert_ptr_null(platform_unbootable_reason(&p));
	ck_assert_ptr_nonnull(platform_board_name(&p));
	ck_assert_uint_gt(strlen(platform_board_name(&p)), 0);
}
END_TEST

/* Every blob stored in tests/data/xen and tests/data/xl is listed above. */
static void assert_covered(const char *dir)
{
	const char *names[XEN_CASES];
	char path[64];
	int i, n = 0;

	for (i = 0; i < XEN_CASES; i++)
		if (strcmp(xen_cases[i].dir, dir) == 0)
			names[n++] = xen_cases[i].name;
	snprintf(path, sizeof(path), "tests/data/%s", dir);
	assert_dir_covered(path, ".dtb", names, n);
}

START_TEST(xen_all_files_covered)
{
	assert_covered("xen");
	assert_covered("xl");
}
END_TEST

Suite *probe_xen_suite(void)
{
	Suite *s = suite_create("probe-xen");
	TCase *tc = tcase_create("guests");

	tcase_add_loop_test(tc, xen_guest, 0, XEN_CASES);
	tcase_add_test(tc, xen_all_files_covered);
	suite_add_tcase(s, tc);
	return s;
}
