/*
 * The POSIX layer as a program sees it (lib/pthread*.c, semaphore.c,
 * clock.c, entropy.c, affinity.c, with glibc's _GNU_SOURCE extensions
 * there) and picolibc's libm, built the way users build theirs: make APP=tests/programs/posix.
 * Each check prints "posix: ok NAME" or "posix: FAIL NAME: why"; then
 * "posix: PASS (N checks)" and exit(0), or "posix: FAILED (N of M)" and
 * exit(1).  tests/boot/programs.sh reads it.
 */
#define _GNU_SOURCE	/* sched_getcpu(), cpu_set_t, pthread_*affinity_np() */
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static unsigned int checks, failures;

static void verdict(const char *name, bool ok, const char *why)
{
	checks++;
	if (ok) {
		printf("posix: ok %s\n", name);
	} else {
		printf("posix: FAIL %s: %s\n", name, why);
		failures++;
	}
}

static int64_t mono_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static struct timespec deadline_in_ms(clockid_t clock, long ms)
{
	struct timespec t;

	clock_gettime(clock, &t);
	t.tv_sec += ms / 1000;
	t.tv_nsec += (ms % 1000) * 1000000;
	if (t.tv_nsec >= 1000000000) {
		t.tv_sec++;
		t.tv_nsec -= 1000000000;
	}
	return t;
}

/* --- create, join, results, detach, many threads --- */

static void *square(void *arg)
{
	uintptr_t n = (uintptr_t)arg;

	sched_yield();
	return (void *)(n * n);
}

static void check_create_join(void)
{
	pthread_t t[8];
	uintptr_t i, sum = 0;
	void *r;
	bool ok = true;

	for (i = 0; i < 8; i++)
		ok &= pthread_create(&t[i], NULL, square, (void *)i) == 0;
	for (i = 0; i < 8; i++) {
		ok &= pthread_join(t[i], &r) == 0;
		sum += (uintptr_t)r;
	}
	verdict("create-join", ok && sum == 140, "results of 8 threads");
}

static void check_join_errors(void)
{
	pthread_attr_t attr;
	pthread_t t;
	size_t size = 0;
	int state = -1;
	bool ok;

	ok = pthread_join(pthread_self(), NULL) == EDEADLK;
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	ok &= pthread_attr_setstacksize(&attr, 100) == EINVAL;
	ok &= pthread_attr_setstacksize(&attr, 32768) == 0;
	pthread_attr_getstacksize(&attr, &size);
	pthread_attr_getdetachstate(&attr, &state);
	ok &= size == 32768 && state == PTHREAD_CREATE_DETACHED;
	ok &= pthread_create(&t, &attr, square, (void *)3) == 0;
	pthread_attr_destroy(&attr);
	ok &= pthread_equal(pthread_self(), pthread_self());
	verdict("join-errors-attrs", ok, "EDEADLK, EINVAL or attributes");
}

/* Threads end and new ones take their memory: 3000 in a row would need
 * about 60 MiB otherwise, more than the 64 MiB machine the test boots
 * has left. */
static void check_thread_reuse(void)
{
	unsigned int i;
	bool ok = true;
	pthread_t t;
	void *r;

	for (i = 0; i < 3000 && ok; i++)
		ok = pthread_create(&t, NULL, square, (void *)2) == 0 &&
		     pthread_join(t, &r) == 0 && (uintptr_t)r == 4;
	verdict("thread-reuse", ok, "create/join failed before 3000 rounds");
}

/* --- mutexes --- */

static pthread_mutex_t counter_lock = PTHREAD_MUTEX_INITIALIZER;
static volatile unsigned long counter;

static void *count_up(void *arg)
{
	unsigned long i, local;

	(void)arg;
	for (i = 0; i < 2000; i++) {
		pthread_mutex_lock(&counter_lock);
		local = counter;
		if (i % 64 == 0)
			sched_yield();	/* another thread must wait here */
		counter = local + 1;
		pthread_mutex_unlock(&counter_lock);
	}
	return NULL;
}

static void check_mutex_counts(void)
{
	pthread_t t[4];
	unsigned int i;

	for (i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, count_up, NULL);
	for (i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	verdict("mutex-counter", counter == 8000, "lost updates");
}

static void *try_from_other(void *arg)
{
	return (void *)(intptr_t)pthread_mutex_trylock(arg);
}

static void check_mutex_types(void)
{
	pthread_mutex_t normal = PTHREAD_MUTEX_INITIALIZER, rec;
	pthread_mutexattr_t attr;
	struct timespec soon;
	pthread_t t;
	void *r;
	bool ok;

	pthread_mutexattr_init(&attr);
	ok = pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE) == 0;
	pthread_mutex_init(&rec, &attr);
	ok &= pthread_mutex_lock(&rec) == 0;
	ok &= pthread_mutex_lock(&rec) == 0;	/* again: depth 2 */
	ok &= pthread_mutex_unlock(&rec) == 0;
	pthread_create(&t, NULL, try_from_other, &rec);
	pthread_join(t, &r);
	ok &= (intptr_t)r == EBUSY;
	ok &= pthread_mutex_unlock(&rec) == 0;
	ok &= pthread_mutex_unlock(&rec) == EPERM;
	ok &= pthread_mutex_lock(&normal) == 0;
	ok &= pthread_mutex_lock(&normal) == EDEADLK;
	ok &= pthread_mutex_trylock(&normal) == EBUSY;
	ok &= pthread_mutex_destroy(&normal) == EBUSY;
	pthread_create(&t, NULL, try_from_other, &normal);
	pthread_join(t, &r);
	ok &= (intptr_t)r == EBUSY;
	ok &= pthread_mutex_unlock(&normal) == 0;
	soon = deadline_in_ms(CLOCK_REALTIME, 50);
	ok &= pthread_mutex_timedlock(&normal, &soon) == 0;
	pthread_mutex_unlock(&normal);
	verdict("mutex-types", ok, "recursive, normal or trylock results");
}

/* --- condition variables --- */

static pthread_mutex_t cv_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static unsigned int cv_ready, cv_woken;
static bool cv_go;

static void *cv_waiter(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&cv_lock);
	cv_ready++;
	while (!cv_go)
		pthread_cond_wait(&cv, &cv_lock);
	cv_woken++;
	pthread_mutex_unlock(&cv_lock);
	return NULL;
}

static void check_cond_broadcast(void)
{
	pthread_t t[5];
	unsigned int i;
	bool all_ready = false;

	for (i = 0; i < 5; i++)
		pthread_create(&t[i], NULL, cv_waiter, NULL);
	for (i = 0; i < 100 && !all_ready; i++) {
		usleep(1000);
		pthread_mutex_lock(&cv_lock);
		all_ready = cv_ready == 5;
		pthread_mutex_unlock(&cv_lock);
	}
	pthread_mutex_lock(&cv_lock);
	cv_go = true;
	pthread_cond_broadcast(&cv);
	pthread_mutex_unlock(&cv_lock);
	for (i = 0; i < 5; i++)
		pthread_join(t[i], NULL);
	verdict("cond-broadcast", all_ready && cv_woken == 5,
		"not every waiter woke");
}

/* A timed wait nobody signals: ETIMEDOUT (picolibc's number, not the
 * kernel's), after about the time asked, with the mutex held again. */
static void check_cond_timeout(void)
{
	pthread_condattr_t attr;
	pthread_cond_t c;
	struct timespec when;
	int64_t start, took;
	int err;

	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	pthread_cond_init(&c, &attr);
	pthread_mutex_lock(&cv_lock);
	start = mono_ms();
	when = deadline_in_ms(CLOCK_MONOTONIC, 200);
	err = pthread_cond_timedwait(&c, &cv_lock, &when);
	took = mono_ms() - start;
	verdict("cond-timedwait", err == ETIMEDOUT && took >= 200 &&
		took < 400 && pthread_mutex_unlock(&cv_lock) == 0,
		"not ETIMEDOUT after 200 ms with the mutex held");
}

/* --- once and keys --- */

static pthread_once_t once = PTHREAD_ONCE_INIT;
static unsigned int once_runs;
static pthread_key_t key;
static unsigned int destructor_runs;

static void once_init(void)
{
	once_runs++;
}

static void key_destructor(void *v)
{
	if (v == (void *)0x1234)
		destructor_runs++;
}

static void *key_thread(void *arg)
{
	pthread_once(&once, once_init);
	pthread_setspecific(key, arg);
	sched_yield();
	return pthread_getspecific(key);
}

static void check_once_and_keys(void)
{
	pthread_t a, b;
	void *ra, *rb;
	bool ok;

	ok = pthread_key_create(&key, key_destructor) == 0;
	ok &= pthread_setspecific(key, (void *)0x99) == 0;
	pthread_create(&a, NULL, key_thread, (void *)0x1234);
	pthread_create(&b, NULL, key_thread, (void *)0x1234);
	pthread_join(a, &ra);
	pthread_join(b, &rb);
	pthread_once(&once, once_init);
	ok &= ra == (void *)0x1234 && rb == (void *)0x1234;
	ok &= pthread_getspecific(key) == (void *)0x99;
	verdict("once-keys", ok && once_runs == 1 && destructor_runs == 2,
		"once ran twice, a key's value was shared, or no destructor");
}

/* --- semaphores --- */

static sem_t sem;

static void *sem_poster(void *arg)
{
	(void)arg;
	usleep(50000);
	sem_post(&sem);
	return NULL;
}

static void check_semaphores(void)
{
	struct timespec when;
	pthread_t t;
	int value = -1;
	int64_t start;
	bool ok;

	ok = sem_init(&sem, 0, 2) == 0;
	ok &= sem_wait(&sem) == 0 && sem_trywait(&sem) == 0;
	errno = 0;
	ok &= sem_trywait(&sem) == -1 && errno == EAGAIN;
	start = mono_ms();
	when = deadline_in_ms(CLOCK_REALTIME, 100);
	errno = 0;
	ok &= sem_timedwait(&sem, &when) == -1 && errno == ETIMEDOUT;
	ok &= mono_ms() - start >= 100;
	pthread_create(&t, NULL, sem_poster, NULL);
	when = deadline_in_ms(CLOCK_REALTIME, 2000);
	ok &= sem_timedwait(&sem, &when) == 0;
	pthread_join(t, NULL);
	sem_post(&sem);
	sem_getvalue(&sem, &value);
	ok &= value == 1;
	errno = 0;
	ok &= sem_init(&sem, 1, 0) == -1 && errno == ENOSYS;
	verdict("semaphores", ok, "a count, timeout or errno is wrong");
}

/* --- clocks and sleeps --- */

static void check_clocks(void)
{
	struct timespec a, b, req = { 0, 150000000 };
	int64_t start = mono_ms(), took;
	bool ok;

	ok = clock_gettime(CLOCK_MONOTONIC, &a) == 0;
	ok &= nanosleep(&req, NULL) == 0;
	ok &= clock_gettime(CLOCK_MONOTONIC, &b) == 0;
	took = mono_ms() - start;
	ok &= took >= 150 && took < 400;
	ok &= b.tv_sec > a.tv_sec || (b.tv_sec == a.tv_sec &&
				      b.tv_nsec > a.tv_nsec);
	start = mono_ms();
	ok &= usleep(20000) == 0 && sleep(0) == 0;
	ok &= mono_ms() - start >= 20;
	errno = 0;
	ok &= clock_gettime((clockid_t)99, &a) == -1 && errno == EINVAL;
	req.tv_nsec = 1000000000;
	errno = 0;
	ok &= nanosleep(&req, NULL) == -1 && errno == EINVAL;
	/* clock() counts from boot (it is past 0 by now); time() is the
	 * time of day, or the time since boot without a source. */
	ok &= time(NULL) != (time_t)-1 && clock() > 0;
	verdict("clocks", ok, "monotonic, sleep length or errors");
}

/* --- libm, computing in two threads at once --- */

static void *series(void *arg)
{
	double x = *(double *)arg, sum = 0;
	int i;

	/* exp(x) by its series, with a yield in the middle of each term so
	 * the other thread's FP registers are live at the same time. */
	for (i = 30; i >= 1; i--) {
		sum = 1 + x * sum / i;
		if (i % 5 == 0)
			sched_yield();
	}
	*(double *)arg = sum;
	return NULL;
}

static void check_libm(void)
{
	double a = 1.0, b = -2.0;
	pthread_t ta, tb;
	bool ok;

	pthread_create(&ta, NULL, series, &a);
	pthread_create(&tb, NULL, series, &b);
	pthread_join(ta, NULL);
	pthread_join(tb, NULL);
	ok = fabs(a - exp(1.0)) < 1e-12 && fabs(b - exp(-2.0)) < 1e-12;
	ok &= fabs(sqrt(2.0) * sqrt(2.0) - 2.0) < 1e-15;
	ok &= fabs(sin(M_PI / 6) - 0.5) < 1e-15 && pow(2.0, 10.0) == 1024.0;
	ok &= floor(-1.5) == -2.0 && fmod(7.0, 3.0) == 1.0;
	verdict("libm", ok, "a result differs from libm's or the series");
}

/* --- getentropy, and picolibc's arc4random on it --- */

static void check_entropy(void)
{
	unsigned char a[32], b[32], big[300];
	uint32_t r1, r2, r3;
	bool ok;

	ok = getentropy(a, sizeof(a)) == 0 && getentropy(b, sizeof(b)) == 0;
	ok &= memcmp(a, b, sizeof(a)) != 0;
	errno = 0;
	ok &= getentropy(big, sizeof(big)) == -1 && errno == EIO;
	r1 = arc4random();
	r2 = arc4random();
	r3 = arc4random();
	ok &= r1 != r2 || r2 != r3;	/* all three equal: 1 in 2^64 */
	verdict("entropy", ok, "equal draws, or no EIO past 256 bytes");
}

/* --- CPUs: sched_getcpu(), the affinity calls, cpu_set_t --- */

static void *report_affinity(void *arg)
{
	cpu_set_t *set = arg;

	if (pthread_getaffinity_np(pthread_self(), sizeof(*set), set))
		CPU_ZERO(set);
	return NULL;
}

/* The calling thread pinned to each of its CPUs in turn runs there; a
 * thread it creates meanwhile inherits the pin. */
static bool pin_to_each(const cpu_set_t *all)
{
	cpu_set_t one, child;
	pthread_t t;
	int cpu;

	for (cpu = 0; cpu < CPU_SETSIZE; cpu++) {
		if (!CPU_ISSET(cpu, all))
			continue;
		CPU_ZERO(&one);
		CPU_SET(cpu, &one);
		if (pthread_setaffinity_np(pthread_self(), sizeof(one), &one) ||
		    sched_getcpu() != cpu ||
		    pthread_create(&t, NULL, report_affinity, &child))
			return false;
		pthread_join(t, NULL);
		if (!CPU_EQUAL(&child, &one))
			return false;
	}
	return true;
}

static void check_affinity(void)
{
	cpu_set_t all, set, none;
	bool ok;

	ok = pthread_getaffinity_np(pthread_self(), sizeof(all), &all) == 0 &&
	     CPU_COUNT(&all) >= 1 && CPU_ISSET(sched_getcpu(), &all) &&
	     sched_getaffinity(0, sizeof(set), &set) == 0 &&
	     CPU_EQUAL(&set, &all);
	ok = ok && pin_to_each(&all);
	CPU_ZERO(&none);
	CPU_ZERO(&set);
	CPU_SET(CPU_SETSIZE - 1, &set);		/* never online */
	ok = ok && pthread_setaffinity_np(pthread_self(), sizeof(none),
					  &none) == EINVAL &&
	     pthread_setaffinity_np(pthread_self(), sizeof(set), &set) ==
	     EINVAL &&
	     pthread_setaffinity_np(pthread_self(), sizeof(set), NULL) ==
	     EFAULT &&
	     pthread_getaffinity_np(pthread_self(), 0, &set) == EINVAL;
	errno = 0;
	ok = ok && sched_setaffinity(1, sizeof(all), &all) == -1 &&
	     errno == ESRCH;
	ok = ok && sched_setaffinity(0, sizeof(all), &all) == 0 &&
	     sched_getaffinity(0, sizeof(set), &set) == 0 &&
	     CPU_EQUAL(&set, &all);
	verdict("affinity", ok, "a pinned thread ran elsewhere, a new thread "
		"did not inherit its pin, or an error was wrong");
}

int main(void)
{
	check_create_join();
	check_join_errors();
	check_thread_reuse();
	check_mutex_counts();
	check_mutex_types();
	check_cond_broadcast();
	check_cond_timeout();
	check_once_and_keys();
	check_semaphores();
	check_clocks();
	check_entropy();
	check_libm();
	check_affinity();
	if (failures) {
		printf("posix: FAILED (%u of %u)\n", failures, checks);
		return 1;
	}
	printf("posix: PASS (%u checks)\n", checks);
	return 0;
}
