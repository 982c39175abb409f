/*
 * lwIP's operating-system types (lwip/sys.h includes this), on the
 * kernel's counting semaphores, recursive mutexes and threads.  Each is
 * held by value where lwIP declares it (in a netconn, in the tcpip
 * thread's state), so creating one allocates nothing but a mailbox's slots.
 */
#ifndef NET_ARCH_SYS_ARCH_H
#define NET_ARCH_SYS_ARCH_H

#include <stdbool.h>

#include "kernel/mutex.h"
#include "kernel/sem.h"

typedef struct {
	struct sem sem;
	bool valid;
} sys_sem_t;

typedef struct {
	struct mutex mutex;
	bool valid;
} sys_mutex_t;

/*
 * A bounded queue of pointers: `used` counts the messages a fetch may
 * take, `free` the slots a post may fill; the ring itself is changed
 * only inside sys_arch_protect().
 */
typedef struct {
	void **slots;		/* NULL: not valid */
	unsigned int size, head, count;
	struct sem used, free;
} sys_mbox_t;

typedef struct thread *sys_thread_t;

#define SYS_MBOX_NULL	NULL
#define SYS_SEM_NULL	NULL

/* The interrupt mask sys_arch_protect() saved. */
typedef unsigned long sys_prot_t;

#endif
