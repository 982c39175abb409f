#include <osprey/platform.h>

#include "lib/board.h"
#include "xen/guest.h"

int osprey_platform(struct osprey_platform *p)
{
	unsigned int i;

	p->board = board_name();
	p->cpu = board_cpu_index();
	p->cpus = board->cpu_count ? board->cpu_count : 1;
	p->gic = board->gic.version;
	p->ram_bytes = 0;
	for (i = 0; i < board->ram_count; i++)
		p->ram_bytes += board->ram[i].size;
	p->xen = xen->present;
	p->dom0 = xen->present && xen->dom0;
	p->xen_major = xen->present ? xen->major : 0;
	p->xen_minor = xen->present ? xen->minor : 0;
	p->bootargs = board->bootargs;
	return 0;
}
