/*
 * The program's start, linked into an image only with a program (the
 * product's samples/synchronization, or `make APP=DIR`): what crt0 does
 * on a hosted system.  Its words from bootargs become argv and environ
 * (kernel/program_args.h), main() runs in the first thread, and its
 * return is exit()'s: atexit handlers, stdout flushed, then 0 powers the
 * guest off and anything else crashes it with the status in the log
 * (lib/exit.c).
 *
 * PROGRAM_NAME is argv[0] and the app's name for app=, from the
 * program's folder, and PROGRAM_STACK the first thread's stack in bytes
 * (APP_STACK in its app.mk; 0 for the kernel's default): the Makefile
 * passes both.
 */
#include <stdio.h>
#include <stdlib.h>

#include "kernel/app.h"
#include "lib/board.h"
#include "kernel/program_args.h"

#ifndef PROGRAM_NAME
#define PROGRAM_NAME "main"	/* the Makefile names it; lint does not */
#endif
#ifndef PROGRAM_STACK
#define PROGRAM_STACK 0
#endif

int main(int argc, char **argv);
extern char **environ;

static void program_start(void)
{
	const char *bootargs = board ? board->bootargs : "";
	size_t bytes = program_args_bytes(bootargs, PROGRAM_NAME);
	size_t nslots = program_args_slots(bootargs);
	char *buf = malloc(bytes);
	char **slots = calloc(nslots, sizeof(*slots));
	struct program_args args;
	int err;

	if (!buf || !slots) {
		fprintf(stderr, "%s: no memory for its arguments\n",
			PROGRAM_NAME);
		exit(EXIT_FAILURE);
	}
	err = program_args_split(bootargs, PROGRAM_NAME, buf, bytes, slots,
				 nslots, &args);
	if (err) {
		/* Only an open quote can fail here: the sizes were asked. */
		fprintf(stderr, "%s: bootargs \"%s\": a quote is not closed\n",
			PROGRAM_NAME, bootargs);
		exit(EXIT_FAILURE);
	}
	environ = args.envp;
	exit(main(args.argc, args.argv));
}

APP_REGISTER_PROGRAM(PROGRAM_NAME, program_start, PROGRAM_STACK);
