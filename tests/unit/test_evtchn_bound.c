/*
 * Which CPU each event channel notifies (xen/evtchn_bound.c) and the
 * vCPU id of an MPIDR (xen/vcpu_id.h): the bookkeeping behind the upcall
 * on every vCPU (issue 19).  The pending words are shared by the whole
 * domain, so a CPU's scan must take its own ports and only those.
 */
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "kernel/errno.h"
#include "xen/evtchn_bound.h"
#include "xen/vcpu_id.h"

static struct evtchn_bound b;

static void setup(void)
{
	memset(&b, 0x5a, sizeof(b));	/* init must not rely on zeroes */
	evtchn_bound_init(&b);
}

static uint64_t bit(uint32_t port)
{
	return 1ULL << (port % EVTCHN_WORD_BITS);
}

/* What cpu's upcall takes of port's word, that port pending, none masked. */
static bool takes(unsigned int cpu, uint32_t port)
{
	unsigned int w = port / EVTCHN_WORD_BITS;

	return evtchn_bound_ready(&b, cpu, w, bit(port), 0) == bit(port);
}

START_TEST(new_ports_are_on_cpu0)
{
	uint32_t port;
	unsigned int cpu;

	for (port = 1; port < EVTCHN_PORTS; port++) {
		ck_assert_int_eq(evtchn_bound_cpu(&b, port), 0);
		ck_assert(takes(0, port));
		for (cpu = 1; cpu < CPU_MAX; cpu++)
			ck_assert(!takes(cpu, port));
	}
	for (cpu = 1; cpu < CPU_MAX; cpu++)
		ck_assert_int_eq(evtchn_bound_next(&b, cpu, 0), -1);
}
END_TEST

START_TEST(port_on_cpu1_is_not_seen_by_cpu0)
{
	ck_assert_int_eq(evtchn_bound_move(&b, 5, 1), 0);
	ck_assert_int_eq(evtchn_bound_cpu(&b, 5), 1);
	ck_assert(!takes(0, 5));
	ck_assert(takes(1, 5));
	/* Its neighbours stay on CPU 0. */
	ck_assert(takes(0, 4));
	ck_assert(takes(0, 6));
	ck_assert(!takes(1, 4));

	ck_assert_int_eq(evtchn_bound_move(&b, 5, 0), 0);
	ck_assert_int_eq(evtchn_bound_cpu(&b, 5), 0);
	ck_assert(takes(0, 5));
	ck_assert(!takes(1, 5));
}
END_TEST

START_TEST(mask_and_pending_filter_too)
{
	uint64_t pending = bit(10) | bit(11) | bit(12);

	ck_assert_int_eq(evtchn_bound_move(&b, 11, 3), 0);
	/* 10 and 12 are CPU 0's, 12 is masked, 13 is not pending. */
	ck_assert_uint_eq(evtchn_bound_ready(&b, 0, 0, pending, bit(12)),
			  bit(10));
	ck_assert_uint_eq(evtchn_bound_ready(&b, 3, 0, pending, bit(12)),
			  bit(11));
	ck_assert_uint_eq(evtchn_bound_ready(&b, 3, 0, pending, bit(11)), 0);
	ck_assert_uint_eq(evtchn_bound_ready(&b, 2, 0, ~0ULL, 0), 0);
}
END_TEST

START_TEST(bad_ports_and_cpus_change_nothing)
{
	static const uint32_t ports[] = { 0, EVTCHN_PORTS, EVTCHN_PORTS + 1,
					  0xffffffffu };
	struct evtchn_bound before;
	unsigned int i;

	ck_assert_int_eq(evtchn_bound_move(&b, 100, 2), 0);
	before = b;
	for (i = 0; i < sizeof(ports) / sizeof(ports[0]); i++) {
		ck_assert_int_eq(evtchn_bound_move(&b, ports[i], 1), -EINVAL);
		ck_assert_int_eq(evtchn_bound_cpu(&b, ports[i]), -EINVAL);
	}
	ck_assert_int_eq(evtchn_bound_move(&b, 100, CPU_MAX), -EINVAL);
	ck_assert_int_eq(evtchn_bound_move(&b, 7, 1000), -EINVAL);
	ck_assert_int_eq(evtchn_bound_next(&b, CPU_MAX, 1), -1);
	ck_assert_mem_eq(&b, &before, sizeof(b));
	ck_assert_int_eq(evtchn_bound_cpu(&b, 100), 2);
}
END_TEST

/* Ports at the edges of the words land in the right word and bit. */
START_TEST(word_edges)
{
	static const struct {
		uint32_t port;
		unsigned int word;
		uint64_t bit;
	} edges[] = {
		{ 1, 0, 1ULL << 1 },
		{ 63, 0, 1ULL << 63 },
		{ 64, 1, 1ULL << 0 },
		{ 65, 1, 1ULL << 1 },
		{ 4032, 63, 1ULL << 0 },
		{ 4095, 63, 1ULL << 63 },
	};
	unsigned int i, cpu = CPU_MAX - 1;

	for (i = 0; i < sizeof(edges) / sizeof(edges[0]); i++) {
		ck_assert_int_eq(evtchn_bound_move(&b, edges[i].port, cpu), 0);
		ck_assert_uint_eq(evtchn_bound_ready(&b, cpu, edges[i].word,
						     ~0ULL, 0) & edges[i].bit,
				  edges[i].bit);
		ck_assert_uint_eq(evtchn_bound_ready(&b, 0, edges[i].word,
						     ~0ULL, 0) & edges[i].bit,
				  0);
		ck_assert_int_eq(evtchn_bound_next(&b, cpu, edges[i].port),
				 (int)edges[i].port);
	}
	/* Nothing else moved: CPU 0 lost exactly those six bits. */
	ck_assert_uint_eq(evtchn_bound_ready(&b, 0, 0, ~0ULL, 0),
			  ~((1ULL << 1) | (1ULL << 63)));
	ck_assert_uint_eq(evtchn_bound_ready(&b, 0, 1, ~0ULL, 0), ~3ULL);
	ck_assert_uint_eq(evtchn_bound_ready(&b, 0, 2, ~0ULL, 0), ~0ULL);
	ck_assert_uint_eq(evtchn_bound_ready(&b, 0, 63, ~0ULL, 0),
			  ~(1ULL | 1ULL << 63));
}
END_TEST

START_TEST(next_walks_one_cpus_ports)
{
	static const uint32_t mine[] = { 3, 63, 64, 200, 4095 };
	unsigned int i;
	int port;

	for (i = 0; i < sizeof(mine) / sizeof(mine[0]); i++)
		ck_assert_int_eq(evtchn_bound_move(&b, mine[i], 4), 0);
	i = 0;
	for (port = evtchn_bound_next(&b, 4, 0); port > 0;
	     port = evtchn_bound_next(&b, 4, (uint32_t)port + 1))
		ck_assert_int_eq(port, (int)mine[i++]);
	ck_assert_uint_eq(i, 5);
	ck_assert_int_eq(evtchn_bound_next(&b, 4, 65), 200);
	ck_assert_int_eq(evtchn_bound_next(&b, 4, 4096), -1);
	/* Port 0 (reserved) is never named, though CPU 0's bit is set. */
	ck_assert_int_eq(evtchn_bound_next(&b, 0, 0), 1);
	ck_assert_int_eq(evtchn_bound_next(&b, 0, 3), 4);
	ck_assert_int_eq(evtchn_bound_next(&b, 0, 63), 65);
}
END_TEST

/*
 * Random moves against a model: after each, every pending port is taken
 * by exactly one CPU's scan, the one the model says, so no CPU steals
 * another's port and none is lost.
 */
START_TEST(random_moves_keep_one_cpu_per_port)
{
	static unsigned char model[EVTCHN_PORTS];
	unsigned int i, w, cpu, takers;
	uint32_t port;

	srandom(19);
	memset(model, 0, sizeof(model));
	for (i = 0; i < 20000; i++) {
		port = (uint32_t)(random() % (EVTCHN_PORTS + 64));
		cpu = (unsigned int)(random() % (CPU_MAX + 2));
		if (port == 0 || port >= EVTCHN_PORTS || cpu >= CPU_MAX) {
			ck_assert_int_eq(evtchn_bound_move(&b, port, cpu),
					 -EINVAL);
			continue;
		}
		ck_assert_int_eq(evtchn_bound_move(&b, port, cpu), 0);
		model[port] = (unsigned char)cpu;
	}
	for (port = 1; port < EVTCHN_PORTS; port++) {
		ck_assert_int_eq(evtchn_bound_cpu(&b, port), model[port]);
		takers = 0;
		for (cpu = 0; cpu < CPU_MAX; cpu++)
			takers += takes(cpu, port);
		ck_assert_uint_eq(takers, 1);
		ck_assert(takes(model[port], port));
	}
	/* Whole words: the CPUs' scans of all-pending partition them. */
	for (w = 0; w < EVTCHN_WORDS; w++) {
		uint64_t seen = 0;

		for (cpu = 0; cpu < CPU_MAX; cpu++) {
			uint64_t r = evtchn_bound_ready(&b, cpu, w, ~0ULL, 0);

			ck_assert_uint_eq(seen & r, 0);
			seen |= r;
		}
		ck_assert_uint_eq(seen, ~0ULL);
	}
}
END_TEST

/* Xen's vcpuid_to_vaffinity(), the other way (asm/domain.h). */
static uint64_t vaffinity(uint32_t vcpu)
{
	return 0x80000000ULL | (vcpu & 0xf) | (uint64_t)((vcpu >> 4) & 0xff)
	       << 8;
}

START_TEST(vcpu_id_from_mpidr)
{
	uint32_t id;

	ck_assert_uint_eq(xen_vcpu_id(0x80000000ULL), 0);
	ck_assert_uint_eq(xen_vcpu_id(0x80000001ULL), 1);
	ck_assert_uint_eq(xen_vcpu_id(0x8000000fULL), 15);
	/* 16 CPUs per Aff0, then Aff1 counts on. */
	ck_assert_uint_eq(xen_vcpu_id(0x80000100ULL), 16);
	ck_assert_uint_eq(xen_vcpu_id(0x80000107ULL), 23);
	/* The DT's reg (no RES1 bit 31) names the same vCPU; Aff2, Aff3
	 * and the MT/U bits are not part of it. */
	ck_assert_uint_eq(xen_vcpu_id(0x3ULL), 3);
	ck_assert_uint_eq(xen_vcpu_id(0xab01ff0102ULL), 18);
	for (id = 0; id < 4096; id++)
		ck_assert_uint_eq(xen_vcpu_id(vaffinity(id)), id);
}
END_TEST

Suite *evtchn_bound_suite(void)
{
	Suite *s = suite_create("evtchn_bound");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, new_ports_are_on_cpu0);
	tcase_add_test(tc, port_on_cpu1_is_not_seen_by_cpu0);
	tcase_add_test(tc, mask_and_pending_filter_too);
	tcase_add_test(tc, bad_ports_and_cpus_change_nothing);
	tcase_add_test(tc, word_edges);
	tcase_add_test(tc, next_walks_one_cpus_ports);
	tcase_add_test(tc, random_moves_keep_one_cpu_per_port);
	tcase_add_test(tc, vcpu_id_from_mpidr);
	suite_add_tcase(s, tc);
	return s;
}
