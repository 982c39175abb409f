/*
 * Real-time clocks: what the probe records (the crafted trees rtc-pl031
 * and rtc-bad-reg, QEMU's virt machine, Xen's DTBs: dom0 has the host's
 * PL031, a domU none), the report's line, and the registry and the PL031
 * driver (drivers/rtc.c, drivers/pl031.c) reading registers that are
 * memory here.  mmu_map() is test_uart_match.c's stub.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "helpers.h"

#include "drivers/rtc.h"
#include "kernel/errno.h"

START_TEST(crafted_pl031)
{
	struct platform p;
	struct report r;
	unsigned int i;
	bool line = false;

	probe_file(CRAFTED_DTB("rtc-pl031"), &p);
	ck_assert(p.rtc.present);
	ck_assert_str_eq(p.rtc.compatible, "arm,pl031");
	ck_assert_str_eq(p.rtc.path, "/soc/rtc@3000");
	ck_assert_uint_eq(p.rtc.reg.base, 0x10003000);
	ck_assert_uint_eq(p.rtc.reg.size, 0x1000);
	ck_assert_msg(p.error_count == 0, "%u errors, first: %s",
		      p.error_count, p.error_count ? p.errors[0] : "");
	collect_report(&p, &r);
	for (i = 0; i < r.count; i++)
		line = line ||
		       strcmp(r.line[i], "rtc pl031 /soc/rtc@3000 0x10003000")
		       == 0;
	ck_assert_msg(line, "no 'rtc pl031 /soc/rtc@3000 0x10003000' line");
}
END_TEST

START_TEST(crafted_bad_reg)
{
	struct platform p;

	probe_file(CRAFTED_DTB("rtc-bad-reg"), &p);
	ck_assert(!p.rtc.present);
	ck_assert_uint_eq(p.error_count, 2);
	ck_assert(has_error(&p, "/rtc@9010000: reg 0x9010000 size 0x100"));
	ck_assert(has_error(&p, "need 0x1000 bytes"));
	ck_assert(has_error(&p, "/rtc-without-reg: reg has 0 entries"));
	ck_assert_ptr_null(platform_unbootable_reason(&p));
}
END_TEST

START_TEST(none_without_pl031)
{
	struct platform p;
	struct report r;
	unsigned int i;

	probe_file(CRAFTED_DTB("gicv3-4cell"), &p);
	ck_assert(!p.rtc.present);
	collect_report(&p, &r);
	for (i = 0; i < r.count; i++)
		ck_assert_msg(strncmp(r.line[i], "rtc ", 4) != 0,
			      "an rtc line without an RTC: %s", r.line[i]);
}
END_TEST

START_TEST(qemu_virt_pl031)
{
	struct platform p;

	probe_file(QEMU_DTB("virt-gicv3-smp1-512M"), &p);
	ck_assert(p.rtc.present);
	ck_assert_str_eq(p.rtc.path, "/pl031@9010000");
	ck_assert_uint_eq(p.rtc.reg.base, 0x9010000);
	ck_assert_uint_eq(p.rtc.reg.size, 0x1000);
}
END_TEST

/* Xen leaves the host's PL031 to dom0; a domU has none. */
START_TEST(xen_dom0_only)
{
	struct platform p;

	probe_file(XEN_DTB("dom0-gicv3"), &p);
	ck_assert(p.rtc.present);
	ck_assert_uint_eq(p.rtc.reg.base, 0x9010000);
	probe_file(XEN_DTB("domu-enhanced-gicv3"), &p);
	ck_assert(!p.rtc.present);
	probe_file("tests/data/xl/gicv3.dtb", &p);
	ck_assert(!p.rtc.present);
}
END_TEST

/* A PL031's 4 KiB of registers, with QEMU's ID values and RTCDR. */
static uint32_t regs[0x1000 / 4];

static void fake_pl031(uint32_t seconds)
{
	static const uint8_t id[8] = { 0x31, 0x10, 0x14, 0x00,
				       0x0d, 0xf0, 0x05, 0xb1 };
	unsigned int i;

	memset(regs, 0, sizeof(regs));
	for (i = 0; i < 8; i++)
		regs[0xfe0 / 4 + i] = id[i];
	regs[0] = seconds;
}

static struct platform fake_platform(const char *compatible)
{
	struct platform p;

	memset(&p, 0, sizeof(p));
	p.rtc.present = true;
	snprintf(p.rtc.compatible, sizeof(p.rtc.compatible), "%s",
		 compatible);
	p.rtc.reg.base = (uint64_t)(uintptr_t)regs;
	p.rtc.reg.size = sizeof(regs);
	return p;
}

START_TEST(pl031_reads_seconds)
{
	struct platform p = fake_platform("arm,pl031");
	const char *name = NULL;
	uint64_t ns = 0;

	ck_assert_ptr_nonnull(rtc_driver_for(&p.rtc));
	ck_assert_str_eq(rtc_driver_for(&p.rtc)->name, "pl031");
	/* 2025-06-01 12:00:00 UTC; and past 2038, RTCDR being unsigned. */
	fake_pl031(1748779200u);
	ck_assert_int_eq(rtc_read_ns(&p, &ns, &name), 0);
	ck_assert_uint_eq(ns, 1748779200ULL * 1000000000ULL);
	ck_assert_str_eq(name, "pl031");
	fake_pl031(0xfffffff0u);
	ck_assert_int_eq(rtc_read_ns(&p, &ns, &name), 0);
	ck_assert_uint_eq(ns, 0xfffffff0ULL * 1000000000ULL);
}
END_TEST

START_TEST(pl031_checks_its_id)
{
	struct platform p = fake_platform("arm,pl031");
	const char *name = NULL;
	uint64_t ns = 7;

	fake_pl031(1748779200u);
	regs[0xfe0 / 4] = 0x11;		/* a PL011's part number */
	ck_assert_int_eq(rtc_read_ns(&p, &ns, &name), -ENODEV);
	fake_pl031(1748779200u);
	regs[0xffc / 4] = 0;		/* no PrimeCell there */
	ck_assert_int_eq(rtc_read_ns(&p, &ns, &name), -ENODEV);
	ck_assert_uint_eq(ns, 7);
	ck_assert_ptr_null(name);
}
END_TEST

START_TEST(registry_without_rtc)
{
	struct platform p = fake_platform("acme,rtc");
	const char *name = NULL;
	uint64_t ns = 0;

	ck_assert_ptr_null(rtc_driver_for(&p.rtc));
	ck_assert_int_eq(rtc_read_ns(&p, &ns, &name), -ENODEV);
	p.rtc.present = false;
	ck_assert_int_eq(rtc_read_ns(&p, &ns, &name), -ENOENT);
}
END_TEST

Suite *rtc_suite(void)
{
	Suite *s = suite_create("rtc");
	TCase *probe = tcase_create("probe");
	TCase *driver = tcase_create("driver");

	tcase_add_test(probe, crafted_pl031);
	tcase_add_test(probe, crafted_bad_reg);
	tcase_add_test(probe, none_without_pl031);
	tcase_add_test(probe, qemu_virt_pl031);
	tcase_add_test(probe, xen_dom0_only);
	suite_add_tcase(s, probe);
	tcase_add_test(driver, pl031_reads_seconds);
	tcase_add_test(driver, pl031_checks_its_id);
	tcase_add_test(driver, registry_without_rtc);
	suite_add_tcase(s, driver);
	return s;
}
