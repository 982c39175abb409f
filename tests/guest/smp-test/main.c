/*
 * Self-test of the scheduler and the kernel's sync on several CPUs, run
 * by the boot tests with app=smp-test on 1, 2 and 4 CPUs.  Each check
 * prints "smp-test: ok NAME" or "smp-test: FAIL NAME: why", then a final
 * PASS/FAIL line.  A check that needs two CPUs still runs on one, every
 * thread on CPU 0, and says so: "ok NAME (1 cpu)".
 *
 * Workers are kernel threads pinned to one CPU each (tests/guest/smp-test/
 * worker.c).  Every wait has a time limit, so a CPU that never wakes
 * makes a FAIL line, not a hang; a worker still stuck at the end stops
 * the machine as a crash, since it would keep it from powering off.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

#include <osprey/thread.h>

#include "boot/irqflags.h"
#include "kernel/app.h"
#include "kernel/bootargs.h"
#include "kernel/errno.h"
#include "kernel/mutex.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "kernel/sem.h"
#include "kernel/smp.h"
#include "kernel/thread.h"
#include "lib/board.h"
#include "tests/guest/smp-test/worker.h"
#include "xen/events.h"
#include "xen/guest.h"

#define COUNTER_ROUNDS		20000
#define UNLOCKED_TRIES		5
#define PINGPONG_ROUNDS		100000	/* bootargs pingpong=N */
#define PINGPONG_LIMIT_MS	10000
#define SLEEP_SLACK_MS		100
#define WAKES			100
#define WAKE_LIMIT_NS		(50 * 1000000ULL)
#define SIGNALS			1000
#define MIGRATE_ROUNDS		10
/* A wait that must end at once unless a wakeup was lost.  The joins'
 * limits below are on workers that stop getting rounds done (worker.h):
 * stalled joins and hotplug's limits add up to about 80 s at worst.  A
 * slow host only makes the checks take longer, within the boot test's
 * limit (tests/boot/bare.sh).  Every limit is multiplied by bootargs
 * slow=N where CPUs wake each other slowly (under Xen). */
#define LOST_MS			1000

static unsigned int failures;
/* From bootargs, set once by smp_test_main(). */
static unsigned int pingpong_rounds = PINGPONG_ROUNDS;
static unsigned int slowness = 1;

/* The online CPUs, in order (a CPU that did not start leaves a gap in
 * the numbers), and how many.  Set once by smp_test_main(). */
static unsigned int cpu_list[CPU_MAX_TESTED];
static unsigned int ncpus;

static void __attribute__((format(printf, 4, 5)))
report(const char *name, bool ok, bool needs_two, const char *fmt, ...)
{
	char why[160];
	va_list ap;

	if (ok) {
		printk("smp-test: ok %s%s\n", name,
		       needs_two && ncpus == 1 ? " (1 cpu)" : "");
		return;
	}
	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	printk("smp-test: FAIL %s: %s\n", name, why);
	failures++;
}

/* The first two CPUs, or CPU 0 twice on one. */
static unsigned int first_cpu(void)
{
	return cpu_list[0];
}

static unsigned int other_cpu(void)
{
	return cpu_list[ncpus > 1 ? 1 : 0];
}

static unsigned int last_cpu(void)
{
	return cpu_list[ncpus - 1];
}

/* A worker that stayed on its CPU and finished: "" or why not. */
static const char *worker_trouble(const struct worker *w)
{
	if (!w->finished)
		return "did not finish";
	if (w->moved)
		return "ran off its CPU";
	return "";
}

/* ---- cpus-online: the scheduler runs on every CPU the DT lists. ---- */

static void where_am_i(struct worker *w)
{
	w->result = sched_cpu();
}

static void test_cpus_online(void)
{
	static struct worker w[CPU_MAX_TESTED];
	unsigned int listed = board->cpu_count ? board->cpu_count : 1, i;
	bool ok = true;

	if (sched_cpus_online() != listed || osprey_cpu_count() != listed) {
		report("cpus-online", false, false,
		       "%u CPUs online (osprey_cpu_count %u), the DT lists %u",
		       sched_cpus_online(), osprey_cpu_count(), listed);
		return;
	}
	for (i = 0; i < ncpus; i++)
		ok &= worker_start(&w[i], "where", cpu_list[i], where_am_i);
	ok &= workers_join(w, ncpus, 5000);
	for (i = 0; i < ncpus; i++) {
		if (w[i].finished && w[i].result == cpu_list[i])
			continue;
		report("cpus-online", false, false,
		       "the thread pinned to cpu %u %s (it saw cpu %llu)",
		       cpu_list[i], *worker_trouble(&w[i]) ?
		       worker_trouble(&w[i]) : "ran elsewhere",
		       (unsigned long long)w[i].result);
		return;
	}
	report("cpus-online", ok, false, "a worker could not start");
}

/* ---- counter-mutex: one counter, one mutex, every CPU at once. ---- */

static struct mutex counter_lock;
static volatile uint64_t counter;

static void count_locked(struct worker *w)
{
	unsigned int i;
	int err;

	for (i = 0; i < COUNTER_ROUNDS; i++) {
		err = mutex_lock(&counter_lock, LOST_MS * slowness);
		if (err) {
			w->error = err;
			return;
		}
		counter = counter + 1;
		mutex_unlock(&counter_lock);
		w->rounds = i + 1;
	}
}

static void count_unlocked(struct worker *w)
{
	unsigned int i;

	(void)w;
	for (i = 0; i < COUNTER_ROUNDS; i++)
		counter = counter + 1;
}

/* Runs body on every CPU at once: false if a worker failed. */
static bool count_everywhere(struct worker *w, void (*body)(struct worker *),
			     const char **trouble, unsigned int *where)
{
	unsigned int i;
	bool ok = true;

	counter = 0;
	for (i = 0; i < ncpus; i++)
		ok &= worker_start(&w[i], "count", cpu_list[i], body);
	ok &= workers_join(w, ncpus, 20000);
	for (i = 0; i < ncpus; i++)
		if (*worker_trouble(&w[i]) || w[i].error) {
			*trouble = w[i].error ? "timed out on the mutex" :
				   worker_trouble(&w[i]);
			*where = cpu_list[i];
			return false;
		}
	if (!ok)
		*trouble = "could not start";
	return ok;
}

static void test_counter_mutex(void)
{
	static struct worker w[CPU_MAX_TESTED];
	static struct worker unlocked[UNLOCKED_TRIES][CPU_MAX_TESTED];
	uint64_t want = (uint64_t)ncpus * COUNTER_ROUNDS;
	const char *trouble = "";
	unsigned int where = 0, try;

	mutex_init(&counter_lock);
	if (!count_everywhere(w, count_locked, &trouble, &where)) {
		report("counter-mutex", false, true, "the worker on cpu %u %s "
		       "(%s)", where, trouble, workers_join_why());
		return;
	}
	report("counter-mutex", counter == want, true,
	       "%llu increments counted, %llu made",
	       (unsigned long long)counter, (unsigned long long)want);

	/* Evidence that the CPUs really ran at once: without the mutex,
	 * some increments should get lost.  Logged only, since a race
	 * may not show; not after a failure, which may leave a CPU that
	 * never runs a worker. */
	if (ncpus < 2 || failures)
		return;
	for (try = 0; try < UNLOCKED_TRIES; try++) {
		if (!count_everywhere(unlocked[try], count_unlocked, &trouble,
				      &where)) {
			printk("smp-test: note counter-unlocked: the worker "
			       "on cpu %u %s\n", where, trouble);
			return;
		}
		if (counter != want)
			break;
	}
	if (try == UNLOCKED_TRIES)
		printk("smp-test: note counter-unlocked: no increment lost in "
		       "%u tries\n", UNLOCKED_TRIES);
	else
		printk("smp-test: note counter-unlocked: %llu of %llu "
		       "increments counted without the mutex (try %u)\n",
		       (unsigned long long)counter, (unsigned long long)want,
		       try + 1);
}

/* ---- sem-pingpong: two semaphores between two CPUs. ---- */

static struct sem ping, pong;

static void pinger(struct worker *w)
{
	uint64_t start = sched_now_ns();
	unsigned int i;
	int err;

	for (i = 0; i < pingpong_rounds; i++) {
		ksem_give(&ping);
		err = ksem_take(&pong, LOST_MS * slowness);
		if (err) {
			w->error = err;
			break;
		}
		w->rounds = i + 1;
	}
	w->rounds = i;
	w->result = sched_now_ns() - start;
}

static void ponger(struct worker *w)
{
	unsigned int i;
	int err;

	for (i = 0; i < pingpong_rounds; i++) {
		err = ksem_take(&ping, LOST_MS * slowness);
		if (err) {
			w->error = err;
			break;
		}
		ksem_give(&pong);
		w->rounds = i + 1;
	}
	w->rounds = i;
}

static void test_sem_pingpong(void)
{
	static struct worker w[2];
	bool started;
	uint64_t ns;

	ksem_init(&ping, 0, 1);
	ksem_init(&pong, 0, 1);
	started = worker_start(&w[1], "pong", other_cpu(), ponger) &&
		  worker_start(&w[0], "ping", first_cpu(), pinger);
	if (!started || !workers_join(w, 2, PINGPONG_LIMIT_MS)) {
		report("sem-pingpong", false, true,
		       "not done: %s (%u and %u rounds)", workers_join_why(),
		       w[0].rounds, w[1].rounds);
		return;
	}
	ns = w[0].result;
	printk("smp-test: sem-pingpong cpu %u <-> cpu %u: %u round trips in "
	       "%llu ms, %llu ns each\n", first_cpu(), other_cpu(),
	       pingpong_rounds, (unsigned long long)(ns / 1000000),
	       (unsigned long long)(ns / pingpong_rounds));
	report("sem-pingpong", !w[0].error && !w[1].error && !w[0].moved &&
	       !w[1].moved && w[0].rounds == pingpong_rounds &&
	       w[1].rounds == pingpong_rounds, true,
	       "a wakeup was lost after %u and %u rounds%s", w[0].rounds,
	       w[1].rounds, w[0].moved || w[1].moved ?
	       ", or a worker ran off its CPU" : "");
}

/* ---- sleeps: each CPU's timer wakes the threads sleeping on it. ---- */

static const unsigned int sleep_ms[] = { 50, 100, 200 };

static void sleeper(struct worker *w)
{
	unsigned int i;
	uint64_t start, ms;

	for (i = 0; i < sizeof(sleep_ms) / sizeof(sleep_ms[0]); i++) {
		start = sched_now_ns();
		thread_sleep_ms(sleep_ms[i]);
		ms = (sched_now_ns() - start) / 1000000;
		if (ms < sleep_ms[i] ||
		    ms > sleep_ms[i] + SLEEP_SLACK_MS * slowness) {
			w->error = (int)sleep_ms[i];
			w->result = ms;
			return;
		}
	}
}

static void test_sleeps(void)
{
	static struct worker w[CPU_MAX_TESTED];
	unsigned int i;
	bool ok = true;

	for (i = 0; i < ncpus; i++)
		ok &= worker_start(&w[i], "sleeper", cpu_list[i], sleeper);
	ok &= workers_join(w, ncpus, 5000);
	for (i = 0; i < ncpus; i++) {
		if (w[i].error) {
			report("sleeps", false, true,
			       "a %d ms sleep on cpu %u took %llu ms",
			       w[i].error, cpu_list[i],
			       (unsigned long long)w[i].result);
			return;
		}
		if (*worker_trouble(&w[i])) {
			report("sleeps", false, true,
			       "the sleeper on cpu %u %s within 5 s",
			       cpu_list[i], worker_trouble(&w[i]));
			return;
		}
	}
	report("sleeps", ok, true, "a sleeper could not start");
}

/* ---- migrate: a thread re-pins itself from CPU to CPU. ---- */

static void migrator(struct worker *w)
{
	struct thread *self = thread_current();
	unsigned int round, i, cpu;
	uint64_t mask = 0;

	for (round = 0; round < MIGRATE_ROUNDS; round++) {
		for (i = 0; i <= ncpus; i++) {
			/* Every CPU in turn, then back to the first. */
			cpu = cpu_list[i < ncpus ? i : 0];
			mask = 1ULL << cpu;
			w->result = cpu;	/* where it is headed, for a FAIL */
			if (thread_set_affinity(self, mask) ||
			    thread_get_affinity(self) != mask) {
				w->error = -EINVAL;
				w->result = cpu;
				return;
			}
			if (sched_cpu() != cpu) {
				w->error = -EAGAIN;
				w->result = cpu;
				return;
			}
		}
	}
	/* No CPU online in the mask: refused, the affinity kept.  CPU 63
	 * is never one (boot/cpu.h). */
	if (thread_set_affinity(self, 0) != -EINVAL ||
	    thread_set_affinity(self, 1ULL << 63) != -EINVAL ||
	    thread_get_affinity(self) != mask)
		w->error = -EPERM;
}

static void test_migrate(void)
{
	static struct worker w;

	if (!worker_start(&w, "migrate", first_cpu(), migrator) ||
	    !workers_join(&w, 1, 10000)) {
		report("migrate", false, true, "the thread %s within 10 s, "
		       "last seen re-pinning itself to cpu %llu",
		       worker_trouble(&w), (unsigned long long)w.result);
		return;
	}
	report("migrate", !w.error, true,
	       w.error == -EINVAL ? "pinning itself to cpu %llu failed" :
	       w.error == -EAGAIN ? "pinned to cpu %llu, it ran elsewhere" :
	       "a mask without an online CPU was not refused (%llu)",
	       (unsigned long long)w.result);
}

/* ---- idle-wake: a give from CPU 0 wakes a waiter on an idle CPU. ---- */

static struct sem wake, woke;
static volatile uint64_t given_at;

static void wake_giver(struct worker *w)
{
	unsigned int i;

	for (i = 0; i < WAKES; i++) {
		thread_sleep_ms(2);	/* the waiter's CPU goes idle */
		given_at = sched_now_ns();
		ksem_give(&wake);
		if (ksem_take(&woke, LOST_MS * slowness)) {
			w->error = -ETIMEDOUT;
			break;
		}
		w->rounds = i + 1;
	}
	w->rounds = i;
}

static void wake_waiter(struct worker *w)
{
	unsigned int i;
	uint64_t late;
	int err;

	for (i = 0; i < WAKES; i++) {
		err = ksem_take(&wake, LOST_MS * slowness);
		if (err) {
			w->error = err;
			break;
		}
		late = sched_now_ns() - given_at;
		if (late > w->result)
			w->result = late;
		ksem_give(&woke);
		w->rounds = i + 1;
	}
	w->rounds = i;
}

static void test_idle_wake(void)
{
	static struct worker w[2];
	bool ok;

	ksem_init(&wake, 0, 1);
	ksem_init(&woke, 0, 1);
	ok = worker_start(&w[1], "waiter", last_cpu(), wake_waiter) &&
	     worker_start(&w[0], "giver", first_cpu(), wake_giver);
	ok &= workers_join(w, 2, 10000);
	printk("smp-test: idle-wake cpu %u -> cpu %u: slowest wake %llu us\n",
	       first_cpu(), last_cpu(),
	       (unsigned long long)(w[1].result / 1000));
	report("idle-wake", ok && !w[0].error && !w[1].error && !w[0].moved &&
	       !w[1].moved && w[1].result <= WAKE_LIMIT_NS * slowness, true,
	       "%u of %u wakes%s%s, the slowest after %llu us", w[1].rounds,
	       WAKES, ok ? "" : ", not done: ", ok ? "" : workers_join_why(),
	       (unsigned long long)(w[1].result / 1000));
}

/* ---- cond-across: a condition variable signalled across CPUs. ---- */

static struct mutex cond_lock;
static struct wait_queue to_consumer, to_producer;
static bool consumers_turn;		/* cond_lock */
static unsigned int sequence;		/* cond_lock */

static void signal_one(struct wait_queue *q)
{
	unsigned long flags = irq_save();

	wait_queue_wake_one(q);
	irq_restore(flags);
}

/* With cond_lock held: wait on q until it is our turn; false when a
 * wait timed out with the turn still not ours (a lost signal). */
static bool wait_turn(struct wait_queue *q, bool consumer)
{
	while (consumers_turn != consumer)
		if (mutex_wait(&cond_lock, q, LOST_MS * slowness) ==
		    -ETIMEDOUT &&
		    consumers_turn != consumer)
			return false;
	return true;
}

static void producer(struct worker *w)
{
	unsigned int i;

	for (i = 1; i <= SIGNALS; i++) {
		if (mutex_lock(&cond_lock, LOST_MS * slowness)) {
			w->error = -ETIMEDOUT;
			break;
		}
		if (!wait_turn(&to_producer, false)) {
			mutex_unlock(&cond_lock);
			w->error = -ETIMEDOUT;
			break;
		}
		sequence = i;
		consumers_turn = true;
		signal_one(&to_consumer);
		mutex_unlock(&cond_lock);
		w->rounds = i;
	}
	w->rounds = i - 1;
}

static void consumer(struct worker *w)
{
	unsigned int i;

	for (i = 1; i <= SIGNALS; i++) {
		if (mutex_lock(&cond_lock, LOST_MS * slowness)) {
			w->error = -ETIMEDOUT;
			break;
		}
		if (!wait_turn(&to_consumer, true) || sequence != i) {
			w->error = sequence != i ? -EIO : -ETIMEDOUT;
			mutex_unlock(&cond_lock);
			break;
		}
		consumers_turn = false;
		signal_one(&to_producer);
		mutex_unlock(&cond_lock);
		w->rounds = i;
	}
	w->rounds = i - 1;
}

static void test_cond_across(void)
{
	static struct worker w[2];
	bool ok;

	mutex_init(&cond_lock);
	to_consumer.head = to_producer.head = NULL;
	consumers_turn = false;
	sequence = 0;
	ok = worker_start(&w[1], "consumer", last_cpu(), consumer) &&
	     worker_start(&w[0], "producer", first_cpu(), producer);
	ok &= workers_join(w, 2, 15000);
	report("cond-across", ok && !w[0].error && !w[1].error &&
	       !w[0].moved && !w[1].moved && w[1].rounds == SIGNALS, true,
	       "%u signals sent, %u seen in order%s%s", w[0].rounds,
	       w[1].rounds, w[1].error == -EIO ? " (one out of order)" :
	       ok ? "" : ", not done: ", ok ? "" : workers_join_why());
}

/* ---- hotplug: a CPU taken down and brought back (kernel/smp.c). ---- */

/* Shared with the hotplug threads; each writes its own fields. */
static struct sem hp_sleeper_done;
static volatile bool hp_stop;
static volatile unsigned int hp_spins_elsewhere;
static uint64_t hp_slept_ms;

/* Pinned to the CPU that goes down: must go on running elsewhere. */
static void hp_pinned(void *arg)
{
	unsigned int gone = (unsigned int)(uintptr_t)arg;

	while (!hp_stop) {
		if (sched_cpu() != gone)
			hp_spins_elsewhere++;
		thread_sleep_ms(1);
	}
	ksem_give(&hp_sleeper_done);
}

/* Asleep on the going CPU's timer: must still wake, on time. */
static void hp_sleeper(void *unused)
{
	uint64_t t0 = sched_now_ms();

	(void)unused;
	thread_sleep_ms(300);
	hp_slept_ms = sched_now_ms() - t0;
	ksem_give(&hp_sleeper_done);
}

static void test_hotplug(void)
{
	unsigned int cpu = last_cpu();
	struct thread *pinned, *sleeper;
	int err;

	if (ncpus == 1) {
		report("hotplug", true, true, "%s", "");
		return;
	}
	ksem_init(&hp_sleeper_done, 0, 2);
	pinned = thread_create("hp-pinned", hp_pinned,
			       (void *)(uintptr_t)cpu, 7, 4096);
	sleeper = thread_create("hp-sleeper", hp_sleeper, NULL, 7, 4096);
	if (!pinned || !sleeper || thread_set_affinity(pinned, 1ULL << cpu) ||
	    thread_set_affinity(sleeper, 1ULL << cpu)) {
		report("hotplug", false, true, "no pinned threads");
		return;
	}
	thread_sleep_ms(50);	/* the sleeper's timeout is on cpu's timer */
	err = smp_cpu_set_online(cpu, false);
	if (err || ((sched_online_mask() >> cpu) & 1)) {
		report("hotplug", false, true, "cpu %u down: %d", cpu, err);
		return;
	}
	if (ksem_take(&hp_sleeper_done, 2000 * slowness) ||
	    hp_slept_ms < 300 || hp_slept_ms > 300 + 300 * slowness) {
		report("hotplug", false, true, "a 300 ms sleep on cpu %u "
		       "took %llu ms across its going down", cpu,
		       (unsigned long long)hp_slept_ms);
		return;
	}
	thread_sleep_ms(100);
	if (hp_spins_elsewhere < 10) {
		report("hotplug", false, true, "the thread pinned to cpu %u "
		       "ran %u times elsewhere once it was down", cpu,
		       hp_spins_elsewhere);
		return;
	}
	err = smp_cpu_set_online(cpu, true);
	if (err || !((sched_online_mask() >> cpu) & 1)) {
		report("hotplug", false, true, "cpu %u up: %d", cpu, err);
		return;
	}
	/* Back: a thread pinned there runs there. */
	if (thread_set_affinity(pinned, 1ULL << cpu)) {
		report("hotplug", false, true, "cannot pin to cpu %u again",
		       cpu);
		return;
	}
	thread_sleep_ms(50);
	hp_spins_elsewhere = 0;
	thread_sleep_ms(100);
	hp_stop = true;
	if (ksem_take(&hp_sleeper_done, 2000 * slowness)) {
		report("hotplug", false, true, "the pinned thread did not end");
		return;
	}
	report("hotplug", hp_spins_elsewhere == 0, true, "the thread pinned "
	       "to cpu %u back online ran elsewhere %u times", cpu,
	       hp_spins_elsewhere);
}

/* ---- evtchn-vcpu1: an event channel bound to vCPU 1 delivers there. ---- */

#define EVTCHN_SENDS	100

/* Written by the handler (under the kernel lock), read after. */
static volatile unsigned int ev_seen, ev_elsewhere;
static struct sem ev_sem;

static void ev_handler(evtchn_port_t port, void *ctx)
{
	(void)port;
	(void)ctx;
	ev_seen++;
	if (cpu_index() != 1)
		ev_elsewhere++;
	ksem_give(&ev_sem);
}

static void test_evtchn_vcpu1(void)
{
	long a, b;
	unsigned int i;
	int err;

	if (!xen->present || xen->no_node || ncpus < 2 ||
	    cpu_list[1] != 1) {
		printk("smp-test: evtchn-vcpu1 not run: %s\n",
		       !xen->present ? "not under Xen" :
		       xen->no_node ? "no event channels (no /hypervisor)" :
		       "no cpu 1");
		return;
	}
	ksem_init(&ev_sem, 0, EVTCHN_SENDS + 1);
	a = evtchn_alloc_unbound(DOMID_SELF, NULL, NULL);
	b = a < 0 ? a : evtchn_bind_interdomain(DOMID_SELF,
						(evtchn_port_t)a, NULL, NULL);
	if (b < 0) {
		report("evtchn-vcpu1", false, true, "no loopback pair: %ld", b);
		return;
	}
	err = evtchn_bind_vcpu((evtchn_port_t)b, 1);
	if (!err)
		err = evtchn_set_handler((evtchn_port_t)b, ev_handler, NULL);
	/* The pending event of the bind arrives first, on cpu 1. */
	for (i = 0; !err && i < EVTCHN_SENDS; i++) {
		if (ksem_take(&ev_sem, 1000))
			err = -ETIMEDOUT;
		else
			err = (int)evtchn_send((evtchn_port_t)a);
	}
	if (!err && ksem_take(&ev_sem, 1000))
		err = -ETIMEDOUT;
	evtchn_close((evtchn_port_t)b);
	evtchn_close((evtchn_port_t)a);
	report("evtchn-vcpu1", !err && ev_elsewhere == 0, true,
	       "%d after %u events, %u of them off cpu 1", err, ev_seen,
	       ev_elsewhere);
}

static void smp_test_main(void)
{
	uint64_t online = sched_online_mask();
	char line[8 * CPU_MAX_TESTED] = "";
	size_t len = 0;
	unsigned int cpu;

	for (cpu = 0; cpu < CPU_MAX_TESTED; cpu++) {
		if (!((online >> cpu) & 1))
			continue;
		cpu_list[ncpus++] = cpu;
		len += (size_t)snprintf(line + len, sizeof(line) - len, " %u",
					cpu);
	}
	pingpong_rounds = (unsigned int)bootarg_ulong(board->bootargs,
						      "pingpong",
						      PINGPONG_ROUNDS);
	if (!pingpong_rounds)
		pingpong_rounds = PINGPONG_ROUNDS;
	slowness = (unsigned int)bootarg_ulong(board->bootargs, "slow", 1);
	if (!slowness)
		slowness = 1;
	worker_set_slowness(slowness);
	printk("smp-test: %u CPUs online:%s\n", ncpus, line);
	/* This thread stays unpinned: only workers move, each within a
	 * time limit. */
	worker_set_priority(thread_current()->priority);

	test_cpus_online();
	test_migrate();
	test_sleeps();
	test_idle_wake();
	test_counter_mutex();
	test_sem_pingpong();
	test_cond_across();
	test_evtchn_vcpu1();
	test_hotplug();
	printk("smp-test: %s (%u failed)\n", failures ? "FAIL" : "PASS",
	       failures);
	if (workers_stuck())
		panic("smp-test: a worker is stuck: it would keep the guest "
		      "from powering off");
}

APP_REGISTER("smp-test", smp_test_main);
