/*
 * The shell's file commands, through the POSIX calls a program makes
 * (lib/file.c, lib/dir.c) on the 9pfs shares mounted at /TAG:
 *   ls [PATH]          the entries of a directory ("/" lists the shares),
 *                      "d" or "-", the size, the name
 *   cat PATH           a file's bytes on the console
 *   write PATH TEXT    a file holding TEXT and a newline (made, or
 *                      emptied first)
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "apps/file_cmd.h"
#include "kernel/printk.h"
#include "lib/errno_map.h"

#define PATH_LEN	256

static void cmd_ls(const char *dir)
{
	char path[PATH_LEN];
	struct dirent *e;
	struct stat st;
	DIR *d;
	int n = 0;

	if (!*dir)
		dir = "/";
	d = opendir(dir);
	if (!d) {
		printk("ls: %s: %s\n", dir, errno_text(errno));
		return;
	}
	errno = 0;
	while ((e = readdir(d))) {
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (stat(path, &st) != 0)
			st = (struct stat){ .st_mode = 0 };
		printk("%c %10lld %s\n", e->d_type == DT_DIR ? 'd' : '-',
		       (long long)st.st_size, e->d_name);
		n++;
		errno = 0;
	}
	if (errno)
		printk("ls: %s: %s\n", dir, errno_text(errno));
	closedir(d);
	printk("%d entr%s\n", n, n == 1 ? "y" : "ies");
}

static void cmd_cat(const char *path)
{
	char buf[512];
	ssize_t n;
	int fd = open(path, O_RDONLY);

	if (fd < 0) {
		printk("cat: %s: %s\n", path, errno_text(errno));
		return;
	}
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		console_write(buf, (size_t)n);
	if (n < 0)
		printk("cat: %s: %s\n", path, errno_text(errno));
	close(fd);
}

static void cmd_write(char *arg)
{
	char *text = strchr(arg, ' ');
	size_t len;
	int fd;

	if (!text || text == arg) {
		printk("usage: write PATH TEXT\n");
		return;
	}
	*text++ = '\0';
	len = strlen(text);
	text[len++] = '\n';	/* over the terminator: the shell's line has room */
	fd = open(arg, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0) {
		printk("write: %s: %s\n", arg, errno_text(errno));
		return;
	}
	if (write(fd, text, len) != (ssize_t)len)
		printk("write: %s: %s\n", arg, errno_text(errno));
	if (close(fd) != 0)
		printk("write: %s: %s\n", arg, errno_text(errno));
}

bool file_command(const char *cmd, char *arg)
{
	if (strcmp(cmd, "ls") == 0)
		cmd_ls(arg);
	else if (strcmp(cmd, "cat") == 0)
		cmd_cat(arg);
	else if (strcmp(cmd, "write") == 0)
		cmd_write(arg);
	else
		return false;
	return true;
}
