/*
 * drivers/gic_cpus.c: the GIC drivers' MPIDR-keyed CPU table and the
 * register values that send an SGI (GICv2 GICD_SGIR, IHI 0048B; GICv3
 * ICC_SGI1R_EL1, IHI 0069).
 */
#include "helpers.h"
#include "drivers/gic_cpus.h"
#include "kernel/errno.h"

/* MPIDR_EL1 as a CPU reads it: RES1 bit 31 besides the affinity. */
#define MPIDR_RES1	0x80000000ULL

START_TEST(record_then_find)
{
	static struct gic_cpus t;
	const struct gic_cpu *c;

	ck_assert_ptr_null(gic_cpus_find(&t, 0));
	ck_assert_int_eq(gic_cpus_record(&t, MPIDR_RES1 | 0, 0x80a0000), 0);
	ck_assert_int_eq(gic_cpus_record(&t, MPIDR_RES1 | 0x101, 0x80c0000),
			 0);
	/* The boot CPU's entry comes first: SPIs are routed by it. */
	ck_assert_uint_eq(t.cpu[0].value, 0x80a0000);
	/* A DT's reg has no bit 31: the same CPU either way. */
	c = gic_cpus_find(&t, 0x101);
	ck_assert_ptr_nonnull(c);
	ck_assert_uint_eq(c->value, 0x80c0000);
	ck_assert_uint_eq(c->mpidr, 0x101);
	ck_assert_ptr_eq(gic_cpus_find(&t, MPIDR_RES1 | 0x101), c);
	/* Aff1 counts: 0x1 is not 0x101. */
	ck_assert_ptr_null(gic_cpus_find(&t, 0x1));
}
END_TEST

START_TEST(aff3_and_mt_bit)
{
	static struct gic_cpus t;

	ck_assert_int_eq(gic_cpus_record(&t, 0x100000000ULL, 1), 0);
	ck_assert_ptr_null(gic_cpus_find(&t, 0));
	ck_assert_ptr_nonnull(gic_cpus_find(&t, 0x100000000ULL));
	/* MT (bit 24) and U (bit 30) are not affinity. */
	ck_assert_ptr_nonnull(gic_cpus_find(&t, 0x141000000ULL));
}
END_TEST

START_TEST(again_keeps_its_slot)
{
	static struct gic_cpus t;
	unsigned int i;

	for (i = 0; i < GIC_MAX_CPUS; i++)
		ck_assert_int_eq(gic_cpus_record(&t, i, 1u << i), 0);
	ck_assert_int_eq(gic_cpus_record(&t, GIC_MAX_CPUS, 1), -ENOSPC);
	ck_assert_ptr_null(gic_cpus_find(&t, GIC_MAX_CPUS));
	/* A CPU back from CPU_OFF updates its own entry, full table or not. */
	ck_assert_int_eq(gic_cpus_record(&t, MPIDR_RES1 | 3, 0x42), 0);
	ck_assert_uint_eq(gic_cpus_find(&t, 3)->value, 0x42);
	for (i = 0; i < GIC_MAX_CPUS; i++)
		ck_assert_uint_eq(t.cpu[i].mpidr, i);
}
END_TEST

START_TEST(v2_mask_read_back)
{
	/* Each byte is the reader's own interface bit. */
	ck_assert_uint_eq(gic_v2_cpu_mask(0x02020202, 0x1), 0x2);
	ck_assert_uint_eq(gic_v2_cpu_mask(0x80808080, 0x7), 0x80);
	/* The GIC's numbering wins over Aff0 (clusters: Aff1 matters). */
	ck_assert_uint_eq(gic_v2_cpu_mask(0x04040404, 0x100), 0x4);
}
END_TEST

START_TEST(v2_mask_fallback)
{
	/* A one-interface GIC reads zero: interface Aff0. */
	ck_assert_uint_eq(gic_v2_cpu_mask(0, MPIDR_RES1), 0x1);
	ck_assert_uint_eq(gic_v2_cpu_mask(0, MPIDR_RES1 | 3), 0x8);
	ck_assert_uint_eq(gic_v2_cpu_mask(0, 7), 0x80);
	/* No ninth interface to fall back to. */
	ck_assert_uint_eq(gic_v2_cpu_mask(0, 8), 0);
}
END_TEST

START_TEST(v2_sgir)
{
	uint32_t v = 0xdead;

	ck_assert_int_eq(gic_v2_sgir(0, 0x1, &v), 0);
	ck_assert_uint_eq(v, 0x10000);
	ck_assert_int_eq(gic_v2_sgir(3, 0x4, &v), 0);
	ck_assert_uint_eq(v, 0x40003);
	ck_assert_int_eq(gic_v2_sgir(15, 0xff, &v), 0);
	ck_assert_uint_eq(v, 0xff000f);
	v = 0xdead;
	ck_assert_int_eq(gic_v2_sgir(16, 0x1, &v), -EINVAL);
	ck_assert_int_eq(gic_v2_sgir(1, 0, &v), -EINVAL);
	ck_assert_uint_eq(v, 0xdead);
}
END_TEST

START_TEST(v3_sgi1r_aff0)
{
	uint64_t v;

	ck_assert_int_eq(gic_v3_sgi1r(0, 0x0, &v), 0);
	ck_assert_uint_eq(v, 0x1);
	ck_assert_int_eq(gic_v3_sgi1r(0, 0x1, &v), 0);
	ck_assert_uint_eq(v, 0x2);
	ck_assert_int_eq(gic_v3_sgi1r(0, 15, &v), 0);
	ck_assert_uint_eq(v, 0x8000);
	/* MPIDR_EL1 as read: bit 31 is not sent. */
	ck_assert_int_eq(gic_v3_sgi1r(2, MPIDR_RES1 | 3, &v), 0);
	ck_assert_uint_eq(v, 2ULL << 24 | 0x8);
}
END_TEST

START_TEST(v3_sgi1r_upper_affinity)
{
	uint64_t v;

	ck_assert_int_eq(gic_v3_sgi1r(1, 0x100, &v), 0);
	ck_assert_uint_eq(v, 1ULL << 16 | 1ULL << 24 | 1);
	ck_assert_int_eq(gic_v3_sgi1r(0, 0x10000, &v), 0);
	ck_assert_uint_eq(v, 1ULL << 32 | 1);
	ck_assert_int_eq(gic_v3_sgi1r(0, 0x100000000ULL, &v), 0);
	ck_assert_uint_eq(v, 1ULL << 48 | 1);
	ck_assert_int_eq(gic_v3_sgi1r(7, 0xab00cdef0fULL, &v), 0);
	ck_assert_uint_eq(v, 0xabULL << 48 | 0xcdULL << 32 | 7ULL << 24 |
			  0xefULL << 16 | 0x8000);
}
END_TEST

START_TEST(v3_sgi1r_refused)
{
	uint64_t v = 0xdead;

	/* Aff0 16 and up needs the range selector. */
	ck_assert_int_eq(gic_v3_sgi1r(0, 16, &v), -EINVAL);
	ck_assert_int_eq(gic_v3_sgi1r(0, 0x1ff, &v), -EINVAL);
	ck_assert_int_eq(gic_v3_sgi1r(16, 0, &v), -EINVAL);
	ck_assert_uint_eq(v, 0xdead);
}
END_TEST

Suite *gic_cpus_suite(void)
{
	Suite *s = suite_create("gic-cpus");
	TCase *table = tcase_create("table");
	TCase *sgi = tcase_create("sgi");

	tcase_add_test(table, record_then_find);
	tcase_add_test(table, aff3_and_mt_bit);
	tcase_add_test(table, again_keeps_its_slot);
	suite_add_tcase(s, table);
	tcase_add_test(sgi, v2_mask_read_back);
	tcase_add_test(sgi, v2_mask_fallback);
	tcase_add_test(sgi, v2_sgir);
	tcase_add_test(sgi, v3_sgi1r_aff0);
	tcase_add_test(sgi, v3_sgi1r_upper_affinity);
	tcase_add_test(sgi, v3_sgi1r_refused);
	suite_add_tcase(s, sgi);
	return s;
}
