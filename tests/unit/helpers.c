#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

void *load_file(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	long len;
	void *buf;

	ck_assert_msg(f != NULL, "cannot open %s (run from the repo root, "
		      "after building the crafted DTBs)", path);
	ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
	len = ftell(f);
	ck_assert_msg(len > 0, "%s is empty", path);
	rewind(f);
	buf = malloc((size_t)len);
	ck_assert_ptr_nonnull(buf);
	ck_assert_msg(fread(buf, 1, (size_t)len, f) == (size_t)len,
		      "short read on %s", path);
	fclose(f);
	*size = (size_t)len;
	return buf;
}

void probe_file(const char *path, struct platform *p)
{
	size_t size;
	void *blob = load_file(path, &size);
	int rc;

	memset(p, 0xa5, sizeof(*p));	/* the probe must set every field */
	rc = fdt_probe(blob, size, p);
	/*
	 * Free before the caller looks at *p: the struct must hold no
	 * pointer into the blob (ASan would catch one being used).
	 */
	memset(blob, 0, size);
	free(blob);
	ck_assert_msg(rc == 0, "fdt_probe(%s) = %d, first error: %s", path,
		      rc, p->error_count > 0 ? p->errors[0] : "(none)");
	check_errors_sane(p);
}

void check_errors_sane(const struct platform *p)
{
	unsigned int i;

	ck_assert_uint_le(p->error_count, PLATFORM_MAX_ERRORS);
	for (i = 0; i < p->error_count; i++) {
		ck_assert_msg(memchr(p->errors[i], '\0', PLATFORM_ERROR_LEN)
			      != NULL, "errors[%u] is not terminated", i);
		ck_assert_msg(p->errors[i][0] != '\0', "errors[%u] is empty",
			      i);
	}
}

bool has_error(const struct platform *p, const char *needle)
{
	unsigned int i;

	check_errors_sane(p);
	for (i = 0; i < p->error_count; i++)
		if (strstr(p->errors[i], needle) != NULL)
			return true;
	return false;
}

static void collect_line(void *ctx, const char *line)
{
	struct report *r = ctx;

	ck_assert_ptr_nonnull(line);
	ck_assert_msg(strlen(line) < REPORT_LINE_LEN, "report line too long");
	ck_assert_msg(r->count < REPORT_MAX_LINES, "too many report lines");
	strcpy(r->line[r->count++], line);
}

void collect_report(const struct platform *p, struct report *r)
{
	memset(r, 0, sizeof(*r));
	platform_report(p, collect_line, r);
}

void assert_dir_covered(const char *dir, const char *suffix,
			const char *const *names, unsigned int n)
{
	size_t slen = strlen(suffix);
	DIR *d = opendir(dir);
	struct dirent *e;
	unsigned int seen = 0, i;

	ck_assert_msg(d != NULL, "cannot open %s", dir);
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);
		bool found = false;

		if (len <= slen || strcmp(e->d_name + len - slen, suffix) != 0)
			continue;
		for (i = 0; i < n; i++)
			if (strlen(names[i]) == len - slen &&
			    strncmp(names[i], e->d_name, len - slen) == 0)
				found = true;
		ck_assert_msg(found, "%s/%s has no test case", dir, e->d_name);
		seen++;
	}
	closedir(d);
	ck_assert_msg(seen == n, "%s: %u files for %u test cases", dir, seen,
		      n);
}

unsigned int each_kernel_errno(void (*fn)(const char *name, long number))
{
	FILE *f = fopen("kernel/errno.h", "r");
	char line[200], name[64], *end;
	unsigned int count = 0;
	long number;
	int at;

	ck_assert_msg(f != NULL, "kernel/errno.h: run from the repo root");
	while (fgets(line, sizeof(line), f)) {
		at = 0;
		if (sscanf(line, "#define %63s %n", name, &at) != 1 ||
		    name[0] != 'E' || !at)
			continue;
		number = strtol(line + at, &end, 10);
		if (end == line + at)
			continue;
		fn(name, number);
		count++;
	}
	fclose(f);
	return count;
}

void put_be32(void *blob, size_t offset, uint32_t value)
{
	unsigned char *b = (unsigned char *)blob + offset;

	b[0] = (unsigned char)(value >> 24);
	b[1] = (unsigned char)(value >> 16);
	b[2] = (unsigned char)(value >> 8);
	b[3] = (unsigned char)value;
}

uint32_t inet_sum16(uint32_t sum, const uint8_t *p, size_t len)
{
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)p[i] << 8 | p[i + 1];
	if (len & 1)
		sum += (uint32_t)p[len - 1] << 8;
	return sum;
}

uint16_t inet_fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)sum;
}
