/*
 * ARM PrimeCell PL031 real-time clock (ARM DDI 0224): read once at boot.
 * RTCDR counts seconds; QEMU's starts it at the host's time (UTC by
 * default, -rtc base=...).  Nothing is written: the firmware or the
 * machine started it, and the kernel keeps time on its own counter from
 * then on (kernel/realtime.h), so one read, within a second, is enough.
 */
#include "boot/mmu.h"
#include "drivers/mmio.h"
#include "drivers/rtc.h"
#include "kernel/errno.h"

#define RTCDR		0x000	/* data: seconds */
#define RTC_PERIPH_ID0	0xfe0	/* four registers, a byte each */
#define RTC_CELL_ID0	0xff0
#define NS_PER_S	1000000000ULL

/* The ID registers' low bytes, ID0 first: part 0x031 by ARM (0x41),
 * any revision; PrimeCell 0xb105f00d. */
static uint32_t id_bytes(uint64_t base, uint64_t first)
{
	uint32_t id = 0;
	unsigned int i;

	for (i = 0; i < 4; i++)
		id |= (mmio_read32(base + first + 4 * i) & 0xff) << (8 * i);
	return id;
}

static int pl031_read_ns(const struct platform_rtc *rtc, uint64_t *ns)
{
	uint64_t base = rtc->reg.base;
	uint32_t periph;

	if (mmu_map(base, rtc->reg.size, MMU_DEVICE))
		return -ENOMEM;
	periph = id_bytes(base, RTC_PERIPH_ID0);
	if (id_bytes(base, RTC_CELL_ID0) != 0xb105f00d ||
	    (periph & 0x000fffff) != 0x00041031)
		return -ENODEV;
	*ns = (uint64_t)mmio_read32(base + RTCDR) * NS_PER_S;
	return 0;
}

static const char pl031_compatibles[] = "arm,pl031\0";

const struct rtc_driver pl031_driver = {
	.name = "pl031",
	.compatibles = pl031_compatibles,
	.read_ns = pl031_read_ns,
};
