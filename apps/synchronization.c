/*
 * The classic synchronization sample: two threads take turns through a
 * pair of semaphores, each saying hello every 500 ms.
 */
#include "apps/app.h"
#include "apps/board.h"
#include "kernel/printk.h"
#include "kernel/sem.h"
#include "kernel/thread.h"

#define SLEEP_MS	500
#define PRIORITY	7

/* The semaphores the two threads pass between them. */
static struct sem sem_a, sem_b;

static void hello_loop(const char *name, struct sem *mine, struct sem *other)
{
	for (;;) {
		sem_take(mine, WAIT_FOREVER);
		printk("%s: Hello World from cpu %u on %s!\n", name,
		       board_cpu_index(), board_name());
		thread_sleep_ms(SLEEP_MS);
		sem_give(other);
	}
}

static void thread_b(void *unused)
{
	(void)unused;
	hello_loop("thread_b", &sem_b, &sem_a);
}

static void synchronization_main(void)
{
	sem_init(&sem_a, 1, 1);
	sem_init(&sem_b, 0, 1);
	if (!thread_create("thread_b", thread_b, NULL, PRIORITY,
			   THREAD_STACK_DEFAULT)) {
		printk("synchronization: cannot create thread_b\n");
		return;
	}
	hello_loop("thread_a", &sem_a, &sem_b);
}

APP_REGISTER("synchronization", synchronization_main);
