/*
 * The kernel lock (boot/irqflags.h): a test-and-test-and-set spinlock
 * that waits in WFE, so that under Xen (which traps WFE and yields the
 * vCPU) a CPU waiting for a descheduled holder gives its physical CPU
 * back; the holder's release (a store-release to the word another CPU
 * watches with its exclusive monitor) wakes it.  Recursion is counted per
 * CPU in struct cpu: the depth is only touched by its own CPU, with IRQs
 * masked.
 */
#include <stdint.h>

#include "boot/cpu.h"
#include "boot/irqflags.h"

/* 0: free; else the owning CPU's index + 1.  Owned by this file. */
static uint32_t owner;

void kernel_lock_acquire(void)
{
	struct cpu *c = this_cpu();
	uint32_t me = c->index + 1, seen, failed;

	if (c->lock_depth++)
		return;
	__asm__ volatile(
		"	sevl\n"
		"1:	wfe\n"
		"2:	ldaxr	%w0, [%2]\n"
		"	cbnz	%w0, 1b\n"
		"	stxr	%w1, %w3, [%2]\n"
		"	cbnz	%w1, 2b\n"
		: "=&r"(seen), "=&r"(failed)
		: "r"(&owner), "r"(me)
		: "memory");
}

void kernel_lock_release(void)
{
	struct cpu *c = this_cpu();

	/* An unpaired release is a bug: trap (a brk) rather than free a
	 * lock another CPU may hold.  boot/ cannot call panic(). */
	if (c->lock_depth == 0)
		__builtin_trap();
	if (--c->lock_depth == 0)
		__asm__ volatile("stlr wzr, [%0]" : : "r"(&owner) : "memory");
}

bool kernel_lock_held(void)
{
	return this_cpu()->lock_depth != 0;
}
