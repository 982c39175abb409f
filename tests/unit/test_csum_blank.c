/*
 * Checksum offload's pseudo-header sum (net/csum_blank.c): what a device
 * completing it (netback, or a NIC) makes of the frame must be the
 * checksum RFC 793 defines, computed here independently, over frames of
 * every length parity; anything but an IPv4 TCP frame is left alone.
 * Also the comma lists of bootargs' device options
 * (kernel/bootarg_options.c).
 */
#include <string.h>

#include "helpers.h"
#include "kernel/bootargs.h"
#include "kernel/errno.h"
#include "net/csum_blank.h"

#define ETH	14
#define IHL	20

/* An Ethernet + IPv4 + TCP frame with payload bytes of data. */
static size_t tcp_frame(uint8_t *f, size_t payload, uint8_t proto)
{
	size_t ip_len = IHL + 20 + payload, i;

	memset(f, 0, ETH + ip_len);
	f[12] = 0x08;
	f[13] = 0x00;
	f[ETH] = 0x45;
	f[ETH + 2] = (uint8_t)(ip_len >> 8);
	f[ETH + 3] = (uint8_t)ip_len;
	f[ETH + 6] = 0x40;			/* DF: not a fragment */
	f[ETH + 8] = 64;
	f[ETH + 9] = proto;
	memcpy(f + ETH + 12, (uint8_t[]){ 10, 9, 0, 2 }, 4);
	memcpy(f + ETH + 16, (uint8_t[]){ 192, 168, 200, 254 }, 4);
	f[ETH + IHL] = 0x1f;			/* ports, seq, flags... */
	f[ETH + IHL + 1] = 0x90;
	f[ETH + IHL + 12] = 0x50;
	f[ETH + IHL + 13] = 0x18;
	for (i = 0; i < payload; i++)
		f[ETH + IHL + 20 + i] = (uint8_t)(i * 131 + 7);
	return ETH + ip_len;
}

/* RFC 793: the TCP checksum of the frame, its field taken as zero. */
static uint16_t tcp_checksum(const uint8_t *f, size_t len)
{
	uint8_t copy[2048];
	size_t tcp_len = len - ETH - IHL;
	uint32_t sum;

	memcpy(copy, f, len);
	copy[ETH + IHL + 16] = copy[ETH + IHL + 17] = 0;
	sum = inet_sum16(0, copy + ETH + 12, 8) + 6 + (uint32_t)tcp_len;
	return (uint16_t)~inet_fold(inet_sum16(sum, copy + ETH + IHL, tcp_len));
}

/* What the device does: sum the TCP segment as it is, invert, store. */
static void complete(uint8_t *f, size_t len)
{
	uint16_t c = (uint16_t)~inet_fold(inet_sum16(0, f + ETH + IHL,
					   len - ETH - IHL));

	f[ETH + IHL + 16] = (uint8_t)(c >> 8);
	f[ETH + IHL + 17] = (uint8_t)c;
}

START_TEST(completed_checksum_is_rfc_793s)
{
	static const size_t payloads[] = { 0, 1, 2, 3, 536, 1459, 1460 };
	uint8_t f[2048];
	unsigned int i;

	for (i = 0; i < sizeof(payloads) / sizeof(payloads[0]); i++) {
		size_t len = tcp_frame(f, payloads[i], 6);
		uint16_t want = tcp_checksum(f, len);

		/* Whatever lwIP left in the field is overwritten. */
		f[ETH + IHL + 16] = 0xde;
		ck_assert_int_eq(net_csum_blank_tcp4(f, ETH + IHL + 20, len), 1);
		complete(f, len);
		ck_assert_uint_eq((unsigned int)f[ETH + IHL + 16] << 8 |
				  f[ETH + IHL + 17], want);
	}
}
END_TEST

START_TEST(other_frames_are_left_alone)
{
	uint8_t f[256], before[256];
	size_t len = tcp_frame(f, 40, 17);	/* UDP */

	memcpy(before, f, sizeof(f));
	ck_assert_int_eq(net_csum_blank_tcp4(f, len, len), 0);
	f[12] = 0x08;
	f[13] = 0x06;				/* ARP */
	before[13] = 0x06;
	ck_assert_int_eq(net_csum_blank_tcp4(f, len, len), 0);
	ck_assert_int_eq(net_csum_blank_tcp4(f, 10, len), 0);	/* runt */
	ck_assert_mem_eq(f, before, sizeof(f));
}
END_TEST

START_TEST(malformed_tcp_frames_refused)
{
	uint8_t f[256], before[256];
	size_t len = tcp_frame(f, 40, 6);

	memcpy(before, f, sizeof(f));
	/* The checksum field beyond what is in hand. */
	ck_assert_int_eq(net_csum_blank_tcp4(f, ETH + IHL + 17, len), -EINVAL);
	/* The IP length beyond the frame. */
	ck_assert_int_eq(net_csum_blank_tcp4(f, ETH + IHL + 20, len - 1),
			 -EINVAL);
	/* A fragment. */
	f[ETH + 6] = 0x20;
	ck_assert_int_eq(net_csum_blank_tcp4(f, len, len), -EINVAL);
	f[ETH + 6] = 0x40;
	/* A header length below 20, and IP version 6 in an IPv4 frame. */
	f[ETH] = 0x44;
	ck_assert_int_eq(net_csum_blank_tcp4(f, len, len), -EINVAL);
	f[ETH] = 0x65;
	ck_assert_int_eq(net_csum_blank_tcp4(f, len, len), -EINVAL);
	f[ETH] = 0x45;
	ck_assert_mem_eq(f, before, sizeof(f));
}
END_TEST

START_TEST(option_lists)
{
	const char *list = ",no-csum,,ring-order=3,a-very-long-option-name";
	char w[8];

	ck_assert(bootarg_next_option(&list, w, sizeof(w)));
	ck_assert_str_eq(w, "no-csum");
	ck_assert(bootarg_next_option(&list, w, sizeof(w)));
	ck_assert_str_eq(w, "ring-or");		/* truncated */
	ck_assert(bootarg_next_option(&list, w, sizeof(w)));
	ck_assert_str_eq(w, "a-very-");
	ck_assert(!bootarg_next_option(&list, w, sizeof(w)));
	list = "";
	ck_assert(!bootarg_next_option(&list, w, sizeof(w)));
}
END_TEST

Suite *csum_blank_suite(void)
{
	Suite *s = suite_create("csum-blank");
	TCase *tc = tcase_create("csum-blank");

	tcase_add_test(tc, completed_checksum_is_rfc_793s);
	tcase_add_test(tc, other_frames_are_left_alone);
	tcase_add_test(tc, malformed_tcp_frames_refused);
	tcase_add_test(tc, option_lists);
	suite_add_tcase(s, tc);
	return s;
}
