/*
 * POSIX unnamed semaphores (lib/semaphore.c).  As POSIX says, these
 * return 0, or -1 with errno set.  No named semaphores (sem_open):
 * there is one program.
 */
#ifndef _SEMAPHORE_H
#define _SEMAPHORE_H

#include <limits.h>
#include <time.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
	unsigned int __count;
	unsigned int __limit;
	void *__waiters;
} sem_t;

#define SEM_VALUE_MAX	INT_MAX

/* EINVAL: value above SEM_VALUE_MAX; ENOSYS: pshared (no processes). */
int sem_init(sem_t *sem, int pshared, unsigned int value);
int sem_destroy(sem_t *sem);
int sem_wait(sem_t *sem);
/* EAGAIN: the count is 0. */
int sem_trywait(sem_t *sem);
/* ETIMEDOUT at abstime on CLOCK_REALTIME. */
int sem_timedwait(sem_t *sem, const struct timespec *abstime);
/* EOVERFLOW: the count is at SEM_VALUE_MAX. */
int sem_post(sem_t *sem);
int sem_getvalue(sem_t *sem, int *value);

#ifdef __cplusplus
}
#endif

#endif
