/*
 * platform_report(): the fixed first lines shared by the boot log and
 * dtb-probe ("ram", "gic", "timer", "xen"), checked against the DTS facts.
 */
#include <string.h>

#include "helpers.h"

static void assert_first_lines(const char *path, const char *const *want)
{
	struct platform p;
	struct report r;
	unsigned int i, n;

	probe_file(path, &p);
	collect_report(&p, &r);
	for (n = 0; want[n] != NULL; n++)
		;
	ck_assert_msg(r.count >= n, "%s: %u report lines, want >= %u", path,
		      r.count, n);
	for (i = 0; i < n; i++)
		ck_assert_msg(strcmp(r.line[i], want[i]) == 0,
			      "%s: line %u is '%s', want '%s'", path, i,
			      r.line[i], want[i]);
	/* Nothing more of the fixed kinds after them. */
	for (i = n; i < r.count; i++) {
		ck_assert_msg(strncmp(r.line[i], "ram ", 4) != 0 &&
			      strncmp(r.line[i], "gic ", 4) != 0 &&
			      strncmp(r.line[i], "timer ", 6) != 0 &&
			      strncmp(r.line[i], "xen gnttab", 10) != 0,
			      "%s: unexpected line %u '%s'", path, i,
			      r.line[i]);
	}
	/* emit() gets one line at a time, without its newline. */
	for (i = 0; i < r.count; i++)
		ck_assert_msg(strchr(r.line[i], '\n') == NULL,
			      "%s: line %u holds a newline", path, i);
}

START_TEST(report_qemu_gicv2)
{
	static const char *const want[] = {
		"ram 0x40000000 0x20000000",
		"gic v2 dist 0x8000000 cpu 0x8010000",
		"timer phys 30 virt 27 freq 0",
		NULL,
	};

	assert_first_lines(QEMU_DTB("virt-gicv2-smp1-512M"), want);
}
END_TEST

START_TEST(report_qemu_gicv3)
{
	static const char *const want[] = {
		"ram 0x40000000 0xc0000000",
		"gic v3 dist 0x8000000 redist 0x80a0000 0xf60000",
		"timer phys 30 virt 27 freq 0",
		NULL,
	};

	assert_first_lines(QEMU_DTB("virt-gicv3-smp4-3G"), want);
}
END_TEST

START_TEST(report_qemu_el2_gicv2)
{
	/* 4 GIC reg entries; the CPU interface is still entry 1. */
	static const char *const want[] = {
		"ram 0x40000000 0x20000000",
		"gic v2 dist 0x8000000 cpu 0x8010000",
		"timer phys 30 virt 27 freq 0",
		NULL,
	};

	assert_first_lines(QEMU_DTB("virt-el2-gicv2-smp1-512M"), want);
}
END_TEST

START_TEST(report_ram_banks)
{
	static const char *const want[] = {
		"ram 0x40000000 0x40000000",
		"ram 0x880000000 0x80000000",
		"ram 0x1000000000 0x100000000",
		"gic v2 dist 0x8000000 cpu 0x8010000",
		"timer phys 30 virt 27 freq 0",
		NULL,
	};

	assert_first_lines(CRAFTED_DTB("ram-banks-high"), want);
}
END_TEST

START_TEST(report_two_redist)
{
	static const char *const want[] = {
		"ram 0x80000000 0x80000000",
		"gic v3 dist 0x2f000000 redist 0x2f100000 0x200000 "
		"0x2f400000 0x100000",
		"timer phys 30 virt 27 freq 0",
		NULL,
	};

	assert_first_lines(CRAFTED_DTB("gicv3-two-redist"), want);
}
END_TEST

START_TEST(report_xen)
{
	static const char *const want[] = {
		"ram 0x40000000 0x8000000",
		"gic v2 dist 0x3001000 cpu 0x3002000",
		"timer phys 30 virt 27 freq 0",
		"xen gnttab 0x38000000 0x1000000 evtchn 31",
		NULL,
	};

	assert_first_lines(CRAFTED_DTB("xen-hypervisor"), want);
}
END_TEST

START_TEST(report_timer_freq)
{
	static const char *const want[] = {
		"ram 0x40000000 0x8000000",
		"gic v2 dist 0x3001000 cpu 0x3002000",
		"timer phys 30 virt 27 freq 62500000",
		NULL,
	};

	assert_first_lines(CRAFTED_DTB("timer-freq"), want);
}
END_TEST

START_TEST(report_xen_dom0)
{
	/* Host layout, and Xen's event channel on PPI 0. */
	static const char *const want[] = {
		"ram 0x58000000 0x8000000",
		"gic v3 dist 0x8000000 redist 0x80a0000 0xf60000",
		"timer phys 30 virt 27 freq 0",
		"xen gnttab 0x40200000 0x40000 evtchn 16",
		NULL,
	};

	assert_first_lines(XEN_DTB("dom0-gicv3"), want);
}
END_TEST

START_TEST(report_xen_domu_enhanced)
{
	static const char *const want[] = {
		"ram 0x40000000 0x8000000",
		"gic v2 dist 0x3001000 cpu 0x3002000",
		"timer phys 30 virt 27 freq 0",
		"xen gnttab 0x38000000 0x1000000 evtchn 31",
		NULL,
	};

	assert_first_lines(XEN_DTB("domu-enhanced-gicv2"), want);
}
END_TEST

/* The cpus line: one method for all, or each CPU's when they differ. */
START_TEST(report_cpus)
{
	static const struct {
		const char *path, *line;
	} cases[] = {
		{ QEMU_DTB("virt-gicv3-smp4-3G"),
		  "cpus 4 0x0 0x1 0x2 0x3 (psci)" },
		{ QEMU_DTB("virt-gicv2-smp1-512M"), "cpus 1 0x0 (none)" },
		{ XEN_DTB("dom0-gicv2"), "cpus 2 0x0 0x1 (psci)" },
		{ CRAFTED_DTB("cpus-enable-methods"),
		  "cpus 4 0x0(psci) 0x1(spin-table) 0x2(none) 0x3(other)" },
	};
	struct platform p;
	struct report r;
	unsigned int i, k, seen;

	for (k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		probe_file(cases[k].path, &p);
		collect_report(&p, &r);
		for (i = 0, seen = 0; i < r.count; i++) {
			if (strncmp(r.line[i], "cpus ", 5) != 0)
				continue;
			seen++;
			ck_assert_msg(strcmp(r.line[i], cases[k].line) == 0,
				      "%s: '%s', want '%s'", cases[k].path,
				      r.line[i], cases[k].line);
		}
		ck_assert_msg(seen == 1, "%s: %u cpus lines", cases[k].path,
			      seen);
	}
}
END_TEST

/* The longest cpus line fits whole; none at all is just the count. */
START_TEST(report_cpus_longest)
{
	static const char want[] = "cpus 8"
		" 0xffffffffffffffff(spin-table) 0xffffffffffffffff(other)"
		" 0xffffffffffffffff(spin-table) 0xffffffffffffffff(other)"
		" 0xffffffffffffffff(spin-table) 0xffffffffffffffff(other)"
		" 0xffffffffffffffff(spin-table) 0xffffffffffffffff(psci)";
	static struct platform p;
	struct report r;
	unsigned int i;

	p.stdout_uart = -1;
	collect_report(&p, &r);
	ck_assert_uint_gt(r.count, 2);
	ck_assert_str_eq(r.line[1], "cpus 0");
	p.cpu_count = PLATFORM_MAX_CPUS;
	for (i = 0; i < PLATFORM_MAX_CPUS; i++) {
		p.cpu_mpidr[i] = UINT64_MAX;
		p.cpu_enable[i] = i % 2 ? CPU_ENABLE_OTHER :
			CPU_ENABLE_SPIN_TABLE;
	}
	p.cpu_enable[PLATFORM_MAX_CPUS - 1] = CPU_ENABLE_PSCI;
	collect_report(&p, &r);
	ck_assert_str_eq(r.line[1], want);
}
END_TEST

/* Reports of broken platforms still work and show no made-up lines. */
START_TEST(report_unbootable)
{
	static const char *const files[] = {
		CRAFTED_DTB("no-memory"), CRAFTED_DTB("no-gic"),
		CRAFTED_DTB("no-timer"), CRAFTED_DTB("timer-non-gic-parent"),
		CRAFTED_DTB("timer-interrupts-short"),
	};
	struct platform p;
	struct report r;
	unsigned int i, k;

	for (k = 0; k < sizeof(files) / sizeof(files[0]); k++) {
		probe_file(files[k], &p);
		collect_report(&p, &r);
		ck_assert_uint_gt(r.count, 0);
		for (i = 0; i < r.count; i++) {
			const char *l = r.line[i];

			if (p.ram_count == 0)
				ck_assert_msg(strncmp(l, "ram 0x", 6) != 0,
					      "%s: '%s'", files[k], l);
			if (p.gic.version == GIC_NONE)
				ck_assert_msg(strncmp(l, "gic v", 5) != 0,
					      "%s: '%s'", files[k], l);
			if (!p.timer.present)
				ck_assert_msg(strncmp(l, "timer phys", 10)
					      != 0, "%s: '%s'", files[k], l);
			ck_assert_msg(strncmp(l, "xen gnttab", 10) != 0,
				      "%s: '%s'", files[k], l);
		}
	}
}
END_TEST

Suite *report_suite(void)
{
	Suite *s = suite_create("report");
	TCase *tc = tcase_create("lines");

	tcase_add_test(tc, report_qemu_gicv2);
	tcase_add_test(tc, report_qemu_gicv3);
	tcase_add_test(tc, report_qemu_el2_gicv2);
	tcase_add_test(tc, report_ram_banks);
	tcase_add_test(tc, report_two_redist);
	tcase_add_test(tc, report_xen);
	tcase_add_test(tc, report_timer_freq);
	tcase_add_test(tc, report_xen_dom0);
	tcase_add_test(tc, report_xen_domu_enhanced);
	tcase_add_test(tc, report_cpus);
	tcase_add_test(tc, report_cpus_longest);
	tcase_add_test(tc, report_unbootable);
	suite_add_tcase(s, tc);
	return s;
}
