/*
 * The classic synchronization sample: two threads take turns through a
 * pair of semaphores, each saying hello every 500 ms from the CPU it runs
 * on then.  The default program of zephyr.bin, written as any POSIX
 * program would be.
 */
#define _GNU_SOURCE	/* sched_getcpu() */
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <stdio.h>
#include <unistd.h>

#include <osprey/platform.h>

#define SLEEP_US	500000

/* The semaphores the two threads pass between them. */
static sem_t sem_a, sem_b;
static struct osprey_platform platform;

static void hello_loop(const char *name, sem_t *mine, sem_t *other)
{
	for (;;) {
		sem_wait(mine);
		printf("%s: Hello World from cpu %d on %s!\n", name,
		       sched_getcpu(), platform.board);
		usleep(SLEEP_US);
		sem_post(other);
	}
}

static void *thread_b(void *unused)
{
	(void)unused;
	hello_loop("thread_b", &sem_b, &sem_a);
	return NULL;
}

int main(void)
{
	pthread_t b;
	int err;

	osprey_platform(&platform);
	sem_init(&sem_a, 0, 1);
	sem_init(&sem_b, 0, 0);
	err = pthread_create(&b, NULL, thread_b, NULL);
	if (err) {
		fprintf(stderr, "synchronization: cannot create thread_b: %d\n",
			err);
		return 1;
	}
	hello_loop("thread_a", &sem_a, &sem_b);
	return 0;
}
