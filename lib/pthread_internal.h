/* Internal to lib/: what the pthread files share. */
#ifndef LIB_PTHREAD_INTERNAL_H
#define LIB_PTHREAD_INTERNAL_H

#include <pthread.h>

struct thread;

/* The running thread's key destructors, which pthread_exit() runs once
 * a key exists (lib/pthread_key.c sets it). */
extern void (*pthread_exit_destructors)(void);

/* The kernel thread behind p; NULL once it has ended. */
struct thread *pthread_kernel_thread(pthread_t p);

#endif
