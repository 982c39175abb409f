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
	int node, nodes = 0;

	dt_cache_build(fdt);
	for (node = fdt_next_node(fdt, -1, NULL); node >= 0;
	     node = fdt_next_node(fdt, node, NULL)) {
		uint32_t ph = fdt_get_phandle(fdt, node);

		nodes++;
		ck_assert_msg(dt_parent(fdt, node) ==
			      fdt_parent_offset(fdt, node),
			      "%s: parent of node %d", path, node);
		if (ph)
			ck_assert_int_eq(dt_by_phandle(fdt, ph),
					 fdt_node_offset_by_phandle(fdt, ph));
	}
	ck_assert_msg(dt_cache_size() == nodes, "%s: cache holds %d of %d "
		      "nodes", path, dt_cache_size(), nodes);
	ck_assert_int_eq(dt_by_phandle(fdt, 0), -FDT_ERR_BADPHANDLE);
	ck_assert_int_eq(dt_by_phandle(fdt, 0x7fffabcd), -FDT_ERR_NOTFOUND);
	dt_cache_drop();
	ck_assert_int_eq(dt_cache_size(), 0);
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
