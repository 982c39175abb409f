/* <osprey/net.h> on the links lwIP holds (net/netif_glue.h). */
#include <errno.h>
#include <string.h>

#include <osprey/net.h>

#include "lib/errno_map.h"
#include "net/netif_glue.h"

_Static_assert(sizeof(((struct osprey_net_interface *)0)->name) ==
	       sizeof(((struct net_link_state *)0)->name),
	       "an interface's name fits both");

int osprey_net_interface(unsigned int index,
			 struct osprey_net_interface *ifc)
{
	struct net_link_state s;
	int err;

	if (!ifc)
		return -EINVAL;
	err = net_link_state(index, &s);
	if (err)
		return -errno_from_kernel(err);
	memcpy(ifc->name, s.name, sizeof(ifc->name));
	memcpy(ifc->mac, s.mac, sizeof(ifc->mac));
	ifc->link_up = s.link_up;
	ifc->dhcp = s.dhcp;
	ifc->is_default = s.is_default;
	/* The bytes as they are on the wire: network order in memory. */
	memcpy(&ifc->address, s.address, 4);
	memcpy(&ifc->netmask, s.netmask, 4);
	memcpy(&ifc->gateway, s.gateway, 4);
	return 0;
}
