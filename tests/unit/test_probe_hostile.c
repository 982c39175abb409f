/*
 * Crafted trees (tests/data/crafted/) whose values, taken as they are,
 * would make the kernel hand out a page twice, map Xen's frames over its
 * own memory or index GIC registers out of range.  The probe must fix
 * them up or refuse them by name.
 */
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include "helpers.h"

static void assert_region(struct region r, uint64_t base, uint64_t size)
{
	ck_assert_uint_eq(r.base, base);
	ck_assert_uint_eq(r.size, size);
}

START_TEST(ram_overlap_merged)
{
	struct platform p;
	unsigned int i;

	probe_file(CRAFTED_DTB("ram-overlap"), &p);
	ck_assert_uint_eq(p.ram_count, 3);
	assert_region(p.ram[0], 0x20000000, 0x1000000);
	assert_region(p.ram[1], 0x40000000, 0x22000000);
	assert_region(p.ram[2], 0x80000000, 0x1000000);
	for (i = 1; i < p.ram_count; i++)
		ck_assert_uint_gt(p.ram[i].base,
				  p.ram[i - 1].base + p.ram[i - 1].size);
	ck_assert(has_error(&p, "/memory@fffffffffffff000: RAM bank "
			    "0xfffffffffffff000 size 0x2000 wraps around"));
	ck_assert_uint_eq(p.error_count, 1);
	ck_assert_ptr_null(platform_unbootable_reason(&p));
}
END_TEST

START_TEST(xen_regions_overlapping_ram_dropped)
{
	struct platform p;

	probe_file(CRAFTED_DTB("xen-regions-overlap"), &p);
	ck_assert(p.xen.present);
	assert_region(p.xen.gnttab, 0, 0);
	ck_assert_uint_eq(p.xen.ext_count, 1);
	assert_region(p.xen.ext[0], 0x80000000, 0x40000000);
	ck_assert_uint_eq(p.xen.evtchn_intid, 31);
	ck_assert(has_error(&p, "grant-table region 0x47000000 size "
			    "0x2000000 overlaps RAM 0x40000000-0x48000000"));
	ck_assert(has_error(&p, "extended region 0x3f000000 size 0x2000000 "
			    "overlaps RAM"));
	ck_assert_uint_eq(p.error_count, 2);
}
END_TEST

/* The kernel's own check, for its image, which the probe cannot know. */
START_TEST(xen_regions_overlapping_image_dropped)
{
	struct platform p;

	probe_file(CRAFTED_DTB("xen-hypervisor"), &p);
	ck_assert_uint_eq(p.xen.ext_count, 3);
	/* Clear of every region: nothing dropped. */
	ck_assert_uint_eq(platform_xen_drop_overlaps(&p, 0x40080000,
						     0x100000, "the image"), 0);
	ck_assert_uint_eq(platform_xen_drop_overlaps(&p, 0x38fff000, 0x2000,
						     "the image"), 1);
	assert_region(p.xen.gnttab, 0, 0);
	ck_assert(has_error(&p, "grant-table region 0x38000000 size "
			    "0x1000000 overlaps the image"));
	ck_assert_uint_eq(platform_xen_drop_overlaps(&p, 0x80000000, 1,
						     "the image"), 1);
	ck_assert_uint_eq(p.xen.ext_count, 2);
	assert_region(p.xen.ext[0], 0x48000000, 0x38000000);
	assert_region(p.xen.ext[1], 0x100000000ULL, 0x200000000ULL);
}
END_TEST

START_TEST(gic_extended_intid_refused)
{
	struct platform p;

	probe_file(CRAFTED_DTB("gic-extended-intid"), &p);
	ck_assert_int_eq(p.gic.version, GIC_V3);
	ck_assert(!p.timer.present);
	ck_assert(has_error(&p, "/timer: interrupt 2: extended INTID 1067 is "
			    "not supported"));
	ck_assert_uint_eq(p.uart_count, 1);
	ck_assert_uint_eq(p.uart[0].intid, 0);
	ck_assert(has_error(&p, "/uart@9000000: interrupt 0: extended INTID "
			    "4101 is not supported"));
	ck_assert_ptr_nonnull(platform_unbootable_reason(&p));
}
END_TEST

/*
 * gicv3-two-redist (stride 0x40000, regions 0x2f100000/0x200000 and
 * 0x2f400000/0x100000) with property name of the GIC set to value
 * (len bytes), probed.
 */
static void probe_gic_variant(const char *name, const void *value, int len,
			      struct platform *p)
{
	size_t size;
	void *orig = load_file(CRAFTED_DTB("gicv3-two-redist"), &size);
	int bufsize = (int)size + 256;
	void *fdt = malloc((size_t)bufsize);
	int gic;

	ck_assert_ptr_nonnull(fdt);
	ck_assert_int_eq(fdt_open_into(orig, fdt, bufsize), 0);
	gic = fdt_path_offset(fdt, "/interrupt-controller@2f000000");
	ck_assert_int_ge(gic, 0);
	ck_assert_int_eq(fdt_setprop(fdt, gic, name, value, len), 0);
	ck_assert_int_eq(fdt_probe(fdt, (size_t)bufsize, p), 0);
	check_errors_sane(p);
	free(fdt);
	free(orig);
}

static void probe_stride(uint64_t stride, struct platform *p)
{
	fdt64_t be = cpu_to_fdt64(stride);

	probe_gic_variant("redistributor-stride", &be, 8, p);
}

START_TEST(redist_stride_checked)
{
	static const uint64_t bad[] = { 0, 0x8000, 0x10000, 0x18000,
					0x30001, 0x20001 };
	struct platform p;
	fdt32_t be32;
	unsigned int i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		probe_stride(bad[i], &p);
		ck_assert_msg(p.gic.version == GIC_NONE,
			      "stride 0x%llx taken",
			      (unsigned long long)bad[i]);
		ck_assert(has_error(&p, "is not a multiple of 64 KiB of at "
				    "least 128 KiB"));
		ck_assert_ptr_nonnull(platform_unbootable_reason(&p));
	}
	/* Two frames, and four (GICv4's VLPI frames): fine. */
	probe_stride(0x20000, &p);
	ck_assert_int_eq(p.gic.version, GIC_V3);
	ck_assert_uint_eq(p.gic.redist_stride, 0x20000);
	ck_assert_uint_eq(p.gic.redist_count, 2);
	be32 = cpu_to_fdt32(0x40000);
	probe_gic_variant("redistributor-stride", &be32, 4, &p);
	ck_assert_int_eq(p.gic.version, GIC_V3);
	ck_assert_uint_eq(p.gic.redist_stride, 0x40000);
	probe_gic_variant("redistributor-stride", &be32, 2, &p);
	ck_assert_int_eq(p.gic.version, GIC_NONE);
	ck_assert(has_error(&p, "redistributor-stride is 2 bytes"));
}
END_TEST

START_TEST(redist_region_size_checked)
{
	/* GICD, then region 1 replaced; region 0 as in the DTS. */
	static const uint32_t bad_region1[][4] = {
		{ 0x0, 0x2f400000, 0x0, 0x10000 },	/* one frame */
		{ 0x0, 0x2f400000, 0x0, 0x0 },		/* empty */
		{ 0x0, 0x2f408000, 0x0, 0x100000 },	/* base mid-frame */
		{ 0x0, 0x2f400000, 0x0, 0x28000 },	/* half a frame */
		{ 0xffffffff, 0xffff0000, 0x0, 0x20000 },	/* wraps */
	};
	struct platform p;
	unsigned int i, k;

	for (i = 0; i < sizeof(bad_region1) / sizeof(bad_region1[0]); i++) {
		uint32_t reg[12] = { 0x0, 0x2f000000, 0x0, 0x10000,
				     0x0, 0x2f100000, 0x0, 0x200000 };
		fdt32_t be[12];

		memcpy(&reg[8], bad_region1[i], sizeof(bad_region1[i]));
		for (k = 0; k < 12; k++)
			be[k] = cpu_to_fdt32(reg[k]);
		probe_gic_variant("reg", be, sizeof(be), &p);
		ck_assert_msg(p.gic.version == GIC_NONE, "region %u taken", i);
		ck_assert(has_error(&p, "redistributor region 1 "));
	}
}
END_TEST

Suite *probe_hostile_suite(void)
{
	Suite *s = suite_create("probe-hostile");
	TCase *tc = tcase_create("crafted");

	tcase_add_test(tc, ram_overlap_merged);
	tcase_add_test(tc, xen_regions_overlapping_ram_dropped);
	tcase_add_test(tc, xen_regions_overlapping_image_dropped);
	tcase_add_test(tc, gic_extended_intid_refused);
	tcase_add_test(tc, redist_stride_checked);
	tcase_add_test(tc, redist_region_size_checked);
	suite_add_tcase(s, tc);
	return s;
}
