/*
 * Threads and the scheduler: preemptive, fixed priorities (0 is the
 * highest), round-robin time slices among equal priorities, on every CPU
 * that is online.  A thread runs on any CPU its affinity allows.
 */
#ifndef KERNEL_THREAD_H
#define KERNEL_THREAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "boot/fpsimd.h"
#include "boot/trap_frame.h"

#define THREAD_PRIO_IDLE	31
#define THREAD_NAME_LEN		16
#define THREAD_STACK_DEFAULT	(16 * 1024)
#define WAIT_FOREVER		(-1)

enum thread_state {
	THREAD_READY,
	THREAD_RUNNING,
	THREAD_BLOCKED,
	THREAD_DEAD,
};

struct wait_queue {
	struct thread *head;	/* highest priority first, FIFO within one */
};

struct thread {
	struct trap_frame context;	/* saved registers while not running */
	struct fpsimd_state fpsimd;	/* saved on each exception, its own */
	char name[THREAD_NAME_LEN];
	int priority;
	enum thread_state state;
	uint64_t wake_at;		/* counter value; 0: no timeout */
	int wait_result;		/* 0, or -ETIMEDOUT */
	struct wait_queue *waiting_on;
	struct thread *next_wait;
	struct thread *next_all;
	uint64_t stack_guard;		/* the unmapped page below the stack */
	size_t thread_pages, stack_pages;	/* for reuse once dead */
	bool background;		/* not among the live threads */
	uint64_t affinity;		/* bit i: may run on CPU i */
	unsigned int cpu;		/* where it runs or last ran */
	unsigned int timer_cpu;		/* whose timer owns its wake_at */
	unsigned int lock_depth;	/* kernel lock depth while switched
					 * out (boot/irqflags.h) */
	bool on_cpu;			/* some CPU's current thread */
};

#define THREAD_AFFINITY_ALL	(~0ULL)

/*
 * Returns NULL when out of memory.  A dead thread's memory (struct,
 * TLS, stack) is reused by a later thread_create() of the same sizes:
 * nothing may keep a pointer to a thread that has ended.
 */
struct thread *thread_create(const char *name, void (*entry)(void *),
			     void *arg, int priority, size_t stack_size);
struct thread *thread_current(void);
void thread_sleep_ms(uint64_t ms);
/*
 * Sleep until sched_now_ns() reads deadline_ns or later, to the
 * counter's tick (no rounding to ms): the first tick at or after it goes
 * on this CPU's timer.  A deadline already passed returns at once.
 */
void thread_sleep_until_ns(uint64_t deadline_ns);
void thread_yield(void);
void thread_exit(void) __attribute__((noreturn));
/* Scheduling priority (0 highest, below THREAD_PRIO_IDLE); takes effect
 * at once.  Returns 0 or -EINVAL. */
int thread_set_priority(struct thread *t, int priority);
/* Rename t, truncated to THREAD_NAME_LEN - 1 bytes. */
void thread_set_name(struct thread *t, const char *name);
/*
 * The calling thread stops counting among the threads whose end powers
 * the machine off ("all threads finished"): for one that may wait forever
 * for a service that never comes.  If the others are done, that is now.
 */
void thread_background(void);

/*
 * Which CPUs t may run on (bit i: CPU i).  Takes effect at once: a thread
 * running on a CPU it may no longer use is moved.  0, or -EINVAL when no
 * CPU in mask is online.
 */
int thread_set_affinity(struct thread *t, uint64_t mask);
uint64_t thread_get_affinity(const struct thread *t);

/* The calling thread's CPU (it may move right after, unless pinned). */
unsigned int sched_cpu(void);
/* The CPUs running the scheduler: a mask and a count. */
uint64_t sched_online_mask(void);
unsigned int sched_cpus_online(void);

/* Start scheduling; the boot stack is abandoned. */
void sched_start(void) __attribute__((noreturn));

/*
 * On a CPU that starts after the boot one, from kernel/smp.c: start
 * scheduling there, its idle thread made by sched_idle_thread().
 */
void sched_start_secondary(void) __attribute__((noreturn));
/* The idle thread for CPU cpu, pinned to it; NULL when out of memory. */
struct thread *sched_idle_thread(unsigned int cpu);
struct thread *sched_idle_of(unsigned int cpu);
/* For kernel/smp.c, under the lock: take cpu out (die runs on it, from
 * its idle thread), then on it, its last act before turning off. */
void sched_cpu_going_down(unsigned int cpu, void (*die)(void));
void sched_cpu_off(void);

/*
 * Block the current thread on wq (IRQs must be masked by the caller).
 * timeout_ms < 0 waits forever.  Returns 0 when woken, -ETIMEDOUT.
 */
int wait_queue_block(struct wait_queue *wq, int64_t timeout_ms);
/* Wake the first waiter (IRQs masked); returns it or NULL. */
struct thread *wait_queue_wake_one(struct wait_queue *wq);
/* Wake every waiter (IRQs masked); returns how many. */
unsigned int wait_queue_wake_all(struct wait_queue *wq);

/* Switch now if a wakeup made a better thread ready (thread context). */
void sched_preempt_point(void);

/*
 * The one-shot timer the scheduler runs on, in counter ticks.  The boot
 * wiring hands one in before sched_start(), and hands sched_timer_expired()
 * to its driver: neither knows the other.
 */
struct sched_timer {
	uint64_t (*now)(void);
	uint64_t (*ms_to_ticks)(uint64_t ms);
	void (*set_deadline)(uint64_t ticks);
	void (*stop)(void);
};

void sched_set_timer(const struct sched_timer *t);

/*
 * What happens once no live thread is left (an app that returned and
 * nothing else running): fn is called with IRQs masked, from the thread
 * that finished last, and must not block.  The boot wiring hands in the
 * orderly stop; without one, machine_stop() at once.
 */
void sched_set_all_finished(void (*fn)(void));

/*
 * Milliseconds on the scheduler's timer (the counter since it started,
 * not since our boot): for layers above the kernel that need a clock
 * without knowing the timer's driver.  0 before sched_set_timer().
 */
uint64_t sched_now_ms(void);
/* The same clock in nanoseconds (for clock_gettime). */
uint64_t sched_now_ns(void);

/* Print every CPU's and every live thread's scheduling state: for a
 * test that finds a thread stuck. */
void sched_dump(void);

/* Entry points for the trap and timer code. */
struct trap_frame *sched_switch(struct trap_frame *frame);
bool sched_need_switch(void);
void sched_timer_expired(void);

#endif
