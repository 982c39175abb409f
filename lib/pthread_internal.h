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

/*
 * fn(the kernel thread behind p, ctx), while that thread cannot end (the
 * kernel reuses a dead thread's memory): fn's result, or -ESRCH
 * (<errno.h>'s) once it has ended.  fn must not create, join or end
 * threads.
 */
int pthread_with_kernel_thread(pthread_t p,
			       int (*fn)(struct thread *t, void *ctx),
			       void *ctx);

#endif
