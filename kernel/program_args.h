/*
 * A program's arguments and environment from bootargs, the way Linux
 * hands them to init: the words after a lone "--" are argv[1..], and the
 * KEY=VALUE words before it are the environment (the kernel's own
 * options among them, as Linux's init sees its unknown ones).  A word may
 * hold spaces inside single or double quotes, which are dropped:
 * extra="-- -e 'print(6*7)'" gives argv[1] "-e", argv[2] "print(6*7)".
 */
#ifndef KERNEL_PROGRAM_ARGS_H
#define KERNEL_PROGRAM_ARGS_H

#include <stddef.h>

struct program_args {
	int argc;
	char **argv;	/* argc words, then NULL */
	char **envp;	/* KEY=VALUE words, then NULL */
};

/*
 * Room that program_args_split() needs for args: bytes for the words,
 * and slots for the two NULL-terminated arrays.
 */
size_t program_args_bytes(const char *args, const char *argv0);
size_t program_args_slots(const char *args);

/*
 * Split args into buf (the words, each NUL-terminated) and slots (argv,
 * then envp); argv[0] is argv0.  Returns 0, -E2BIG when buf or slots are
 * too small, or -EINVAL for a quote left open (nothing of args is then
 * used: a program must not start on half its arguments).
 */
int program_args_split(const char *args, const char *argv0, char *buf,
		       size_t buf_size, char **slots, size_t nslots,
		       struct program_args *out);

#endif
