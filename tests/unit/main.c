/*
 * Host unit tests for fdt/ and the PV console ring: run from the repo root.
 * CK_FORK=no makes failures easier to debug (gdb, ASan reports); the
 * default (fork) keeps one crashing test from hiding the others.
 */
#include <stdlib.h>

#include "helpers.h"

int main(void)
{
	SRunner *sr = srunner_create(probe_qemu_suite());
	int failed;

	srunner_add_suite(sr, probe_crafted_suite());
	srunner_add_suite(sr, probe_xen_suite());
	srunner_add_suite(sr, corrupt_suite());
	srunner_add_suite(sr, report_suite());
	srunner_add_suite(sr, console_ring_suite());
	srunner_add_suite(sr, regressions_suite());
	srunner_add_suite(sr, xs_wire_suite());
	srunner_add_suite(sr, dt_cache_suite());
	srunner_add_suite(sr, probe_scaling_suite());
	srunner_add_suite(sr, probe_hostile_suite());
	srunner_add_suite(sr, page_ranges_suite());
	srunner_add_suite(sr, grant_refs_suite());
	srunner_add_suite(sr, grant_pool_suite());
	srunner_add_suite(sr, evtchn_backoff_suite());
	srunner_add_suite(sr, evtchn_bound_suite());
	srunner_add_suite(sr, cpu_hotplug_suite());
	srunner_add_suite(sr, block_suite());
	srunner_add_suite(sr, xenbus_seen_suite());
	srunner_add_suite(sr, console_out_suite());
	srunner_add_suite(sr, uart_match_suite());
	srunner_add_suite(sr, gnttab_status_suite());
	srunner_add_suite(sr, smccc_uid_suite());
	srunner_add_suite(sr, blkif_ring_suite());
	srunner_add_suite(sr, vchan_ring_suite());
	srunner_add_suite(sr, vbd_name_suite());
	srunner_add_suite(sr, cksum_suite());
	srunner_add_suite(sr, net_config_suite());
	srunner_add_suite(sr, netif_ring_suite());
	srunner_add_suite(sr, siphash_suite());
	srunner_add_suite(sr, entropy_pool_suite());
	srunner_add_suite(sr, tcp_isn_suite());
	srunner_add_suite(sr, rate_limit_suite());
	srunner_add_suite(sr, syn_cookie_suite());
	srunner_add_suite(sr, echo_policy_suite());
	srunner_add_suite(sr, tls_layout_suite());
	srunner_add_suite(sr, program_args_suite());
	srunner_add_suite(sr, rtc_suite());
	srunner_add_suite(sr, wallclock_suite());
	srunner_add_suite(sr, inet_suite());
	srunner_add_suite(sr, sockaddr_suite());
	srunner_add_suite(sr, getaddrinfo_suite());
	srunner_add_suite(sr, tty_line_suite());
	srunner_add_suite(sr, gic_cpus_suite());
	srunner_add_suite(sr, cpuset_suite());
	srunner_add_suite(sr, csum_blank_suite());
	srunner_add_suite(sr, tso_suite());
	srunner_add_suite(sr, ticks_suite());
	srunner_add_suite(sr, p9_wire_suite());
	srunner_add_suite(sr, p9_ring_suite());
	srunner_add_suite(sr, file_path_suite());
	srunner_add_suite(sr, relr_suite());
	srunner_add_suite(sr, errno_name_suite());
	srunner_add_suite(sr, errno_map_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
