/*
 * fdt/dt_read.c's parent and phandle cache must answer exactly as libfdt's
 * own (uncached) fdt_parent_offset() and fdt_node_offset_by_phandle() do,
 * for every node of every stored DTB, and must actually be in use (a cache
 * that silently gives up only costs time, which no other test sees).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include "fdt/dt_read.h"
#include "helpers.h"

static void check_blob(const char *path)
{
	size_t size;
	void *fdt = load_file(path, &size);
	int node, nodes = 0, phandles = 0;

	dt_cache_build(fdt);
	for (node = fdt_next_node(fdt, -1, NULL); node >= 0;
	     node = fdt_next_node(fdt, node, NULL)) {
		uint32_t ph = fdt_get_phandle(fdt, node);

		nodes++;
		ck_assert_msg(dt_parent(fdt, node) ==
			      fdt_parent_offset(fdt, node),
			      "%s: parent of node %d", path, node);
		phandles += ph != 0;
		if (ph)
			ck_assert_int_eq(dt_by_phandle(fdt, ph),
					 fdt_node_offset_by_phandle(fdt, ph));
	}
	/* Parents asked in tree order: one walk, and one per phandle
	 * looked up; no rescans by libfdt. */
	ck_assert_msg(dt_cache_rescans() == 0, "%s: %lu rescans", path,
		      dt_cache_rescans());
	ck_assert_msg(dt_cache_steps() <= (unsigned long)nodes *
		      (unsigned long)(2 + phandles),
		      "%s: %lu steps for %d nodes", path, dt_cache_steps(),
		      nodes);
	ck_assert_int_eq(dt_by_phandle(fdt, 0), -FDT_ERR_BADPHANDLE);
	ck_assert_int_eq(dt_by_phandle(fdt, 0x7fffabcd), -FDT_ERR_NOTFOUND);
	/* Behind the cursor, and not a node: answered, not lost. */
	ck_assert_int_eq(dt_parent(fdt, 0), -FDT_ERR_NOTFOUND);
	ck_assert_int_eq(dt_parent(fdt, 4), -FDT_ERR_BADOFFSET);
	dt_cache_drop();
	free(fdt);
}

static void check_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[512];
	int seen = 0;

	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name);

		if (n < 4 || strcmp(e->d_name + n - 4, ".dtb") != 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		check_blob(path);
		seen++;
	}
	closedir(d);
	ck_assert_msg(seen > 0, "no DTBs in %s", dir);
}

START_TEST(cache_matches_libfdt)
{
	check_dir("tests/data/qemu");
	check_dir("tests/data/xen");
	check_dir("tests/data/xl");
}
END_TEST

Suite *dt_cache_suite(void)
{
	Suite *s = suite_create("dt-cache");
	TCase *tc = tcase_create("cache");

	tcase_add_test(tc, cache_matches_libfdt);
	suite_add_tcase(s, tc);
	return s;
}
