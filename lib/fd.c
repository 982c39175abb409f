/*
 * read, write, close and the file calls picolibc's stdio makes, on the
 * descriptor table (lib/fd.h).  There is no file system: opening a path
 * fails with ENOENT, and the calls that need a file say EBADF or ENOSYS.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kernel/mutex.h"
#include "kernel/printk.h"
#include "kernel/thread.h"
#include "lib/fd.h"

#define CTRL_D		0x04

/* Set once by lib/socket.c, before its first socket. */
static const struct fd_socket_ops *socket_ops;

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

/*
 * A byte of console input that fd_console_ready() saw and no read took
 * yet (-1: none), under console_lock, which is never held while waiting.
 * All zero is an unlocked mutex.
 */
static struct mutex console_lock;
static int console_ahead = -1;

/* A byte of input if one waits (from console_ahead first), else 0 if
 * none, or -1 at a console error. */
static long console_take(char *c)
{
	long n = 1;

	(void)mutex_lock(&console_lock, WAIT_FOREVER);
	if (console_ahead >= 0)
		*c = (char)console_ahead;
	else
		n = console_read(c, 1);
	console_ahead = -1;
	(void)mutex_unlock(&console_lock);
	return n;
}

bool fd_console_ready(void)
{
	bool ready = true;
	long n;
	char c;

	(void)mutex_lock(&console_lock, WAIT_FOREVER);
	if (console_ahead < 0) {
		n = console_read(&c, 1);
		if (n == 1)
			console_ahead = (unsigned char)c;
		/* An error is ready too: the read will say so. */
		ready = n != 0;
	}
	(void)mutex_unlock(&console_lock);
	return ready;
}

int fd_console_getc(void)
{
	char c;
	long n;

	while ((n = console_take(&c)) == 0)
		thread_sleep_ms(FD_CONSOLE_POLL_MS);
	if (n < 0 || c == CTRL_D)
		return -1;
	/* A terminal sends CR for Enter; C programs expect '\n' (ICRNL). */
	return c == '\r' ? '\n' : (unsigned char)c;
}

ssize_t read(int fd, void *buf, size_t len)
{
	char *p = buf;
	size_t n = 0;
	int c;

	if (fd == STDIN_FILENO) {
		/* As a terminal in canonical mode: up to the end of a line. */
		while (n < len) {
			c = fd_console_getc();
			if (c < 0)
				break;
			p[n++] = (char)c;
			if (c == '\n')
				break;
		}
		return (ssize_t)n;
	}
	if (is_console(fd))
		return fail(EBADF);
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
	if (is_console(fd) || !socket_ops || fd < FD_FIRST_SOCKET)
		return fail(EBADF);
	return socket_ops->write(fd, buf, len);
}

int close(int fd)
{
	if (is_console(fd))
		return 0;	/* the console stays; closing it is harmless */
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
	if (fd < FD_FIRST_SOCKET || !socket_ops || !socket_ops->is_open(fd))
		return fail(EBADF);
	*st = (struct stat){ .st_mode = S_IFSOCK | 0777 };
	return 0;
}

off_t lseek(int fd, off_t offset, int whence)
{
	(void)offset;
	(void)whence;
	return fail(is_console(fd) || fd >= FD_FIRST_SOCKET ? ESPIPE :
		    EBADF);
}

/* No file system yet: every path is missing. */
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
