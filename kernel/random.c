/*
 * The seed, gathered once, at the first draw (kernel/random.h):
 *
 *  - RNDR (FEAT_RNG, ID_AA64ISAR0_EL1.RNDR, bits 63:60, nonzero): four
 *    64-bit words from the CPU's own generator, when the CPU has one and
 *    Xen shows it.  QEMU's `-cpu max` has it; cortex-a57 and most of
 *    today's Arm servers do not.
 *  - The counters: CNTPCT_EL0 (the host's uptime: Xen lets a guest read
 *    it) and CNTVCT_EL0 (ours).  A peer on the same bridge can estimate
 *    both to within its view of when we booted: a few bits at most.
 *  - Jitter: 128 short waits, each until the counter ticks once, with the
 *    number of loop turns that took and the counter at its end.  What
 *    varies is the host's and the hypervisor's interference, caches and
 *    TCG's timing; under QEMU's -icount it is fully deterministic.
 *  - Whatever callers add first (random_add: net_start() adds Xen's wall
 *    clock from shared_info and each vif's MAC).
 *
 * Without RNDR the seed is only as hard to guess as the timing, which is
 * worth tens of bits against a peer, not 128; see net/README.md.
 */
#include <stdbool.h>

#include "boot/sysregs.h"
#include "kernel/entropy_pool.h"
#include "kernel/irq.h"
#include "kernel/random.h"

#define JITTER_WAITS	128
/* A counter that never ticks costs 128 times this many turns, not a hang. */
#define WAIT_TURNS_MAX	(1u << 16)
#define RNDR_WORDS	4

/*
 * Owned by this file, under irq_save(): the pool until the seed is drawn
 * (then left alone), the stream's key and position afterwards.
 */
static struct entropy_pool pool;
static bool pool_ready, seeded;
static uint8_t stream_key[SIPHASH_KEY_LEN];
static uint64_t stream_position;

static bool cpu_has_rndr(void)
{
	return (read_sysreg(id_aa64isar0_el1) >> 60 & 0xf) != 0;
}

/* RNDR (spelled as its encoding for any assembler); NZCV.Z set = none. */
static bool rndr(uint64_t *x)
{
	uint64_t ok;

	__asm__ volatile("mrs %0, s3_3_c2_c4_0\n\tcset %1, ne"
			 : "=r"(*x), "=r"(ok) : : "cc");
	return ok;
}

static void add_locked(uint64_t sample)
{
	if (!pool_ready) {
		entropy_pool_init(&pool);
		pool_ready = true;
	}
	entropy_pool_add(&pool, sample);
}

void random_add(uint64_t sample)
{
	unsigned long flags = irq_save();

	add_locked(sample);
	irq_restore(flags);
}

/* IRQs stay on: their timing is part of what is measured. */
static void add_jitter(void)
{
	uint64_t start, now;
	unsigned int i, turns;

	for (i = 0; i < JITTER_WAITS; i++) {
		start = read_sysreg(cntvct_el0);
		turns = 0;
		do {
			isb();
			now = read_sysreg(cntvct_el0);
		} while (now == start && ++turns < WAIT_TURNS_MAX);
		random_add(now);
		random_add(turns);
	}
}

static void gather(void)
{
	unsigned long flags;
	uint64_t x;
	unsigned int i;

	if (cpu_has_rndr())
		for (i = 0; i < RNDR_WORDS; i++)
			if (rndr(&x))
				random_add(x);
	random_add(read_sysreg(cntpct_el0));
	add_jitter();
	flags = irq_save();
	if (!seeded) {
		entropy_pool_seed(&pool, stream_key);
		seeded = true;
	}
	irq_restore(flags);
}

uint64_t random_u64(void)
{
	unsigned long flags;
	uint64_t n;

	if (!seeded)
		gather();
	flags = irq_save();
	n = stream_position++;
	irq_restore(flags);
	return siphash24(stream_key, &n, sizeof(n));
}
