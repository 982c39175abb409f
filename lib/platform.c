#include <stdlib.h>
#include <string.h>

#include <osprey/platform.h>
#include <osprey/xenstore.h>

#include "lib/board.h"
#include "xen/guest.h"

/* The domain's id and name from XenStore: false without them. */
static bool read_identity(struct osprey_platform *p)
{
	char domid[12];
	char *end;
	long id;

	if (osprey_xenstore_read("domid", domid, sizeof(domid)) < 0 ||
	    osprey_xenstore_read("name", p->name, sizeof(p->name)) < 0)
		return false;
	id = strtol(domid, &end, 10);
	if (end == domid || *end || id < 0 || id >= 0x7ff0)
		return false;	/* not a domid (DOMID_FIRST_RESERVED) */
	p->domid = (int)id;
	return true;
}

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
	p->domid = p->dom0 ? 0 : -1;
	p->name[0] = '\0';
	if (!p->dom0 && !read_identity(p)) {
		p->domid = -1;
		p->name[0] = '\0';
	}
	return 0;
}
