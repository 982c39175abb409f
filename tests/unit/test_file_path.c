/*
 * The file layer's paths (lib/file_path.c): "/" and mounts, "." and
 * "..", which never climb above "/", repeated slashes, and the limits.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "helpers.h"
#include "lib/file_path.h"

static struct file_path p;

/* path resolves to tag and the names joined by '/' ("" for none). */
static void check(const char *path, const char *tag, const char *names)
{
	char joined[FILE_PATH_MAX] = "";
	unsigned int i;

	ck_assert_int_eq(file_resolve(path, &p), 0);
	ck_assert(!p.root);
	ck_assert_str_eq(p.tag, tag);
	for (i = 0; i < p.n; i++) {
		if (i)
			strcat(joined, "/");
		strcat(joined, p.names[i]);
	}
	ck_assert_str_eq(joined, names);
}

START_TEST(mounts_and_names)
{
	check("/share", "share", "");
	check("/share/", "share", "");
	check("/share/a/b.txt", "share", "a/b.txt");
	check("//share///a//b", "share", "a/b");
	/* No working directory: relative is from "/". */
	check("share/x.lua", "share", "x.lua");
}
END_TEST

START_TEST(dots)
{
	check("/share/./a/./b", "share", "a/b");
	check("/share/a/../b", "share", "b");
	check("/share/a/b/../../c", "share", "c");
	/* Out of one share into another, by "..". */
	check("/share/../other/f", "other", "f");
	/* ".." above "/" stays at "/". */
	check("/../../share/f", "share", "f");
	check("/share/a/..", "share", "");
}
END_TEST

START_TEST(root)
{
	const char *roots[] = { "/", "//", "/.", "/share/..", "/..", "." };
	unsigned int i;

	for (i = 0; i < sizeof(roots) / sizeof(roots[0]); i++) {
		ck_assert_int_eq(file_resolve(roots[i], &p), 0);
		ck_assert_msg(p.root, "%s is not the root", roots[i]);
		ck_assert_uint_eq(p.n, 0);
	}
}
END_TEST

START_TEST(limits)
{
	static char path[FILE_PATH_MAX + 8];
	char name[FILE_NAME_MAX + 2];
	unsigned int i;

	ck_assert_int_eq(file_resolve("", &p), -ENOENT);
	/* A name of FILE_NAME_MAX bytes, then one more. */
	memset(name, 'n', FILE_NAME_MAX);
	name[FILE_NAME_MAX] = '\0';
	snprintf(path, sizeof(path), "/s/%s", name);
	ck_assert_int_eq(file_resolve(path, &p), 0);
	ck_assert_uint_eq(strlen(p.names[0]), FILE_NAME_MAX);
	strcat(path, "n");
	ck_assert_int_eq(file_resolve(path, &p), -ENAMETOOLONG);
	/* FILE_PATH_NAMES names below the tag, then one more. */
	strcpy(path, "/s");
	for (i = 0; i < FILE_PATH_NAMES; i++)
		strcat(path, "/d");
	ck_assert_int_eq(file_resolve(path, &p), 0);
	ck_assert_uint_eq(p.n, FILE_PATH_NAMES);
	strcat(path, "/d");
	ck_assert_int_eq(file_resolve(path, &p), -ENAMETOOLONG);
	/* The limit is met on the way: a ".." after it does not undo it. */
	strcat(path, "/..");
	ck_assert_int_eq(file_resolve(path, &p), -ENAMETOOLONG);
	/* The whole path: FILE_PATH_MAX - 1 bytes fit, FILE_PATH_MAX not. */
	memset(path, '/', FILE_PATH_MAX - 1);
	path[FILE_PATH_MAX - 1] = '\0';
	ck_assert_int_eq(file_resolve(path, &p), 0);
	ck_assert(p.root);
	path[FILE_PATH_MAX - 1] = '/';
	path[FILE_PATH_MAX] = '\0';
	ck_assert_int_eq(file_resolve(path, &p), -ENAMETOOLONG);
}
END_TEST

Suite *file_path_suite(void)
{
	Suite *s = suite_create("file_path");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, mounts_and_names);
	tcase_add_test(tc, dots);
	tcase_add_test(tc, root);
	tcase_add_test(tc, limits);
	suite_add_tcase(s, tc);
	return s;
}
