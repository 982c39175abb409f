/*
 * The dining philosophers: 6 threads around a table with a fork (a
 * mutex) between each two.  Each thinks, takes the lower-numbered of its
 * two forks and then the other (so no circle of waits can form: no
 * deadlock), eats, and puts them down, for a few random milliseconds
 * each time.  Each meal is one line naming the CPU it was eaten on.
 *
 * Each philosopher's seat is at one CPU, its number modulo the CPUs
 * running (osprey_cpu_count()), and it sits there for every meal: the
 * threads use every CPU the guest has, which they would not do by
 * themselves, since they sleep most of the time and a thread that wakes
 * where a CPU is idle stays there.  A CPU taken offline (xl vcpu-set)
 * gives up its philosophers to the others until it is back.
 *
 *   philosophers          eat forever
 *   philosophers 5        5 meals each, then a summary, and exit 0
 *
 * With xl: extra="-- 5".  A fork held by two philosophers at once would
 * be a broken mutex: the program says so and exits 1.
 */
#define _GNU_SOURCE	/* sched_getcpu() */
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include <osprey/thread.h>

#define PHILOSOPHERS	6
#define THINK_MS_MAX	20
#define EAT_MS_MAX	10

struct philosopher {
	int seat;
	unsigned int seed;	/* rand_r's: each thread its own */
	pthread_t thread;
};

static pthread_mutex_t forks[PHILOSOPHERS];
/* The seat holding each fork, -1 for none: read and written only by
 * the holder of that fork's mutex. */
static int holder[PHILOSOPHERS];
static long meals_each;		/* 0: forever; set before the threads */

/* What was eaten where, guarded by table_lock. */
static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
static long meals_eaten;
static unsigned long cpus_used;	/* bit i: a meal on CPU i */

static void pause_ms(unsigned int *seed, int max_ms)
{
	long ms = 1 + rand_r(seed) % max_ms;
	struct timespec t = { ms / 1000, ms % 1000 * 1000000L };

	nanosleep(&t, NULL);
}

/* Pin the calling philosopher to its seat's CPU.  A CPU that is not
 * online refuses (EINVAL): the meal is then eaten where it is. */
static void sit_down(int seat)
{
	unsigned int cpus = osprey_cpu_count();

	(void)osprey_thread_set_affinity(pthread_self(),
					 1UL << (seat % (int)cpus));
}

static void take(int fork, int seat)
{
	pthread_mutex_lock(&forks[fork]);
	if (holder[fork] != -1) {
		fprintf(stderr, "philosophers: fork %d taken by %d while %d "
			"holds it\n", fork, seat, holder[fork]);
		exit(1);
	}
	holder[fork] = seat;
}

static void put_down(int fork)
{
	holder[fork] = -1;
	pthread_mutex_unlock(&forks[fork]);
}

static void *dine(void *arg)
{
	struct philosopher *p = arg;
	int left = p->seat, right = (p->seat + 1) % PHILOSOPHERS;
	int first = left < right ? left : right;
	int second = left < right ? right : left;
	long meal;
	int cpu;

	for (meal = 1; !meals_each || meal <= meals_each; meal++) {
		pause_ms(&p->seed, THINK_MS_MAX);
		sit_down(p->seat);
		take(first, p->seat);
		take(second, p->seat);
		cpu = sched_getcpu();
		printf("philosopher %d: ate %ld on cpu %d\n", p->seat, meal,
		       cpu);
		pause_ms(&p->seed, EAT_MS_MAX);
		put_down(second);
		put_down(first);

		pthread_mutex_lock(&table_lock);
		meals_eaten++;
		if (cpu >= 0 && cpu < (int)(8 * sizeof(cpus_used)))
			cpus_used |= 1UL << cpu;
		pthread_mutex_unlock(&table_lock);
	}
	return NULL;
}

static int meals_argument(const char *arg, long *meals)
{
	char *end;

	*meals = strtol(arg, &end, 10);
	return end != arg && !*end && *meals > 0;
}

int main(int argc, char **argv)
{
	struct philosopher table[PHILOSOPHERS];
	int i, err;

	if (argc > 2 || (argc == 2 && !meals_argument(argv[1], &meals_each))) {
		fprintf(stderr, "usage: philosophers [MEALS]\n");
		return 1;
	}
	for (i = 0; i < PHILOSOPHERS; i++) {
		pthread_mutex_init(&forks[i], NULL);
		holder[i] = -1;
	}
	for (i = 0; i < PHILOSOPHERS; i++) {
		table[i].seat = i;
		if (getentropy(&table[i].seed, sizeof(table[i].seed)))
			table[i].seed = (unsigned int)i + 1;
		err = pthread_create(&table[i].thread, NULL, dine, &table[i]);
		if (err) {
			fprintf(stderr, "philosophers: cannot seat %d: %d\n",
				i, err);
			return 1;
		}
	}
	for (i = 0; i < PHILOSOPHERS; i++)
		pthread_join(table[i].thread, NULL);

	printf("philosophers: done, %ld meals, cpus used:", meals_eaten);
	for (i = 0; i < (int)(8 * sizeof(cpus_used)); i++)
		if (cpus_used & (1UL << i))
			printf(" %d", i);
	printf("\n");
	return 0;
}
