/*
 * The Arm generic timer, virtual view (CNTV_*): what Xen and QEMU give an
 * EL1 guest.  One-shot deadlines; whoever set one is called back through
 * the function handed to arm_timer_init().
 */
#ifndef DRIVERS_ARM_TIMER_H
#define DRIVERS_ARM_TIMER_H

#include <stdint.h>

#include "fdt/platform.h"

/*
 * Frequency from the DT's clock-frequency, else CNTFRQ_EL0; on_expiry
 * runs (in IRQ context) when a deadline passes.  0, -EINVAL without a
 * frequency, or irq_connect()'s error.
 */
int arm_timer_init(const struct platform *p, void (*on_expiry)(void));
uint32_t arm_timer_freq(void);
uint64_t arm_timer_now(void);
uint64_t arm_timer_ms_to_ticks(uint64_t ms);
void arm_timer_set_deadline(uint64_t ticks);
void arm_timer_stop(void);

#endif
