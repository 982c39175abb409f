/*
 * Shared helpers for the fdt/ unit tests: load a DTB from tests/data or
 * the build tree, probe it, look through p->errors, collect report lines.
 */
#ifndef TESTS_UNIT_HELPERS_H
#define TESTS_UNIT_HELPERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <check.h>

#include "fdt/platform.h"

/* Where the build put the compiled crafted DTS; the makefile sets it. */
#ifndef TEST_BUILD_DIR
#define TEST_BUILD_DIR "build"
#endif

#define QEMU_DTB(name)		"tests/data/qemu/" name ".dtb"
#define XEN_DTB(name)		"tests/data/xen/" name ".dtb"
#define CRAFTED_DTB(name) \
	TEST_BUILD_DIR "/tests/data/crafted/" name ".dtb"

/*
 * Read a whole file into a buffer of exactly its size (so that the
 * sanitizers catch any read past the end).  Fails the test if it cannot.
 */
void *load_file(const char *path, size_t *size);

/* Probe path into *p, failing the test unless fdt_probe() returns 0. */
void probe_file(const char *path, struct platform *p);

/* Does any of p->errors contain needle?  Also checks errors are strings. */
bool has_error(const struct platform *p, const char *needle);

/*
 * Fail unless every file in dir ending in suffix is one of names[0..n-1]
 * (given without the suffix) and every name has its file: new test data
 * must come with a test.
 */
void assert_dir_covered(const char *dir, const char *suffix,
			const char *const *names, unsigned int n);

/* Every error entry up to error_count is a non-empty, terminated string. */
void check_errors_sane(const struct platform *p);

#define REPORT_MAX_LINES	64
#define REPORT_LINE_LEN		512

struct report {
	char line[REPORT_MAX_LINES][REPORT_LINE_LEN];
	unsigned int count;
};

/* Run platform_report() and keep every emitted line. */
void collect_report(const struct platform *p, struct report *r);

/*
 * Call fn(name, number) for each "#define ENAME NUMBER" line of
 * kernel/errno.h (aliases such as EWOULDBLOCK, defined by name, are left
 * out), read from the header itself so that a number added there is
 * checked too; returns how many.  Fails the test if the file is missing.
 */
unsigned int each_kernel_errno(void (*fn)(const char *name, long number));

/* Write value big-endian at blob + offset (DTB header fields). */
void put_be32(void *blob, size_t offset, uint32_t value);

Suite *probe_qemu_suite(void);
Suite *probe_crafted_suite(void);
Suite *probe_xen_suite(void);
Suite *corrupt_suite(void);
Suite *report_suite(void);
Suite *console_ring_suite(void);
Suite *xs_wire_suite(void);
Suite *dt_cache_suite(void);
Suite *probe_scaling_suite(void);
Suite *probe_hostile_suite(void);
Suite *page_ranges_suite(void);
Suite *regressions_suite(void);
Suite *grant_refs_suite(void);
Suite *grant_pool_suite(void);
Suite *evtchn_backoff_suite(void);
Suite *evtchn_bound_suite(void);
Suite *cpu_hotplug_suite(void);
Suite *block_suite(void);
Suite *xenbus_seen_suite(void);
Suite *console_out_suite(void);
Suite *uart_match_suite(void);
Suite *gnttab_status_suite(void);
Suite *smccc_uid_suite(void);
Suite *blkif_ring_suite(void);
Suite *vchan_ring_suite(void);
Suite *vbd_name_suite(void);
Suite *cksum_suite(void);
Suite *net_config_suite(void);
Suite *netif_ring_suite(void);
Suite *siphash_suite(void);
Suite *entropy_pool_suite(void);
Suite *tcp_isn_suite(void);
Suite *rate_limit_suite(void);
Suite *syn_cookie_suite(void);
Suite *echo_policy_suite(void);
Suite *tls_layout_suite(void);
Suite *program_args_suite(void);
Suite *rtc_suite(void);
Suite *wallclock_suite(void);
Suite *inet_suite(void);
Suite *sockaddr_suite(void);
Suite *getaddrinfo_suite(void);
Suite *tty_line_suite(void);
Suite *gic_cpus_suite(void);
/*
 * RFC 1071: the one's-complement sum of len bytes as 16-bit big-endian
 * words (an odd last byte padded), added to sum; and that sum folded to
 * 16 bits.  The Internet checksum is ~fold(sum16(...)).
 */
uint32_t inet_sum16(uint32_t sum, const uint8_t *p, size_t len);
uint16_t inet_fold(uint32_t sum);

Suite *cpuset_suite(void);
Suite *csum_blank_suite(void);
Suite *tso_suite(void);
Suite *ticks_suite(void);
Suite *p9_wire_suite(void);
Suite *p9_ring_suite(void);
Suite *file_path_suite(void);
Suite *relr_suite(void);
Suite *errno_name_suite(void);
Suite *errno_map_suite(void);

#endif
