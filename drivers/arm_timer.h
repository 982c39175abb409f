/*
 * The Arm generic timer, virtual view (CNTV_*): what Xen and QEMU give an
 * EL1 guest.  One-shot deadlines; the scheduler asks for the next one.
 */
#ifndef DRIVERS_ARM_TIMER_H
#define DRIVERS_ARM_TIMER_H

#include <stdint.h>

#include "fdt/platform.h"

/* Frequency from the DT's clock-frequency, else CNTFRQ_EL0.  0 or < 0. */
int arm_timer_init(const struct platform *p);
uint32_t arm_timer_freq(void);
uint64_t arm_timer_now(void);
uint64_t arm_timer_ms_to_ticks(uint64_t ms);
void arm_timer_set_deadline(uint64_t ticks);
void arm_timer_stop(void);

#endif
