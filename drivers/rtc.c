#include <stddef.h>

#include "drivers/compatible.h"
#include "drivers/rtc.h"
#include "kernel/errno.h"

/*
 * The RTC drivers, tried in order; each is defined in its own file and
 * declared only here, beside its entry.
 */
extern const struct rtc_driver pl031_driver;

static const struct rtc_driver *const rtc_drivers[] = {
	&pl031_driver,
};

const struct rtc_driver *rtc_driver_for(const struct platform_rtc *rtc)
{
	unsigned int i;

	for (i = 0; i < sizeof(rtc_drivers) / sizeof(rtc_drivers[0]); i++)
		if (compatible_listed(rtc_drivers[i]->compatibles,
				      rtc->compatible))
			return rtc_drivers[i];
	return NULL;
}

int rtc_read_ns(const struct platform *p, uint64_t *ns, const char **name)
{
	const struct rtc_driver *d;
	int err;

	if (!p->rtc.present)
		return -ENOENT;
	d = rtc_driver_for(&p->rtc);
	if (!d)
		return -ENODEV;
	err = d->read_ns(&p->rtc, ns);
	if (!err)
		*name = d->name;
	return err;
}
