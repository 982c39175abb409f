/*
 * apps/cksum.c against what the host's `cksum` (coreutils) prints for the
 * same bytes, computed here at run time: the guest's per-MiB sums must
 * equal dom0's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"
#include "apps/cksum.h"

/* `cksum` on len bytes of data: its first field. */
static unsigned long host_cksum(const void *data, size_t len)
{
	char path[] = "/tmp/osprey-cksum-XXXXXX", cmd[64], out[64], *end;
	unsigned long crc;
	FILE *f;
	int fd = mkstemp(path);

	ck_assert_int_ge(fd, 0);
	f = fdopen(fd, "w");
	ck_assert_uint_eq(fwrite(data, 1, len, f), len);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "cksum < %s", path);
	f = popen(cmd, "r");
	ck_assert_ptr_nonnull(f);
	ck_assert_ptr_nonnull(fgets(out, sizeof(out), f));
	pclose(f);
	crc = strtoul(out, &end, 10);
	ck_assert(end != out && *end == ' ');
	unlink(path);
	return crc;
}

START_TEST(known_vector)
{
	struct cksum c;

	cksum_init(&c);
	cksum_update(&c, "123456789", 9);
	ck_assert_uint_eq(cksum_final(&c), host_cksum("123456789", 9));
	cksum_init(&c);
	ck_assert_uint_eq(cksum_final(&c), host_cksum("", 0));
}
END_TEST

START_TEST(pieces_sum_as_the_whole)
{
	static unsigned char data[300000];
	struct cksum c;
	unsigned int i;

	for (i = 0; i < sizeof(data); i++)
		data[i] = (unsigned char)(i * 2654435761u >> 13);
	cksum_init(&c);
	cksum_update(&c, data, 1000);
	cksum_update(&c, data + 1000, 0);
	cksum_update(&c, data + 1000, sizeof(data) - 1000);
	ck_assert_uint_eq(c.length, sizeof(data));
	ck_assert_uint_eq(cksum_final(&c), host_cksum(data, sizeof(data)));
}
END_TEST

Suite *cksum_suite(void)
{
	Suite *s = suite_create("cksum");
	TCase *tc = tcase_create("sums");

	tcase_add_test(tc, known_vector);
	tcase_add_test(tc, pieces_sum_as_the_whole);
	suite_add_tcase(s, tc);
	return s;
}
