/*
 * The scheduler.  Every switch happens on the way out of an exception: an
 * IRQ (timer, wakeups from handlers) or `svc #0` from a thread that blocks
 * or yields.  The outgoing context is already saved as a trap frame on the
 * exception stack, so switching is copying it into the outgoing thread and
 * the incoming thread's context into that frame.  Its FP/SIMD registers
 * are not in the frame: the vectors save them straight into the thread,
 * so switching them is pointing fpsimd_save_area at the next thread's
 * (boot/fpsimd.h says why).  The thread pointer is in the frame: each
 * thread's TLS block sits after its struct thread (kernel/tls_layout.h).
 * Threads run at EL1t on their own stacks (SP_EL0), each above an
 * unmapped guard page (boot/vectors.S says why).
 */
#include <stdio.h>
#include <string.h>

#include "boot/cpu.h"
#include "boot/image.h"
#include "boot/mmu.h"
#include "boot/sysregs.h"
#include "kernel/errno.h"
#include "kernel/irq.h"
#include "kernel/page_alloc.h"
#include "kernel/panic.h"
#include "kernel/power.h"
#include "kernel/printk.h"
#include "kernel/thread.h"
#include "kernel/ticks.h"
#include "kernel/tls_layout.h"

#define SLICE_MS		10

/* thread_create() gives the thread, FP/SIMD state included, one page,
 * shared with its TLS while that fits. */
_Static_assert(sizeof(struct thread) <= PAGE_SIZE, "struct thread too big");

/*
 * Scheduler state, owned by this file.  Changed only under the kernel
 * lock (boot/irqflags.h: irq_save() in thread context, trap_dispatch()
 * for exceptions).  One thread list for every CPU; each CPU has its own
 * running thread, idle thread and switch request.
 */
struct sched_cpu {
	struct thread *current;
	struct thread *idle;
	bool need_switch;
	bool going_down;	/* only its idle thread runs: it turns off */
	uint64_t deadline;	/* its timer's, as last set; 0: stopped */
	unsigned long switches;	/* for sched_dump() */
};

static struct thread *all_threads;
static struct sched_cpu sched_cpus[CPU_MAX];
static uint64_t online_mask;		/* CPUs running the scheduler */
static unsigned int live_threads;	/* not dead, not idle, not background */
/* Set once by the boot wiring (init/main.c) before sched_start(). */
static const struct sched_timer *timer;
static void (*all_finished)(void);

void sched_set_timer(const struct sched_timer *t)
{
	timer = t;
}

void sched_set_all_finished(void (*fn)(void))
{
	all_finished = fn;
}

/* This CPU's scheduler state: under the lock, or with IRQs masked. */
static struct sched_cpu *here(void)
{
	return &sched_cpus[cpu_index()];
}

struct thread *thread_current(void)
{
	/* Masked, so that the thread cannot move between reading which
	 * CPU it is on and reading that CPU's current thread. */
	unsigned long flags = irq_mask_local();
	struct thread *t = here()->current;

	irq_restore_local(flags);
	return t;
}

unsigned int sched_cpu(void)
{
	return cpu_index();
}

uint64_t sched_online_mask(void)
{
	return __atomic_load_n(&online_mask, __ATOMIC_ACQUIRE);
}

unsigned int sched_cpus_online(void)
{
	return (unsigned int)__builtin_popcountll(sched_online_mask());
}

static bool allowed(const struct thread *t, unsigned int cpu)
{
	return (t->affinity >> cpu) & 1;
}

static void request_switch(void)
{
	__asm__ volatile("svc #0" : : : "memory");
}

static void thread_start(void (*entry)(void *), void *arg)
{
	entry(arg);
	thread_exit();
}

/* Where the thread's TLS goes: right after struct thread. */
static void thread_tls_layout(struct tls_layout *tls)
{
	const struct tls_image image = {
		.tdata_start = (uintptr_t)__tdata_start,
		.tdata_end = (uintptr_t)__tdata_end,
		.tbss_end = (uintptr_t)__tbss_end,
	};
	int err = tls_layout(&image, sizeof(struct thread), tls);

	if (err)
		panic("TLS segment: %d (boot/kernel.ld)", err);
}

/*
 * A dead thread of these sizes, taken off the thread list, or NULL.  Not
 * one that is still some CPU's current: a thread that has just exited
 * still runs on its stack until the switch away from it.
 */
static struct thread *reuse_dead(size_t thread_pages, size_t stack_pages)
{
	unsigned long flags = irq_save();
	struct thread **p, *t = NULL;

	for (p = &all_threads; *p; p = &(*p)->next_all) {
		if ((*p)->state == THREAD_DEAD && !(*p)->on_cpu &&
		    (*p)->thread_pages == thread_pages &&
		    (*p)->stack_pages == stack_pages) {
			t = *p;
			*p = t->next_all;
			break;
		}
	}
	irq_restore(flags);
	return t;
}

static void kick_for(struct thread *t);

static struct thread *create(const char *name, void (*entry)(void *),
			     void *arg, int priority, size_t stack_size,
			     uint64_t affinity)
{
	size_t stack_pages = (stack_size + PAGE_SIZE - 1) / PAGE_SIZE;
	size_t thread_pages;
	struct tls_layout tls;
	struct thread *t;
	struct trap_frame *f;
	unsigned long flags;
	uint64_t stack;
	uint8_t *mem;
	int err;

	thread_tls_layout(&tls);
	thread_pages = (tls.end + PAGE_SIZE - 1) / PAGE_SIZE;
	t = reuse_dead(thread_pages, stack_pages);
	if (t) {
		mem = (uint8_t *)t;
		stack = t->stack_guard + PAGE_SIZE;
	} else {
		mem = page_alloc(thread_pages + stack_pages);
		if (!mem)
			return NULL;
		/* The first pages for the thread and its TLS, the rest for
		 * its stack. */
		flags = irq_save();
		err = mmu_map_stack((uint64_t)(uintptr_t)mem +
				    thread_pages * PAGE_SIZE,
				    stack_pages * PAGE_SIZE, &stack);
		irq_restore(flags);
		if (err) {
			printk("thread %s: cannot map its stack: %d\n", name,
			       err);
			return NULL;
		}
		t = (struct thread *)mem;
	}
	/* FP/SIMD state zeroed too: FPCR 0 is round to nearest, no flush to
	 * zero, no default NaN, as Linux starts a process. */
	memset(t, 0, sizeof(*t));
	snprintf(t->name, sizeof(t->name), "%s", name);
	t->priority = priority;
	t->state = THREAD_READY;
	t->stack_guard = stack - PAGE_SIZE;
	t->thread_pages = thread_pages;
	t->stack_pages = stack_pages;
	t->affinity = affinity;
	memcpy(mem + tls.block, __tdata_start, tls.copy);
	memset(mem + tls.block + tls.copy, 0, tls.zero);

	f = &t->context;
	f->tpidr = (uint64_t)(uintptr_t)(mem + tls.tp);
	f->sp = stack + stack_pages * PAGE_SIZE;
	f->elr = (uint64_t)(uintptr_t)thread_start;
	f->spsr = SPSR_EL1T;
	f->x[0] = (uint64_t)(uintptr_t)entry;
	f->x[1] = (uint64_t)(uintptr_t)arg;

	flags = irq_save();
	t->next_all = all_threads;
	all_threads = t;
	if (priority != THREAD_PRIO_IDLE)
		live_threads++;
	kick_for(t);
	irq_restore(flags);
	sched_preempt_point();
	return t;
}

struct thread *thread_create(const char *name, void (*entry)(void *),
			     void *arg, int priority, size_t stack_size)
{
	/* A new thread may run where its creator may (pinned workers stay
	 * pinned); at boot, anywhere. */
	struct thread *self = thread_current();

	return create(name, entry, arg, priority, stack_size,
		      self ? self->affinity : THREAD_AFFINITY_ALL);
}

/* The earliest timeout among threads blocked on cpu's timer, or 0. */
static uint64_t next_wakeup(unsigned int cpu)
{
	uint64_t when = 0;
	struct thread *t;

	for (t = all_threads; t; t = t->next_all)
		if (t->state == THREAD_BLOCKED && t->wake_at &&
		    t->timer_cpu == cpu && (!when || t->wake_at < when))
			when = t->wake_at;
	return when;
}

/*
 * The best ready thread cpu may run.  Scanning starts after its current
 * one, so among equal priorities the next in line wins: that is the round
 * robin.
 */
static struct thread *pick_next(unsigned int cpu, bool *shares_priority)
{
	struct thread *current = sched_cpus[cpu].current;
	struct thread *start = current && current->next_all ?
			       current->next_all : all_threads;
	struct thread *best = NULL, *t = start;

	*shares_priority = false;
	if (sched_cpus[cpu].going_down)
		return sched_cpus[cpu].idle;
	do {
		if (t->state == THREAD_READY && allowed(t, cpu)) {
			if (!best || t->priority < best->priority) {
				best = t;
				*shares_priority = false;
			} else if (t->priority == best->priority) {
				*shares_priority = true;
			}
		}
		t = t->next_all ? t->next_all : all_threads;
	} while (t != start);
	return best;
}

/* This CPU's timer: its slice, and the timeouts it owns. */
static void program_timer(unsigned int cpu, bool slice)
{
	uint64_t deadline = next_wakeup(cpu);

	if (slice) {
		uint64_t end = timer->now() + timer->ms_to_ticks(SLICE_MS);

		if (!deadline || end < deadline)
			deadline = end;
	}
	sched_cpus[cpu].deadline = deadline;
	if (deadline)
		timer->set_deadline(deadline);
	else
		timer->stop();
}

/*
 * Make next this CPU's running thread.  The kernel lock's depth goes with
 * the thread (boot/irqflags.h): the trap holds one level of its own, which
 * trap_dispatch() drops on the way out, so a thread preempted at depth 0
 * resumes unlocked and one that blocked inside irq_save() resumes holding
 * the lock, on whichever CPU runs it.
 */
static void run(struct cpu *c, struct sched_cpu *sc, struct thread *next)
{
	next->state = THREAD_RUNNING;
	next->on_cpu = true;
	next->cpu = c->index;
	sc->current = next;
	sc->need_switch = false;
	sc->switches++;
	c->lock_depth = next->lock_depth + 1;
	c->fpsimd_save_area = &next->fpsimd;
}

struct trap_frame *sched_switch(struct trap_frame *frame)
{
	struct cpu *c = this_cpu();
	struct sched_cpu *sc = &sched_cpus[c->index];
	struct thread *prev = sc->current, *next;
	bool shares;

	if (!prev)
		return frame;	/* before sched_start(): nothing to switch */
	prev->context = *frame;
	prev->lock_depth = c->lock_depth - 1;
	if (prev->state == THREAD_RUNNING)
		prev->state = THREAD_READY;
	next = pick_next(c->index, &shares);
	if (!next)
		panic("no thread to run on cpu %u (idle thread missing)",
		      c->index);
	prev->on_cpu = false;
	run(c, sc, next);
	program_timer(c->index, shares);
	/* Preempted, moved off by its affinity, or leaving a CPU that goes
	 * down: another CPU may take it now rather than at its next tick. */
	if (prev != next && prev->state == THREAD_READY)
		kick_for(prev);
	*frame = next->context;
	return frame;
}

static const char *const state_names[] = {
	[THREAD_READY] = "ready", [THREAD_RUNNING] = "running",
	[THREAD_BLOCKED] = "blocked", [THREAD_DEAD] = "dead",
};

void sched_dump(void)
{
	unsigned long flags = irq_save();
	uint64_t now = timer ? timer->now() : 0;
	const struct sched_cpu *sc;
	const struct thread *t;
	unsigned int c;

	printk("sched: now %llu, cpus online 0x%llx\n",
	       (unsigned long long)now, (unsigned long long)online_mask);
	for (c = 0; c < CPU_MAX; c++) {
		sc = &sched_cpus[c];
		if (!sc->current && !((online_mask >> c) & 1))
			continue;
		printk("sched: cpu %u runs %s, %lu switches, need_switch %d, "
		       "timer %llu%s\n", c,
		       sc->current ? sc->current->name : "-", sc->switches,
		       sc->need_switch, (unsigned long long)sc->deadline,
		       sc->going_down ? ", going down" : "");
	}
	for (t = all_threads; t; t = t->next_all) {
		if (t->state == THREAD_DEAD)
			continue;
		printk("sched: %s %s prio %d cpu %u%s affinity 0x%llx "
		       "wake_at %llu on timer %u%s\n", t->name,
		       state_names[t->state], t->priority, t->cpu,
		       t->on_cpu ? " (on it)" : "",
		       (unsigned long long)t->affinity,
		       (unsigned long long)t->wake_at, t->timer_cpu,
		       t->waiting_on ? ", in a wait queue" : "");
	}
	irq_restore(flags);
}

bool sched_need_switch(void)
{
	return here()->need_switch;
}

void sched_preempt_point(void)
{
	unsigned long flags = irq_mask_local();
	struct sched_cpu *sc = here();
	bool now = sc->need_switch && sc->current && !irq_active();

	irq_restore_local(flags);
	if (now)
		request_switch();
}

/*
 * Under the lock: have cpu look at its threads again, here at the next
 * exception exit or preemption point, elsewhere through an IPI.
 */
static void resched(unsigned int cpu)
{
	sched_cpus[cpu].need_switch = true;
	if (cpu != cpu_index() && irq_send_ipi(IPI_RESCHEDULE, cpu))
		printk("sched: cannot reach cpu %u\n", cpu);
}

/*
 * Get t running soon, t having just become ready: here if it beats this
 * CPU's thread, else on the allowed CPU whose thread it beats by most
 * (an idle one first, its last CPU on a tie), told by an IPI.  A CPU
 * already told to switch is not told twice: it may take only one.
 */
static void kick_for(struct thread *t)
{
	unsigned int me = cpu_index(), c, best = CPU_MAX;
	const struct thread *cur;
	int worst = t->priority;

	cur = sched_cpus[me].current;
	if (((online_mask >> me) & 1) && allowed(t, me) && cur &&
	    t->priority < cur->priority) {
		sched_cpus[me].need_switch = true;
		return;
	}
	for (c = 0; c < CPU_MAX; c++) {
		cur = sched_cpus[c].current;
		if (c == me || !((online_mask >> c) & 1) || !allowed(t, c) ||
		    !cur || sched_cpus[c].need_switch)
			continue;
		if (cur->priority > worst ||
		    (cur->priority == worst && best != CPU_MAX &&
		     c == t->cpu)) {
			worst = cur->priority;
			best = c;
		}
	}
	if (best != CPU_MAX)
		resched(best);
}

static void make_ready(struct thread *t)
{
	t->state = THREAD_READY;
	t->wake_at = 0;
	kick_for(t);
}

static void remove_waiter(struct thread *t)
{
	struct thread **p;

	if (!t->waiting_on)
		return;
	for (p = &t->waiting_on->head; *p; p = &(*p)->next_wait)
		if (*p == t) {
			*p = t->next_wait;
			break;
		}
	t->waiting_on = NULL;
	t->next_wait = NULL;
}

void sched_timer_expired(void)
{
	uint64_t now = timer->now();
	unsigned int me = cpu_index();
	struct thread *t;

	for (t = all_threads; t; t = t->next_all)
		if (t->state == THREAD_BLOCKED && t->wake_at &&
		    t->timer_cpu == me && t->wake_at <= now) {
			remove_waiter(t);
			t->wait_result = -ETIMEDOUT;
			make_ready(t);
		}
	/* The slice may be over, too: let the scheduler decide. */
	sched_cpus[me].need_switch = true;
}

/* Under the lock: block until the counter reaches wake_at (0: no
 * timeout), on this CPU's timer. */
static void block_current_until(uint64_t wake_at)
{
	struct thread *current = here()->current;

	current->timer_cpu = cpu_index();
	current->state = THREAD_BLOCKED;
	current->wait_result = 0;
	current->wake_at = wake_at;
	request_switch();
}

static void block_current(int64_t timeout_ms)
{
	uint64_t wake_at = 0;

	if (timeout_ms >= 0) {
		wake_at = timer->now() +
			  timer->ms_to_ticks((uint64_t)timeout_ms);
		if (!wake_at)
			wake_at = 1;
	}
	block_current_until(wake_at);
}

int wait_queue_block(struct wait_queue *wq, int64_t timeout_ms)
{
	struct thread *current = here()->current;
	struct thread **p = &wq->head;

	while (*p && (*p)->priority <= current->priority)
		p = &(*p)->next_wait;
	current->next_wait = *p;
	*p = current;
	current->waiting_on = wq;
	block_current(timeout_ms);
	/* Resumed, maybe on another CPU: current is still this thread. */
	return current->wait_result;
}

unsigned int wait_queue_wake_all(struct wait_queue *wq)
{
	unsigned int n = 0;

	while (wait_queue_wake_one(wq))
		n++;
	return n;
}

struct thread *wait_queue_wake_one(struct wait_queue *wq)
{
	struct thread *t = wq->head;

	if (!t)
		return NULL;
	remove_waiter(t);
	make_ready(t);
	return t;
}

uint64_t sched_now_ns(void)
{
	if (!timer)
		return 0;
	return ticks_to_ns(timer->now(), timer->ms_to_ticks(1000));
}

uint64_t sched_now_ms(void)
{
	return sched_now_ns() / 1000000;
}

int thread_set_priority(struct thread *t, int priority)
{
	unsigned long flags;

	if (priority < 0 || priority >= THREAD_PRIO_IDLE)
		return -EINVAL;
	flags = irq_save();
	t->priority = priority;
	/* A waiter keeps its place in its queue: order among waiters is
	 * fixed when they start waiting. */
	here()->need_switch = true;
	if (t->on_cpu && t->cpu != cpu_index()) {
		resched(t->cpu);
	} else if (t->state == THREAD_READY) {
		kick_for(t);
	}
	irq_restore(flags);
	sched_preempt_point();
	return 0;
}

int thread_set_affinity(struct thread *t, uint64_t mask)
{
	unsigned long flags = irq_save();
	int err = 0;

	if (!(mask & online_mask)) {
		err = -EINVAL;
	} else {
		t->affinity = mask;
		if (t->on_cpu && !allowed(t, t->cpu)) {
			/* Running where it may not: that CPU switches away,
			 * and the thread is ready for another one. */
			resched(t->cpu);
		} else if (t->state == THREAD_READY) {
			kick_for(t);
		}
	}
	irq_restore(flags);
	sched_preempt_point();
	return err;
}

uint64_t thread_get_affinity(const struct thread *t)
{
	return t->affinity;
}

void thread_set_name(struct thread *t, const char *name)
{
	char copy[THREAD_NAME_LEN];
	unsigned long flags;

	/* Built aside, so that a reader (a fault dump) sees the old name
	 * or the new one. */
	snprintf(copy, sizeof(copy), "%s", name);
	flags = irq_save();
	memcpy(t->name, copy, sizeof(copy));
	irq_restore(flags);
}

void thread_sleep_ms(uint64_t ms)
{
	unsigned long flags = irq_save();

	here()->current->waiting_on = NULL;
	block_current((int64_t)ms);
	irq_restore(flags);
}

void thread_sleep_until_ns(uint64_t deadline_ns)
{
	unsigned long flags = irq_save();
	uint64_t wake_at = ticks_from_ns(deadline_ns, timer->ms_to_ticks(1000));

	/* A deadline already passed returns at once, as POSIX's absolute
	 * sleeps do: a late periodic loop catches up without sleeping. */
	if (wake_at > timer->now()) {
		here()->current->waiting_on = NULL;
		block_current_until(wake_at);
	}
	irq_restore(flags);
}

void thread_yield(void)
{
	unsigned long flags = irq_save();

	request_switch();
	irq_restore(flags);
}

/* IRQs masked. */
static void one_live_thread_less(void)
{
	if (--live_threads == 0) {
		printk("kernel: all threads finished\n");
		if (!all_finished)
			machine_stop(STOP_POWEROFF);
		all_finished();
	}
}

void thread_exit(void)
{
	struct thread *current;

	irq_save();
	current = here()->current;
	current->state = THREAD_DEAD;
	if (!current->background)
		one_live_thread_less();
	request_switch();
	panic("dead thread %s was resumed", current->name);
}

void thread_background(void)
{
	unsigned long flags = irq_save();
	struct thread *current = here()->current;

	if (!current->background) {
		current->background = true;
		one_live_thread_less();
	}
	irq_restore(flags);
}

/* Set once by kernel/smp.c: how a CPU that goes down turns off. */
static void (*cpu_die)(void);

/*
 * IRQs on, lock not held: an IPI or the timer ends the wait.  A CPU going
 * down switches to this thread only, and it turns the CPU off.
 */
static void idle_loop(void *unused)
{
	unsigned long flags;
	bool dying;

	(void)unused;
	for (;;) {
		flags = irq_mask_local();
		dying = here()->going_down;
		irq_restore_local(flags);
		if (dying && cpu_die)
			cpu_die();
		wfi();
	}
}

/*
 * Take cpu out of scheduling (under the lock, from another CPU): no new
 * thread goes there, a thread pinned to it alone may run anywhere (said
 * by name, as Linux does), its timeouts move to the caller's CPU, and it
 * is told to switch to its idle thread, which turns it off (die).
 */
void sched_cpu_going_down(unsigned int cpu, void (*die)(void))
{
	struct thread *t;

	cpu_die = die;
	__atomic_and_fetch(&online_mask, ~(1ULL << cpu), __ATOMIC_RELEASE);
	for (t = all_threads; t; t = t->next_all) {
		if (t == sched_cpus[cpu].idle || t->state == THREAD_DEAD)
			continue;
		if (!(t->affinity & online_mask)) {
			printk("smp: thread %s no longer pinned to cpu %u\n",
			       t->name, cpu);
			t->affinity = THREAD_AFFINITY_ALL;
			if (t->state == THREAD_READY)
				kick_for(t);
		}
		if (t->state == THREAD_BLOCKED && t->timer_cpu == cpu)
			t->timer_cpu = cpu_index();
	}
	sched_cpus[cpu].going_down = true;
	here()->need_switch = true;	/* reprograms this CPU's timer */
	resched(cpu);
}

/* On the dying CPU, under the lock: its idle thread ready to start over. */
void sched_cpu_off(void)
{
	struct sched_cpu *sc = here();
	struct thread *idle = sc->idle;
	struct trap_frame *f = &idle->context;
	unsigned int me = cpu_index();
	struct thread *t;

	/* A thread that blocked here after sched_cpu_going_down() moved
	 * the others' timeouts has its timeout on this timer: CPU 0's now,
	 * which is told to reprogram. */
	for (t = all_threads; t; t = t->next_all)
		if (t->state == THREAD_BLOCKED && t->timer_cpu == me)
			t->timer_cpu = 0;
	resched(0);
	timer->stop();
	sc->current = NULL;
	sc->going_down = false;
	sc->need_switch = false;
	idle->on_cpu = false;
	idle->state = THREAD_READY;
	idle->lock_depth = 0;
	f->sp = idle->stack_guard + PAGE_SIZE +
		idle->stack_pages * PAGE_SIZE;
	f->elr = (uint64_t)(uintptr_t)thread_start;
	f->spsr = SPSR_EL1T;
	f->x[0] = (uint64_t)(uintptr_t)idle_loop;
	f->x[1] = 0;
}

/*
 * The idle thread of cpu.  Its stack is a full thread stack, not a page:
 * a starting CPU runs its C set-up on it (kernel/smp.c), printk included.
 */
struct thread *sched_idle_thread(unsigned int cpu)
{
	char name[THREAD_NAME_LEN];

	struct thread *t;

	snprintf(name, sizeof(name), cpu ? "idle%u" : "idle", cpu);
	t = create(name, idle_loop, NULL, THREAD_PRIO_IDLE,
		   cpu ? THREAD_STACK_DEFAULT : PAGE_SIZE, 1ULL << cpu);
	if (t)
		sched_cpus[cpu].idle = t;	/* a pointer store: no lock */
	return t;
}

struct thread *sched_idle_of(unsigned int cpu)
{
	return sched_cpus[cpu].idle;
}

/* Under the lock, on the CPU that starts: its first thread. */
static void __attribute__((noreturn)) start_here(void)
{
	struct cpu *c = this_cpu();
	struct sched_cpu *sc = &sched_cpus[c->index];
	struct trap_frame *f;
	struct thread *next;
	bool shares;

	if (!sc->idle)
		panic("no idle thread for cpu %u", c->index);
	__atomic_or_fetch(&online_mask, 1ULL << c->index, __ATOMIC_RELEASE);
	next = pick_next(c->index, &shares);
	if (!next)
		panic("no thread to run on cpu %u", c->index);
	run(c, sc, next);
	program_timer(c->index, shares);
	f = trap_first_frame();
	*f = next->context;
	/* run() counted the trap's level as if we came from one: drop it. */
	kernel_lock_release();
	trap_return(f);
}

void sched_start(void)
{
	if (!sched_idle_thread(0))
		panic("no memory for the idle thread");
	irq_save();
	start_here();
}

void sched_start_secondary(void)
{
	irq_save();
	start_here();
}
