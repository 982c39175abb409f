#include "boot/sysregs.h"
#include "drivers/arm_timer.h"
#include "kernel/errno.h"
#include "kernel/irq.h"
#include "kernel/printk.h"

#define CNTV_CTL_ENABLE		(1u << 0)

/* Set once by arm_timer_init() at boot. */
static uint32_t freq_hz;
static void (*expired)(void);	/* handed in: what a passed deadline calls */

uint64_t arm_timer_now(void)
{
	isb();	/* counter reads may otherwise be taken early */
	return read_sysreg(cntvct_el0);
}

uint32_t arm_timer_freq(void)
{
	return freq_hz;
}

uint64_t arm_timer_ms_to_ticks(uint64_t ms)
{
	return ms * freq_hz / 1000;
}

void arm_timer_set_deadline(uint64_t ticks)
{
	write_sysreg(ticks, cntv_cval_el0);
	write_sysreg(CNTV_CTL_ENABLE, cntv_ctl_el0);
	isb();
}

void arm_timer_stop(void)
{
	write_sysreg(0, cntv_ctl_el0);
	isb();
}

static void timer_irq(uint32_t intid, void *ctx)
{
	(void)intid;
	(void)ctx;
	/* Level-triggered: stop it asserting until the next deadline. */
	arm_timer_stop();
	expired();
}

int arm_timer_init(const struct platform *p, void (*on_expiry)(void))
{
	expired = on_expiry;
	freq_hz = p->timer.freq_hz ? p->timer.freq_hz :
		  (uint32_t)read_sysreg(cntfrq_el0);
	if (!freq_hz) {
		printk("timer: no clock-frequency and CNTFRQ_EL0 is 0\n");
		return -EINVAL;
	}
	arm_timer_stop();
	return irq_connect(p->timer.virt_intid, timer_irq, NULL, false);
}
