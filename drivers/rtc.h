/*
 * Real-time clocks: what the time of day is read from when Xen does not
 * give it (init/main.c decides).  A driver lists the compatible strings
 * it handles (those fdt/bindings.c knows as RTCs); rtc.c's table is
 * tried in order for the RTC the probe recorded.
 */
#ifndef DRIVERS_RTC_H
#define DRIVERS_RTC_H

#include <stdint.h>

#include "fdt/platform.h"

struct rtc_driver {
	const char *name;
	const char *compatibles;	/* drivers/compatible.h */
	/*
	 * Map the device and read it once: nanoseconds since 1970 in *ns.
	 * 0; -ENODEV when what answers at reg is not this device;
	 * -ENOMEM when it cannot be mapped.
	 */
	int (*read_ns)(const struct platform_rtc *rtc, uint64_t *ns);
};

/* The first driver in rtc.c's table that can drive rtc, or NULL. */
const struct rtc_driver *rtc_driver_for(const struct platform_rtc *rtc);

/*
 * The time of day from the platform's RTC: 0, with its driver's name in
 * *name; -ENOENT when the DT lists none, -ENODEV when no driver takes it
 * or the device is not what the DT says.
 */
int rtc_read_ns(const struct platform *p, uint64_t *ns, const char **name);

#endif
