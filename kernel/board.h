/* What the running kernel discovered, for apps and drivers to ask. */
#ifndef KERNEL_BOARD_H
#define KERNEL_BOARD_H

#include "fdt/platform.h"

/* Filled once by kernel_main() from the DTB, read-only afterwards. */
extern const struct platform *const board;

const char *board_name(void);
/* Our index in the DT's /cpus (0 if the DT did not list us). */
unsigned int board_cpu_index(void);

#endif
