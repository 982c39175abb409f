#include <pthread.h>

#include "kernel/mutex.h"
#include "kernel/thread.h"

enum { ONCE_NEW, ONCE_DONE };

/* One lock for every once-control: init routines are short and rare.
 * Recursive, so an init routine may call pthread_once for another. */
static struct mutex once_lock;

int pthread_once(pthread_once_t *once, void (*init)(void))
{
	if (__atomic_load_n(&once->__state, __ATOMIC_ACQUIRE) == ONCE_DONE)
		return 0;
	mutex_lock(&once_lock, WAIT_FOREVER);
	if (once->__state != ONCE_DONE) {
		init();
		__atomic_store_n(&once->__state, ONCE_DONE, __ATOMIC_RELEASE);
	}
	mutex_unlock(&once_lock);
	return 0;
}
