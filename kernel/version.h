#ifndef KERNEL_VERSION_H
#define KERNEL_VERSION_H

#define KERNEL_NAME	"Osprey"
#define KERNEL_VERSION	"0.1.0"

#endif
