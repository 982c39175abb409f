/*
 * Thread-specific data: each thread's values live in its TLS block (the
 * kernel gives every thread one), so reading a key takes no lock.
 */
#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

#include "kernel/mutex.h"
#include "kernel/thread.h"
#include "lib/pthread_internal.h"

/* The keys in use and their destructors, under keys_lock. */
static struct mutex keys_lock;
static bool key_used[PTHREAD_KEYS_MAX];
static void (*key_destructor[PTHREAD_KEYS_MAX])(void *);

static __thread void *key_value[PTHREAD_KEYS_MAX];

static void run_destructors(void)
{
	unsigned int round, k;
	bool again = true;

	for (round = 0; again && round < PTHREAD_DESTRUCTOR_ITERATIONS;
	     round++) {
		again = false;
		for (k = 0; k < PTHREAD_KEYS_MAX; k++) {
			void (*fn)(void *) = key_destructor[k];
			void *v = key_value[k];

			if (!v || !fn || !key_used[k])
				continue;
			key_value[k] = NULL;
			fn(v);
			again = true;
		}
	}
}

int pthread_key_create(pthread_key_t *key, void (*destructor)(void *))
{
	unsigned int k;

	mutex_lock(&keys_lock, WAIT_FOREVER);
	pthread_exit_destructors = run_destructors;
	for (k = 0; k < PTHREAD_KEYS_MAX; k++)
		if (!key_used[k])
			break;
	if (k == PTHREAD_KEYS_MAX) {
		mutex_unlock(&keys_lock);
		return EAGAIN;
	}
	key_used[k] = true;
	key_destructor[k] = destructor;
	mutex_unlock(&keys_lock);
	/* Another thread may hold a value of an older key of this number:
	 * POSIX leaves it to the program not to use a deleted key. */
	key_value[k] = NULL;
	*key = k;
	return 0;
}

int pthread_key_delete(pthread_key_t key)
{
	if (key >= PTHREAD_KEYS_MAX)
		return EINVAL;
	mutex_lock(&keys_lock, WAIT_FOREVER);
	key_used[key] = false;
	key_destructor[key] = NULL;
	mutex_unlock(&keys_lock);
	return 0;
}

void *pthread_getspecific(pthread_key_t key)
{
	return key < PTHREAD_KEYS_MAX ? key_value[key] : NULL;
}

int pthread_setspecific(pthread_key_t key, const void *value)
{
	if (key >= PTHREAD_KEYS_MAX || !key_used[key])
		return EINVAL;
	key_value[key] = (void *)(uintptr_t)value;
	return 0;
}
