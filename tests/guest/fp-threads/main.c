/*
 * Each thread's FP/SIMD registers are its own (boot/fpsimd.h): run by the
 * boot tests with app=fp-threads.  Two worker threads at one priority, so
 * that the timer slices them, each in two parts:
 *
 *  - registers: v0-v31 (all 128 bits), FPSR and FPCR set to values of
 *    this thread's own, held across a yield (svc #0) and then across a
 *    wait that ends only once the other thread has run (a preemption by
 *    the timer), checked after each;
 *  - compute: a chaotic map iterated in double precision, one thread
 *    rounding to nearest and the other toward zero (FPCR), yielding
 *    between rounds and preempted inside them; the result must equal, bit
 *    for bit, what the same code computed alone before the threads began.
 *
 * A register of one thread seen by the other, or one not restored,
 * breaks a pattern or moves the map's orbit (a flipped low bit grows to
 * a different result within a hundred iterations).  Prints
 * "fp-threads: ok NAME" or "fp-threads: FAIL NAME: why", then a final
 * PASS/FAIL line.  The Makefile builds this folder without
 * -mgeneral-regs-only (FP_GUESTS), as programs will be.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "kernel/app.h"
#include "drivers/arm_timer.h"
#include "kernel/printk.h"
#include "kernel/sem.h"
#include "kernel/thread.h"

#define WORKERS		2
#define WORKER_PRIORITY	9	/* below the app's 7, which only waits */
#define REG_ROUNDS	8
#define MAP_ROUNDS	6
#define ROUND_MS	40	/* a compute round spans 4 time slices */
#define WAIT_LIMIT_S	5	/* for the other thread to run, per round */
#define MAP_R		3.99	/* the logistic map's chaotic range */

/* The layout the assembly below reads and writes: 16-byte aligned for
 * the q-register pairs, FPSR and FPCR after the vectors. */
struct fp_regs {
	uint64_t v[32][2];	/* low, high 64 bits */
	uint64_t fpsr;
	uint64_t fpcr;
} __attribute__((aligned(16)));

#define FP_REGS_FPSR	512
#define FP_REGS_FPCR	520
#define STRINGIFY_(x)	#x
#define STRINGIFY(x)	STRINGIFY_(x)
#define FPSR_AT		"#" STRINGIFY(FP_REGS_FPSR)
#define FPCR_AT		"#" STRINGIFY(FP_REGS_FPCR)
/* ldp or stp of v0-v31 at the asm operand named base. */
#define V_PAIRS(op, base) \
	op "	q0, q1, [%[" base "], #0]\n" \
	op "	q2, q3, [%[" base "], #32]\n" \
	op "	q4, q5, [%[" base "], #64]\n" \
	op "	q6, q7, [%[" base "], #96]\n" \
	op "	q8, q9, [%[" base "], #128]\n" \
	op "	q10, q11, [%[" base "], #160]\n" \
	op "	q12, q13, [%[" base "], #192]\n" \
	op "	q14, q15, [%[" base "], #224]\n" \
	op "	q16, q17, [%[" base "], #256]\n" \
	op "	q18, q19, [%[" base "], #288]\n" \
	op "	q20, q21, [%[" base "], #320]\n" \
	op "	q22, q23, [%[" base "], #352]\n" \
	op "	q24, q25, [%[" base "], #384]\n" \
	op "	q26, q27, [%[" base "], #416]\n" \
	op "	q28, q29, [%[" base "], #448]\n" \
	op "	q30, q31, [%[" base "], #480]\n"
_Static_assert(__builtin_offsetof(struct fp_regs, fpsr) == FP_REGS_FPSR,
	       "fpsr offset");
_Static_assert(__builtin_offsetof(struct fp_regs, fpcr) == FP_REGS_FPCR,
	       "fpcr offset");

struct worker {
	unsigned int id;
	/* registers */
	uint64_t reg_fpsr, reg_fpcr;	/* what this thread sets */
	struct fp_regs set, after_yield, after_wait;
	unsigned int yield_bad, wait_bad, not_preempted;
	int yield_first, wait_first;	/* first bad register seen, or -1 */
	bool not_taken;			/* the CPU dropped FPSR/FPCR bits */
	/* compute */
	const char *mode;
	uint64_t map_fpcr;
	double seed;
	uint64_t expected, result;
	unsigned int map_rounds_preempted;
};

/*
 * Test state: the workers' own fields are written by that worker only,
 * and read by the app's thread once both have given `finished`.
 */
static struct worker workers[WORKERS] = {
	{ .id = 0, .yield_first = -1, .wait_first = -1,
	  .reg_fpsr = 0x08000011,			/* QC IXC IOC */
	  .reg_fpcr = 1 << 22 | 1 << 25,		/* RP, DN */
	  .mode = "nearest", .map_fpcr = 0, .seed = 0.123456789 },
	{ .id = 1, .yield_first = -1, .wait_first = -1,
	  .reg_fpsr = 0x0000008e,			/* IDC UFC OFC DZC */
	  .reg_fpcr = 2 << 22 | 1 << 24 | 1 << 26,	/* RM, FZ, AHP */
	  .mode = "toward-zero", .map_fpcr = 3 << 22, .seed = 0.314159265 },
};
/* Each worker counts up its own while it runs: the other one sees from
 * it that it ran (one CPU: then this one was preempted). */
static volatile uint64_t progress[WORKERS];
static volatile bool registers_done[WORKERS];
static struct sem finished;
static unsigned long map_round_length;	/* set before the workers start */
static unsigned int failures;

static uint64_t read_fpcr(void)
{
	uint64_t v;

	__asm__ volatile("mrs %0, fpcr" : "=r"(v));
	return v;
}

static void write_fpcr(uint64_t v)
{
	__asm__ volatile("msr fpcr, %0" : : "r"(v) : "memory");
}

static void fill_pattern(struct fp_regs *p, const struct worker *w,
			 unsigned int round)
{
	/* An odd multiplier: distinct (worker, round) give distinct seeds. */
	uint64_t seed = 0x9e3779b97f4a7c15ULL * (w->id * 64 + round + 1);
	unsigned int r;

	for (r = 0; r < 32; r++) {
		p->v[r][0] = seed ^ 0x0101010101010101ULL * r;
		p->v[r][1] = ~seed ^ (uint64_t)r << 40;
	}
	p->fpsr = w->reg_fpsr;
	p->fpcr = w->reg_fpcr;
}

/*
 * Load p into v0-v31, FPSR and FPCR (set gets what the CPU kept of the
 * two), yield with svc #0 (kernel/sched.c's request_switch), store them
 * into after_yield, then count up *mine until *theirs moves or the
 * deadline passes, and store them into after_wait.  One asm statement:
 * no compiler code between the steps can touch the registers.  Returns
 * whether *theirs moved, i.e. the other thread ran meanwhile.
 */
static bool hold_registers(struct worker *w, const struct fp_regs *p,
			   volatile uint64_t *mine,
			   volatile uint64_t *theirs, uint64_t deadline)
{
	uint64_t seen, ran;

	__asm__ volatile(
		"mrs	x9, fpcr\n"
		"ldr	x10, [%[p], " FPSR_AT "]\n"
		"msr	fpsr, x10\n"
		"ldr	x10, [%[p], " FPCR_AT "]\n"
		"msr	fpcr, x10\n"
		"mrs	x10, fpsr\n"
		"str	x10, [%[set], " FPSR_AT "]\n"
		"mrs	x10, fpcr\n"
		"str	x10, [%[set], " FPCR_AT "]\n"
		V_PAIRS("ldp", "p")
		"svc	#0\n"
		V_PAIRS("stp", "y")
		"mrs	x10, fpsr\n"
		"str	x10, [%[y], " FPSR_AT "]\n"
		"mrs	x10, fpcr\n"
		"str	x10, [%[y], " FPCR_AT "]\n"
		"ldr	%[seen], [%[theirs]]\n"
		"1:	ldr	x10, [%[mine]]\n"
		"add	x10, x10, #1\n"
		"str	x10, [%[mine]]\n"
		"ldr	x10, [%[theirs]]\n"
		"cmp	x10, %[seen]\n"
		"b.ne	2f\n"
		"mrs	x10, cntvct_el0\n"
		"cmp	x10, %[deadline]\n"
		"b.lo	1b\n"
		"2:\n"
		V_PAIRS("stp", "a")
		"mrs	x10, fpsr\n"
		"str	x10, [%[a], " FPSR_AT "]\n"
		"mrs	x10, fpcr\n"
		"str	x10, [%[a], " FPCR_AT "]\n"
		"msr	fpcr, x9\n"
		"ldr	x10, [%[theirs]]\n"
		"cmp	x10, %[seen]\n"
		"cset	%[ran], ne\n"
		: [seen] "=&r"(seen), [ran] "=&r"(ran)
		: [p] "r"(p), [set] "r"(&w->set), [y] "r"(&w->after_yield),
		  [a] "r"(&w->after_wait), [mine] "r"(mine),
		  [theirs] "r"(theirs), [deadline] "r"(deadline)
		: "x9", "x10", "cc", "memory",
		  "v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7",
		  "v8", "v9", "v10", "v11", "v12", "v13", "v14", "v15",
		  "v16", "v17", "v18", "v19", "v20", "v21", "v22", "v23",
		  "v24", "v25", "v26", "v27", "v28", "v29", "v30", "v31");
	return ran != 0;
}

/* The first register where got differs from p: 0-31 for v0-v31, 32 for
 * FPSR, 33 for FPCR; -1 if none does. */
static int first_difference(const struct fp_regs *p,
			    const struct fp_regs *got)
{
	int r;

	for (r = 0; r < 32; r++)
		if (p->v[r][0] != got->v[r][0] || p->v[r][1] != got->v[r][1])
			return r;
	if (got->fpsr != p->fpsr)
		return 32;
	if (got->fpcr != p->fpcr)
		return 33;
	return -1;
}

static void check_registers(struct worker *w, unsigned int round)
{
	unsigned int other = 1 - w->id;
	uint64_t deadline = arm_timer_now() +
			    (uint64_t)WAIT_LIMIT_S * arm_timer_freq();
	struct fp_regs p;
	bool ran;
	int bad;

	fill_pattern(&p, w, round);
	ran = hold_registers(w, &p, &progress[w->id], &progress[other],
			     deadline);
	/* Values the CPU does not keep would prove nothing. */
	if (w->set.fpsr != p.fpsr || w->set.fpcr != p.fpcr)
		w->not_taken = true;
	bad = first_difference(&p, &w->after_yield);
	if (bad >= 0) {
		w->yield_bad++;
		if (w->yield_first < 0)
			w->yield_first = bad;
	}
	bad = first_difference(&p, &w->after_wait);
	if (bad >= 0) {
		w->wait_bad++;
		if (w->wait_first < 0)
			w->wait_first = bad;
	}
	if (!ran)
		w->not_preempted++;
}

/* The map; noinline, so that the run alone and the runs in the threads
 * are one and the same code. */
static double __attribute__((noinline))
map_run(double x, unsigned long n, volatile uint64_t *count)
{
	while (n--) {
		x = MAP_R * x * (1.0 - x);
		(*count)++;
	}
	return x;
}

/* Iterate w's map in MAP_ROUNDS rounds under its rounding mode; in the
 * threads, yield between rounds and note rounds the other ran inside. */
static uint64_t compute(struct worker *w, bool threaded)
{
	static volatile uint64_t alone;
	volatile uint64_t *mine = threaded ? &progress[w->id] : &alone;
	unsigned int other = 1 - w->id, round;
	uint64_t saved_fpcr = read_fpcr(), before, bits;
	double x = w->seed;

	write_fpcr(w->map_fpcr);
	for (round = 0; round < MAP_ROUNDS; round++) {
		before = progress[other];
		x = map_run(x, map_round_length, mine);
		if (threaded) {
			if (progress[other] != before)
				w->map_rounds_preempted++;
			thread_yield();
		}
	}
	write_fpcr(saved_fpcr);
	memcpy(&bits, &x, sizeof(bits));
	return bits;
}

static void worker_main(void *arg)
{
	struct worker *w = arg;
	unsigned int other = 1 - w->id, round;

	for (round = 0; round < REG_ROUNDS; round++)
		check_registers(w, round);
	/* Both finish their register rounds before either computes: a
	 * thread waiting for the other to run must not wait for one that
	 * has ended.  Counting up while waiting shows this one ran. */
	registers_done[w->id] = true;
	while (!registers_done[other]) {
		progress[w->id]++;
		thread_yield();
	}
	w->result = compute(w, true);
	ksem_give(&finished);
}

static void verdict(const char *name, bool ok, const char *why)
{
	if (ok) {
		printk("fp-threads: ok %s\n", name);
	} else {
		printk("fp-threads: FAIL %s: %s\n", name, why);
		failures++;
	}
}

/* Iterations for a round of about ROUND_MS alone, timed on this CPU. */
static unsigned long calibrate(void)
{
	static volatile uint64_t unused;
	unsigned long n = 1024;
	uint64_t start, ms;

	for (;;) {
		start = sched_now_ms();
		map_run(0.5, n, &unused);
		ms = sched_now_ms() - start;
		if (ms >= 20 || n >= 1UL << 30)
			break;
		n *= 2;
	}
	return n * ROUND_MS / (ms ? ms : 1);
}

static void report_registers(void)
{
	unsigned int yield_bad = 0, wait_bad = 0, not_preempted = 0, i;

	bool taken = true;

	for (i = 0; i < WORKERS; i++) {
		const struct worker *w = &workers[i];

		yield_bad += w->yield_bad;
		wait_bad += w->wait_bad;
		not_preempted += w->not_preempted;
		taken = taken && !w->not_taken;
		/* 0-31: v0-v31; 32: FPSR; 33: FPCR. */
		if (w->yield_first >= 0 || w->wait_first >= 0)
			printk("fp-threads: fp-%u: first changed register "
			       "%d across a yield, %d across a preemption\n",
			       i, w->yield_first, w->wait_first);
	}
	printk("fp-threads: %u register rounds, %u changed across a yield, "
	       "%u across a preemption, %u not preempted\n",
	       WORKERS * REG_ROUNDS, yield_bad, wait_bad, not_preempted);
	verdict("registers-set", taken,
		"the CPU did not keep the FPSR/FPCR values set");
	verdict("registers-across-yield", yield_bad == 0,
		"v0-v31, FPSR or FPCR changed across svc #0");
	verdict("registers-across-preemption", wait_bad == 0 &&
		not_preempted == 0, wait_bad ?
		"v0-v31, FPSR or FPCR changed while the other thread ran" :
		"the other thread did not run within the wait");
}

static void report_compute(void)
{
	unsigned int i, preempted = 0;
	char name[32];

	for (i = 0; i < WORKERS; i++) {
		const struct worker *w = &workers[i];

		printk("fp-threads: %s: 0x%016llx, alone 0x%016llx, "
		       "%u of %u rounds preempted\n", w->mode,
		       (unsigned long long)w->result,
		       (unsigned long long)w->expected,
		       w->map_rounds_preempted, MAP_ROUNDS);
		snprintf(name, sizeof(name), "compute-%s", w->mode);
		verdict(name, w->result == w->expected,
			"the result differs from the one computed alone");
		if (w->map_rounds_preempted)
			preempted++;
	}
	verdict("compute-preempted", preempted == WORKERS,
		"a thread was never preempted inside a round");
	verdict("compute-distinct", workers[0].expected != workers[1].expected,
		"both threads computed the same value");
}

static void fp_threads_main(void)
{
	unsigned int i;

	ksem_init(&finished, 0, WORKERS);
	map_round_length = calibrate();
	printk("fp-threads: %lu iterations a round, %u rounds a thread\n",
	       map_round_length, MAP_ROUNDS);
	for (i = 0; i < WORKERS; i++)
		workers[i].expected = compute(&workers[i], false);
	for (i = 0; i < WORKERS; i++) {
		if (!thread_create(i ? "fp-1" : "fp-0", worker_main,
				   &workers[i], WORKER_PRIORITY,
				   THREAD_STACK_DEFAULT)) {
			printk("fp-threads: FAIL (no memory for a thread)\n");
			return;
		}
	}
	for (i = 0; i < WORKERS; i++)
		ksem_take(&finished, WAIT_FOREVER);
	report_registers();
	report_compute();
	printk("fp-threads: %s (%u failed)\n", failures ? "FAIL" : "PASS",
	       failures);
}

APP_REGISTER("fp-threads", fp_threads_main);
