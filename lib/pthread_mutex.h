/* Internal to lib/: the kernel mutex inside a pthread_mutex_t. */
#ifndef LIB_PTHREAD_MUTEX_H
#define LIB_PTHREAD_MUTEX_H

#include <pthread.h>

struct mutex;

struct mutex *pthread_mutex_kernel(pthread_mutex_t *m);

#endif
