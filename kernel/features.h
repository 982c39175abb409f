#ifndef KERNEL_FEATURES_H
#define KERNEL_FEATURES_H

/*
 * What an image is built with (make NET=n BLK=n P9FS=n): 1 or 0, for the few
 * places that wire a left-out part in.  The build leaves the part's files
 * out of the link; these keep its callers from naming them.  All are on
 * unless the Makefile says otherwise (host builds, lint).
 */
#ifndef OSPREY_NET
#define OSPREY_NET 1	/* netfront, lwIP and the network apps */
#endif
#ifndef OSPREY_BLK
#define OSPREY_BLK 1	/* blkfront, the block layer and the disk app */
#endif
#ifndef OSPREY_9PFS
#define OSPREY_9PFS 1	/* the 9pfs frontend, files and the file commands */
#endif

#endif
