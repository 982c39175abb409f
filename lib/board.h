/*
 * What the boot discovered, for the apps and for programs (through
 * <osprey/platform.h>).  init/main.c (the boot wiring, above every
 * folder) publishes it once before the first thread; it is read-only
 * afterwards.
 */
#ifndef LIB_BOARD_H
#define LIB_BOARD_H

#include <stdint.h>

#include "fdt/platform.h"

/* CNTVCT at the first instruction and at the first console line. */
struct boot_ticks {
	uint64_t entry;
	uint64_t first_line;
};

/* Written only by board_publish(); NULL before it. */
extern const struct platform *board;
extern struct boot_ticks boot_ticks;

/* Called once by init/main.c, before any thread exists. */
void board_publish(const struct platform *p, const struct boot_ticks *t);

const char *board_name(void);
/* Our index in the DT's /cpus (0 if the DT did not list us). */
unsigned int board_cpu_index(void);

#endif
