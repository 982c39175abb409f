/*
 * The name of a virtual block device from its XenStore "virtual-device"
 * number, as xl's vdev= spells it: 51712 is xvda, 51728 xvdb, (1 << 28 |
 * 26 << 8) xvdaa; sd and hd numbers too (Xen's docs/misc/vbd-interface
 * .txt).  Pure code: the host unit tests run it.
 */
#ifndef XEN_VBD_NAME_H
#define XEN_VBD_NAME_H

#include <stddef.h>
#include <stdint.h>

/*
 * The name ("xvda", "xvdb3") in buf: its length, -EINVAL for a number
 * that encodes no disk, or -ENAMETOOLONG if it does not fit in len.
 */
int vbd_name(uint32_t vdev, char *buf, size_t len);

#endif
