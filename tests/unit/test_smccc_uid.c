/*
 * smccc_uid_equal() (drivers/smccc_uid.c): reading a UID out of w0..w3
 * the way Xen's vsmc.c fill_uid() writes it, so that a dom0less domU
 * without /hypervisor still knows Xen is there.
 */
#include "helpers.h"
#include "drivers/smccc.h"

/* XEN_SMCCC_UID, a71812dc-c698-4369-9acf-79d18ddee667, as bytes. */
static const uint8_t xen_uid[16] = {
	0xa7, 0x18, 0x12, 0xdc, 0xc6, 0x98, 0x43, 0x69,
	0x9a, 0xcf, 0x79, 0xd1, 0x8d, 0xde, 0xe6, 0x67,
};

/* Xen 4.17's answer: four bytes a register, the first byte lowest. */
static const struct smccc_result xen_answer = {
	0xdc1218a7, 0x694398c6, 0xd179cf9a, 0x67e6de8d,
};

START_TEST(xen_answer_matches)
{
	ck_assert(smccc_uid_equal(&xen_answer, xen_uid));
}
END_TEST

START_TEST(upper_halves_ignored)
{
	struct smccc_result r = xen_answer;

	r.x0 |= 0xffffffff00000000ULL;
	r.x3 |= 0x1234567800000000ULL;
	ck_assert(smccc_uid_equal(&r, xen_uid));
}
END_TEST

START_TEST(byte_order_matters)
{
	/* The same bytes read first-byte-highest must not match. */
	const struct smccc_result swapped = {
		0xa71812dc, 0xc6984369, 0x9acf79d1, 0x8ddee667,
	};

	ck_assert(!smccc_uid_equal(&swapped, xen_uid));
}
END_TEST

START_TEST(others_do_not_match)
{
	/* KVM's ARM_SMCCC_VENDOR_HYP_UID_KVM as KVM returns it. */
	const struct smccc_result kvm = {
		0xb66fb428, 0xe911c52e, 0x564bcaa9, 0x743a004d,
	};
	const struct smccc_result unsupported = { SMCCC_NOT_SUPPORTED, 0, 0, 0 };
	struct smccc_result last_byte = xen_answer;

	last_byte.x3 ^= 0x01000000;
	ck_assert(!smccc_uid_equal(&kvm, xen_uid));
	ck_assert(!smccc_uid_equal(&unsupported, xen_uid));
	ck_assert(!smccc_uid_equal(&last_byte, xen_uid));
}
END_TEST

Suite *smccc_uid_suite(void)
{
	Suite *s = suite_create("smccc_uid");
	TCase *tc = tcase_create("uid");

	tcase_add_test(tc, xen_answer_matches);
	tcase_add_test(tc, upper_halves_ignored);
	tcase_add_test(tc, byte_order_matters);
	tcase_add_test(tc, others_do_not_match);
	suite_add_tcase(s, tc);
	return s;
}
