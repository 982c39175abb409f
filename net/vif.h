/*
 * Xen vifs on lwIP: netfront's ops (frontends/netfront.h) implemented on the
 * netif glue (net/netif_glue.h).  The composition root hands them to
 * netfront; a guest with no vif never starts lwIP.
 */
#ifndef NET_VIF_H
#define NET_VIF_H

struct netfront_ops;

/*
 * The ops for netfront_set_ops().  bootargs (kept, not copied) may hold
 * "ip=A.B.C.D/N gw=A.B.C.D": the first vif up gets that address, every
 * other one (and all without ip=) asks DHCP.
 */
const struct netfront_ops *net_vif_ops(const char *bootargs);

#endif
