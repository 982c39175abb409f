/* What the running kernel discovered, for apps and drivers to ask. */
#ifndef KERNEL_BOARD_H
#define KERNEL_BOARD_H

#include "fdt/platform.h"

/* Filled once by kernel_main() from the DTB, read-only afterwards. */
extern const struct platform *const board;

/* CNTVCT at the first instruction, the first console line, app main. */
struct boot_ticks {
	uint64_t entry;
	uint64_t first_line;
	uint64_t app_main;
};
extern struct boot_ticks boot_ticks;

const char *board_name(void);
/* Our index in the DT's /cpus (0 if the DT did not list us). */
unsigned int board_cpu_index(void);

#endif
