/*
 * Xen's io/ring.h, with the barriers it leaves to its includer.  The
 * backend runs on another CPU of the same machine: inner-shareable
 * barriers (what the compiler emits for these fences on arm64) are
 * enough, and the same code builds for the host tests.
 */
#ifndef XEN_SHARED_RING_H
#define XEN_SHARED_RING_H

#include <string.h>

#include <xen/xen.h>

#define mb()	__atomic_thread_fence(__ATOMIC_SEQ_CST)
#define rmb()	__atomic_thread_fence(__ATOMIC_ACQUIRE)
#define wmb()	__atomic_thread_fence(__ATOMIC_RELEASE)
/* ring.h names them so for interface versions from 3.2.8 (the kernel's
 * build asks for the latest); older ones map these to the above. */
#if __XEN_INTERFACE_VERSION__ >= 0x00030208
#define xen_mb()	mb()
#define xen_rmb()	rmb()
#define xen_wmb()	wmb()
#endif

#include <xen/io/ring.h>

#endif
