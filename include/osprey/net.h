/*
 * The network's state: each interface the kernel put on its TCP/IP stack
 * (one per Xen vif, vif=[...] in the domain's config), with its IPv4
 * configuration.  An interface comes up when its vif connects, with the
 * static address of "ip=A.B.C.D/N gw=A.B.C.D" in bootargs (the first vif
 * only) or by DHCP, and goes away when the vif is detached.
 */
#ifndef OSPREY_NET_H
#define OSPREY_NET_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Addresses are in network byte order, as in struct in_addr's s_addr
 * (inet_ntop(AF_INET, &address, ...) prints them).
 */
struct osprey_net_interface {
	char name[8];		/* "en0" */
	uint8_t mac[6];
	bool link_up;		/* its device is connected */
	bool dhcp;		/* configured by DHCP, else static */
	bool is_default;	/* the default route goes through it */
	uint32_t address;	/* 0 until it has one (DHCP's lease) */
	uint32_t netmask;
	uint32_t gateway;	/* 0: none */
};

/*
 * The index-th interface (from 0) into *ifc: 0; -ENODEV when there is no
 * such interface (none at all without a vif: the stack then never
 * starts), -EINVAL for a NULL ifc (negative errno values of <errno.h>).
 */
int osprey_net_interface(unsigned int index,
			 struct osprey_net_interface *ifc);

#ifdef __cplusplus
}
#endif

#endif
