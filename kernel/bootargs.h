/*
 * key=value words from /chosen/bootargs, e.g. "app=xen-peer rounds=100".
 * A key matches only as a whole word, and only before a lone "--"
 * (the words after it are the program's: kernel/program_args.h).
 */
#ifndef KERNEL_BOOTARGS_H
#define KERNEL_BOOTARGS_H

#include <stdbool.h>
#include <stddef.h>

/* Copy KEY's value into buf (truncated to len - 1); false if absent. */
bool bootarg(const char *args, const char *key, char *buf, size_t len);
/* KEY's value as a number (0x.. allowed), or fallback if absent. */
unsigned long bootarg_ulong(const char *args, const char *key,
			    unsigned long fallback);

/*
 * The next word of a comma-separated list such as blkfront=a,b=1:
 * copied into word (truncated to len - 1), *list moved past it; false
 * when the list is done.  Empty words are skipped.
 */
bool bootarg_next_option(const char **list, char *word, size_t len);

#endif
