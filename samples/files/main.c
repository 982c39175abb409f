/*
 * files: a small file tool over the 9pfs shares, with nothing but POSIX
 * and stdio.  Each share of the guest's config is a directory at /TAG:
 *
 *   p9 = [ "tag=share,path=/srv/share,security_model=none,type=xen_9pfsd,backend=0" ]
 *   extra = "-- ls /share cat /share/hello.txt cp /share/a /share/b"
 *
 * The arguments are verbs, run in order, each with its operands:
 *   ls DIR            each entry: "d" or "-", its size, its name
 *   cat FILE          the file's bytes (open, read)
 *   cp SRC DST        copy with stdio (fopen, fread, fwrite, fclose)
 *   stat PATH         "PATH: size N, dir|file"
 *   mkdir DIR, rmdir DIR, rm FILE, mv FROM TO
 *   wait-gone PATH S  until PATH does not exist, at most S seconds
 * It says "files: VERB ... ok" or "files: VERB ...: ERROR" for each, goes
 * on with the next either way, and ends with "files: all done" (status
 * 0) or "files: N failed" (status 1).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static int failed(const char *verb, const char *path)
{
	printf("files: %s %s: %s\n", verb, path, strerror(errno));
	return 1;
}

static int do_ls(const char *dir)
{
	char path[512];
	struct dirent *e;
	struct stat st;
	DIR *d = opendir(dir);

	if (!d)
		return failed("ls", dir);
	errno = 0;
	while ((e = readdir(d))) {
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (stat(path, &st) != 0) {
			closedir(d);
			return failed("ls: stat", path);
		}
		printf("files: ls %c %lld %s\n", S_ISDIR(st.st_mode) ? 'd' : '-',
		       (long long)st.st_size, e->d_name);
		errno = 0;
	}
	if (errno) {
		closedir(d);
		return failed("ls", dir);
	}
	closedir(d);
	return 0;
}

static int do_cat(const char *file)
{
	char buf[256];
	ssize_t n;
	int fd = open(file, O_RDONLY);

	if (fd < 0)
		return failed("cat", file);
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		fwrite(buf, 1, (size_t)n, stdout);
	if (n < 0) {
		close(fd);
		return failed("cat", file);
	}
	fflush(stdout);
	return close(fd) ? failed("cat", file) : 0;
}

/*
 * stdio's own buffer is BUFSIZ (512 bytes in picolibc): each refill
 * would be a round trip to dom0.  32 KiB each way, the share's message
 * size, makes it one or two per 32 KiB.
 */
#define CP_STDIO_BUF	32768

static int do_cp(const char *from, const char *to)
{
	static char buf[16384], in_buf[CP_STDIO_BUF], out_buf[CP_STDIO_BUF];
	long long total = 0;
	size_t n;
	FILE *in = fopen(from, "rb"), *out;

	if (!in)
		return failed("cp", from);
	out = fopen(to, "wb");
	if (!out) {
		fclose(in);
		return failed("cp", to);
	}
	if (setvbuf(in, in_buf, _IOFBF, sizeof(in_buf)) ||
	    setvbuf(out, out_buf, _IOFBF, sizeof(out_buf))) {
		fclose(in);
		fclose(out);
		return failed("cp: setvbuf", from);
	}
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0) {
		if (fwrite(buf, 1, n, out) != n)
			break;
		total += (long long)n;
	}
	if (ferror(in) || ferror(out)) {
		const char *which = ferror(in) ? from : to;

		fclose(in);
		fclose(out);
		return failed("cp", which);
	}
	fclose(in);
	if (fclose(out))
		return failed("cp", to);
	printf("files: cp %s %s: %lld bytes\n", from, to, total);
	return 0;
}

static int do_stat(const char *path)
{
	struct stat st;

	if (stat(path, &st))
		return failed("stat", path);
	printf("files: stat %s: size %lld, %s\n", path, (long long)st.st_size,
	       S_ISDIR(st.st_mode) ? "dir" : "file");
	return 0;
}

static int do_wait_gone(const char *path, int secs)
{
	struct timespec tick = { .tv_nsec = 100000000 };
	struct stat st;
	int i;

	printf("files: waiting for %s to go\n", path);
	fflush(stdout);
	for (i = 0; i < secs * 10; i++) {
		if (stat(path, &st) != 0)
			return errno == ENOENT ? 0 : failed("wait-gone", path);
		nanosleep(&tick, NULL);
	}
	errno = ETIMEDOUT;
	return failed("wait-gone", path);
}

/* Run the verb at argv[0]: how many words it took (*failed set if it
 * failed), or -1 for no verb or missing operands. */
static int run(int argc, char **argv, int *failed_count)
{
	const char *v = argv[0];
	int two = argc >= 3, one = argc >= 2, r;

	if (strcmp(v, "ls") == 0 && one)
		r = do_ls(argv[1]);
	else if (strcmp(v, "cat") == 0 && one)
		r = do_cat(argv[1]);
	else if (strcmp(v, "cp") == 0 && two)
		r = do_cp(argv[1], argv[2]);
	else if (strcmp(v, "stat") == 0 && one)
		r = do_stat(argv[1]);
	else if (strcmp(v, "mkdir") == 0 && one)
		r = mkdir(argv[1], 0755) ? failed("mkdir", argv[1]) : 0;
	else if (strcmp(v, "rmdir") == 0 && one)
		r = rmdir(argv[1]) ? failed("rmdir", argv[1]) : 0;
	else if (strcmp(v, "rm") == 0 && one)
		r = unlink(argv[1]) ? failed("rm", argv[1]) : 0;
	else if (strcmp(v, "mv") == 0 && two)
		r = rename(argv[1], argv[2]) ? failed("mv", argv[1]) : 0;
	else if (strcmp(v, "wait-gone") == 0 && two)
		r = do_wait_gone(argv[1], (int)strtol(argv[2], NULL, 10));
	else {
		printf("files: '%s' is no verb, or lacks operands\n", v);
		return -1;
	}
	if (r)
		(*failed_count)++;
	else
		printf("files: %s %s ok\n", v, argv[1]);
	two = strcmp(v, "cp") == 0 || strcmp(v, "mv") == 0 ||
	      strcmp(v, "wait-gone") == 0;
	return two ? 3 : 2;
}

int main(int argc, char **argv)
{
	int i = 1, n, failed_count = 0;

	while (i < argc) {
		n = run(argc - i, argv + i, &failed_count);
		if (n < 0)
			return 1;
		i += n;
	}
	if (failed_count) {
		printf("files: %d failed\n", failed_count);
		return 1;
	}
	printf("files: all done\n");
	return 0;
}
