#include "lib/board.h"
#include "boot/sysregs.h"

/* Owned by board_publish(), which init/main.c calls once at boot. */
const struct platform *board;
struct boot_ticks boot_ticks;

void board_publish(const struct platform *p, const struct boot_ticks *t)
{
	board = p;
	boot_ticks = *t;
}

const char *board_name(void)
{
	return platform_board_name(board);
}

unsigned int board_cpu_index(void)
{
	uint64_t mpidr = read_sysreg(mpidr_el1) & 0xff00ffffffULL;
	unsigned int i;

	for (i = 0; i < board->cpu_count; i++)
		if (board->cpu_mpidr[i] == mpidr)
			return i;
	return 0;
}
