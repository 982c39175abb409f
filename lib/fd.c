/*
 * read, write, close and the file calls picolibc's stdio makes, on the
 * descriptor table (lib/fd.h): the console, sockets (lib/socket.c) and
 * files on 9pfs shares (lib/file.c, which has open() and the calls on
 * paths).  An image built without 9pfs (P9FS=n) has no file system:
 * opening a path fails with ENOENT.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kernel/features.h"
#include "kernel/mutex.h"
#include "kernel/printk.h"
#include "kernel/thread.h"
#include "lib/fd.h"
#include "lib/tty_line.h"


/* Set once by lib/socket.c, before its first socket. */
static const struct fd_socket_ops *socket_ops;
/* Set once by lib/file.c, before its first file. */
static const struct fd_file_ops *file_ops;

void fd_set_file_ops(const struct fd_file_ops *ops)
{
	file_ops = ops;
}

void fd_set_socket_ops(const struct fd_socket_ops *ops)
{
	socket_ops = ops;
}

const struct fd_socket_ops *fd_socket_ops(void)
{
	return socket_ops;
}

static bool is_console(int fd)
{
	return fd >= 0 && fd < FD_FIRST_SOCKET;
}

static int fail(int err)
{
	errno = err;
	return -1;
}

/* The line being typed (lib/tty_line.h): edited and taken only by the
 * thread holding console_line_lock, so that two threads reading stdin
 * never take the same bytes.  Both zeroed are ready. */
static struct tty_line console_line;
static struct mutex console_line_lock;

/* Typed keys into the line until it is ready (wait: polling the console
 * while none come), or none wait; false at a console error. */
static bool console_fill(bool wait)
{
	long got;
	char c;

	while (!tty_line_ready(&console_line)) {
		got = console_read(&c, 1);
		if (got < 0)
			return false;	/* no console input at all: the end */
		if (got == 0) {
			if (!wait)
				break;
			thread_sleep_ms(FD_CONSOLE_POLL_MS);
		} else {
			tty_line_key(&console_line, c, console_write);
		}
	}
	return true;
}

size_t fd_console_read(char *buf, size_t len)
{
	size_t n = 0;

	if (len == 0)
		return 0;
	mutex_lock(&console_line_lock, WAIT_FOREVER);
	if (console_fill(true))
		n = tty_line_take(&console_line, buf, len);
	mutex_unlock(&console_line_lock);
	return n;
}

/*
 * As a terminal in canonical mode: stdin is readable once a line (or
 * the end of input) is there.  Keys typed meanwhile are edited and
 * echoed here too.  A thread already waiting in read() owns the line:
 * then nothing is ready for anyone else.
 */
bool fd_console_ready(void)
{
	bool ready;

	if (mutex_lock(&console_line_lock, 0))
		return false;
	/* A console error is ready too: the read will say so. */
	ready = !console_fill(false) || tty_line_ready(&console_line);
	mutex_unlock(&console_line_lock);
	return ready;
}

int fd_console_getc(void)
{
	char c;

	return fd_console_read(&c, 1) ? (unsigned char)c : -1;
}

ssize_t read(int fd, void *buf, size_t len)
{
	if (fd == STDIN_FILENO)
		return (ssize_t)fd_console_read(buf, len);
	if (is_console(fd))
		return fail(EBADF);
	if (fd_is_file(fd))
		return file_ops ? file_ops->read(fd, buf, len) : fail(EBADF);
	if (!socket_ops || fd < FD_FIRST_SOCKET)
		return fail(EBADF);
	return socket_ops->read(fd, buf, len);
}

ssize_t write(int fd, const void *buf, size_t len)
{
	if (fd == STDOUT_FILENO || fd == STDERR_FILENO) {
		console_write(buf, len);
		return (ssize_t)len;
	}
	if (fd_is_file(fd))
		return file_ops ? file_ops->write(fd, buf, len) : fail(EBADF);
	if (is_console(fd) || !socket_ops || fd < FD_FIRST_SOCKET)
		return fail(EBADF);
	return socket_ops->write(fd, buf, len);
}

int close(int fd)
{
	if (is_console(fd))
		return 0;	/* the console stays; closing it is harmless */
	if (fd_is_file(fd))
		return file_ops ? file_ops->close(fd) : fail(EBADF);
	if (!socket_ops || fd < FD_FIRST_SOCKET)
		return fail(EBADF);
	return socket_ops->close(fd);
}

int fcntl(int fd, int cmd, ...)
{
	va_list ap;
	int val;

	va_start(ap, cmd);
	val = va_arg(ap, int);
	va_end(ap);
	if (is_console(fd)) {
		if (cmd == F_GETFL)
			return fd == STDIN_FILENO ? O_RDONLY : O_WRONLY;
		if (cmd == F_GETFD || cmd == F_SETFD)
			return 0;
		return fail(ENOSYS);
	}
	if (fd_is_file(fd)) {
		int fl = file_ops ? file_ops->getfl(fd) : fail(EBADF);

		if (fl < 0 || cmd == F_GETFL)
			return fl;
		if (cmd == F_GETFD || cmd == F_SETFD)
			return 0;	/* no exec: FD_CLOEXEC means nothing */
		return fail(ENOSYS);
	}
	if (!socket_ops || fd < FD_FIRST_SOCKET)
		return fail(EBADF);
	return socket_ops->fcntl(fd, cmd, val);
}

int isatty(int fd)
{
	return is_console(fd) ? 1 : (errno = ENOTTY, 0);
}

int fstat(int fd, struct stat *st)
{
	if (is_console(fd)) {
		*st = (struct stat){ .st_mode = S_IFCHR | 0620 };
		return 0;
	}
	if (fd_is_file(fd))
		return file_ops ? file_ops->fstat(fd, st) : fail(EBADF);
	if (fd < FD_FIRST_SOCKET || !socket_ops || !socket_ops->is_open(fd))
		return fail(EBADF);
	*st = (struct stat){ .st_mode = S_IFSOCK | 0777 };
	return 0;
}

off_t lseek(int fd, off_t offset, int whence)
{
	if (fd_is_file(fd))
		return file_ops ? file_ops->lseek(fd, offset, whence) :
				  fail(EBADF);
	return fail(is_console(fd) || fd >= FD_FIRST_SOCKET ? ESPIPE :
		    EBADF);
}

#if !OSPREY_9PFS
/* No file system in this image: every path is missing. */
int open(const char *path, int flags, ...)
{
	(void)path;
	(void)flags;
	return fail(ENOENT);
}

int unlink(const char *path)
{
	(void)path;
	return fail(ENOENT);
}

int rename(const char *from, const char *to)
{
	(void)from;
	(void)to;
	return fail(ENOENT);
}
#endif
