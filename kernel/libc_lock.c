/*
 * picolibc's retargetable locks (<sys/lock.h>) on the kernel's mutexes.
 * malloc/free, atexit/exit, the environment, time zones, arc4random and
 * buffered FILEs take them; printf and puts do not (picolibc 1.8.10 is
 * built without per-FILE locking).
 *
 * All eight hooks and the one static lock picolibc names are defined
 * here, in one file: picolibc's libc_misc_lock.c.o defines the same
 * names as no-ops, and any one missing here would pull it in silently
 * (scripts/check-libc-link.sh fails the link if it is).
 *
 * Rules for callers: never from an interrupt handler (a lock may block);
 * before sched_start() there is one flow of control and no thread to own
 * a mutex, so the hooks do nothing then.
 */
#include <sys/lock.h>

#include "kernel/irq.h"
#include "kernel/mutex.h"
#include "kernel/panic.h"
#include "kernel/thread.h"

/* picolibc declares struct __lock and leaves its contents to us. */
struct __lock {
	struct mutex mutex;
	bool in_use;		/* a dynamic one handed out by lock_init */
};

/* picolibc's global lock (__LIBC_LOCK()).  A zeroed mutex is unlocked,
 * so it needs no initialisation.  Owned by picolibc's callers. */
struct __lock __lock___libc_recursive_mutex;

/*
 * The locks picolibc creates at run time (fdopen's and the like): a
 * small pool, since the kernel has no allocator for small objects.
 * Taken and returned with IRQs masked.
 */
#define LIBC_DYNAMIC_LOCKS	8
static struct __lock dynamic_locks[LIBC_DYNAMIC_LOCKS];

static bool scheduling(void)
{
	return thread_current() != NULL;
}

void __retarget_lock_init(_LOCK_T *lock)
{
	unsigned long flags = irq_save();
	unsigned int i;

	for (i = 0; i < LIBC_DYNAMIC_LOCKS; i++) {
		if (!dynamic_locks[i].in_use) {
			dynamic_locks[i].in_use = true;
			mutex_init(&dynamic_locks[i].mutex);
			*lock = &dynamic_locks[i];
			irq_restore(flags);
			return;
		}
	}
	irq_restore(flags);
	/* picolibc has no way to hear of a failure: a NULL lock would
	 * crash later, somewhere less clear. */
	panic("libc: all %u dynamic locks in use", LIBC_DYNAMIC_LOCKS);
}

void __retarget_lock_init_recursive(_LOCK_T *lock)
{
	/* The kernel's mutexes are recursive anyway. */
	__retarget_lock_init(lock);
}

void __retarget_lock_close(_LOCK_T lock)
{
	unsigned long flags = irq_save();

	lock->in_use = false;
	irq_restore(flags);
}

void __retarget_lock_close_recursive(_LOCK_T lock)
{
	__retarget_lock_close(lock);
}

void __retarget_lock_acquire(_LOCK_T lock)
{
	/* Waiting forever: mutex_lock() returns 0. */
	if (scheduling())
		mutex_lock(&lock->mutex, WAIT_FOREVER);
}

void __retarget_lock_acquire_recursive(_LOCK_T lock)
{
	__retarget_lock_acquire(lock);
}

void __retarget_lock_release(_LOCK_T lock)
{
	if (scheduling() && mutex_unlock(&lock->mutex))
		panic("libc: a lock released by a thread that does not hold it");
}

void __retarget_lock_release_recursive(_LOCK_T lock)
{
	__retarget_lock_release(lock);
}
