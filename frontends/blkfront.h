/*
 * blkfront: the XenBus "vbd" devices (xl's disk=) as the kernel's block
 * devices (kernel/block.h), following xen/io/blkif.h.  Each disk is named
 * by its virtual-device ("xvda") and uses, where its backend offers them,
 * a multi-page ring, indirect descriptors and persistent grants.
 */
#ifndef XEN_BLKFRONT_H
#define XEN_BLKFRONT_H

/*
 * Register the driver with XenBus (before xenbus_start, or later for
 * disks attached later).  options is bootargs' "blkfront=" value, a comma
 * list turning throughput features off for measurements: "no-persistent",
 * "no-indirect", "ring-order=N" (0 for one page); NULL or "" for all on.
 * 0, or xenbus_register's error.
 */
int blkfront_register(const char *options);

#endif
