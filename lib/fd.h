/*
 * Internal to lib/: the descriptor table.  0, 1 and 2 are the console;
 * from 3 up, descriptors are sockets, numbered as lwIP numbers them
 * (LWIP_SOCKET_OFFSET is 3), so no table of ours maps them; files on a
 * 9pfs share are FD_FIRST_FILE up (lib/file.c).  The socket and file
 * layers hand their operations in when they open their first
 * descriptor: a program that opens none does not link them.
 */
#ifndef LIB_FD_H
#define LIB_FD_H

#include <poll.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>
#include <sys/types.h>

#define FD_FIRST_SOCKET	3

struct fd_socket_ops {
	ssize_t (*read)(int fd, void *buf, size_t len);
	ssize_t (*write)(int fd, const void *buf, size_t len);
	int (*close)(int fd);
	int (*fcntl)(int fd, int cmd, int val);
	/* Sockets only in fds (lib/poll.c leaves the console out, and
	 * asks is_open first); -1 with POLLNVAL set on an fd that is no
	 * socket.  Leaves errno alone on success. */
	int (*poll)(struct pollfd *fds, nfds_t nfds, int timeout_ms);
	/* Whether fd is an open socket; errno left as it was. */
	bool (*is_open)(int fd);
};

/* Files: FD_FIRST_FILE .. FD_FIRST_FILE + FD_FILES - 1, under
 * OPEN_MAX (64); lib/socket.c checks that lwIP's numbers stay below. */
#define FD_FIRST_FILE	32
#define FD_FILES	32

struct fd_file_ops {
	ssize_t (*read)(int fd, void *buf, size_t len);
	ssize_t (*write)(int fd, const void *buf, size_t len);
	off_t (*lseek)(int fd, off_t offset, int whence);
	int (*close)(int fd);
	int (*fstat)(int fd, struct stat *st);
	/* Its O_ACCMODE and O_APPEND flags, or -1 (EBADF). */
	int (*getfl)(int fd);
};

/* Called by lib/file.c before its first file is open. */
void fd_set_file_ops(const struct fd_file_ops *ops);

static inline bool fd_is_file(int fd)
{
	return fd >= FD_FIRST_FILE && fd < FD_FIRST_FILE + FD_FILES;
}

/* Called by lib/socket.c before its first socket exists. */
void fd_set_socket_ops(const struct fd_socket_ops *ops);

/* The socket operations, or NULL while no socket was ever made. */
const struct fd_socket_ops *fd_socket_ops(void);

/* Up to len bytes of the console's input, as read() gives a terminal's
 * in canonical mode (lib/tty_line.h): waits for a finished line, never
 * returns past its end.  0 is the end of input (Ctrl-D on an empty
 * line, or a console that has no input). */
size_t fd_console_read(char *buf, size_t len);

/* One byte of console input, the same way: -1 for the end of input. */
int fd_console_getc(void);

/* Whether a read of stdin would not wait: a finished line (or the end
 * of input) is there.  Keys typed meanwhile go into the line, echoed. */
bool fd_console_ready(void);

/* How often a wait for console input looks for it, in ms: the console
 * raises no interrupt for input yet. */
#define FD_CONSOLE_POLL_MS	10

#endif
