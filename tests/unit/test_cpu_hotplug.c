/*
 * Which vCPU a XenStore watch path under cpu/ names (xen/cpu_hotplug.c
 * acts on `xl vcpu-set`'s cpu/N/availability), and the vCPU id <-> MPIDR
 * mapping it looks CPUs up by.  The paths come from xenstored: anything
 * malformed must name no vCPU, never a wrong one.
 */
#include "helpers.h"
#include "xen/cpu_hotplug.h"
#include "xen/vcpu_id.h"

START_TEST(names_a_vcpu)
{
	ck_assert_int_eq(cpu_hotplug_vcpu("cpu/1/availability"), 1);
	ck_assert_int_eq(cpu_hotplug_vcpu("cpu/0/availability"), 0);
	ck_assert_int_eq(cpu_hotplug_vcpu("cpu/7"), 7);
	ck_assert_int_eq(cpu_hotplug_vcpu("cpu/4095/availability"), 4095);
	ck_assert_int_eq(cpu_hotplug_vcpu(
		"/local/domain/3/cpu/2/availability"), 2);
}
END_TEST

START_TEST(names_none)
{
	static const char *const bad[] = {
		"cpu", "cpu/", "cpu//availability", "cpu/x/availability",
		"cpu/01/availability", "cpu/4096/availability",
		"cpu/99999/availability", "cpu/1/availabilityx",
		"cpu/1/availability/", "cpu/1/other", "cpus/1/availability",
		"device/vbd/1", "", "cpu/-1/availability",
		"cpu/1/availability\n",
	};
	unsigned int i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(cpu_hotplug_vcpu(bad[i]) == -1, "%s", bad[i]);
	ck_assert_int_eq(cpu_hotplug_vcpu(NULL), -1);
}
END_TEST

START_TEST(vcpu_mpidr_round_trip)
{
	uint32_t id;

	for (id = 0; id < CPU_HOTPLUG_MAX_VCPUS; id++)
		ck_assert_uint_eq(xen_vcpu_id(xen_vcpu_mpidr(id)), id);
	ck_assert_uint_eq(xen_vcpu_mpidr(1), 0x1);
	ck_assert_uint_eq(xen_vcpu_mpidr(16), 0x100);
	ck_assert_uint_eq(xen_vcpu_mpidr(17), 0x101);
}
END_TEST

Suite *cpu_hotplug_suite(void)
{
	Suite *s = suite_create("cpu-hotplug");
	TCase *tc = tcase_create("paths");

	tcase_add_test(tc, names_a_vcpu);
	tcase_add_test(tc, names_none);
	tcase_add_test(tc, vcpu_mpidr_round_trip);
	suite_add_tcase(s, tc);
	return s;
}
