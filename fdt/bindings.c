#include <libfdt.h>

#include "bindings.h"
#include "kernel/strlist.h"

/*
 * Each GIC binding.  The GICv2 family is listed as Linux's irq-gic
 * driver lists it: all share one layout.  GICv3's comes first
 * (gic_binding_version()).
 */
const char gic_bindings[] =
	"arm,gic-v3\0"
	"arm,gic-400\0"
	"arm,cortex-a15-gic\0"
	"arm,cortex-a9-gic\0"
	"arm,cortex-a7-gic\0"
	"arm,pl390\0"
	"arm,arm11mp-gic\0"
	"arm,arm1176jzf-devchip-gic\0"
	"arm,eb11mp-gic\0"
	"arm,tc11mp-gic\0"
	"brcm,brahma-b15-gic\0"
	"nvidia,tegra210-agic\0"
	"qcom,msm-8660-qgic\0"
	"qcom,msm-qgic2\0";

const char timer_bindings[] =
	"arm,armv8-timer\0"
	"arm,armv7-timer\0";

/*
 * The SBSA generic UART is the PL011 subset Xen's vpl011 emulates.  The
 * 8250 family (Linux's serial/8250.yaml) places its registers by
 * reg-shift and reg-io-width, which the probe reads for every UART.
 */
const char uart_bindings[] =
	"arm,pl011\0"
	"arm,sbsa-uart\0"
	"ns16550a\0"
	"ns16550\0"
	"snps,dw-apb-uart\0";

const char psci_bindings[] =
	"arm,psci-1.0\0"
	"arm,psci-0.2\0"
	"arm,psci\0";

/*
 * Real-time clocks: the PL031 (Linux's rtc/arm,pl031.yaml) is QEMU virt's
 * and most Arm boards'.  Its registers fill one 4 KiB frame, the
 * PrimeCell ID at its end (RTC_MIN_SIZE in fdt/probe.c).
 */
const char rtc_bindings[] =
	"arm,pl031\0";

/* The property is looked up once; each table entry is a string search. */
const char *binding_match(const void *fdt, int offset, const char *table)
{
	int len;
	const char *list = fdt_getprop(fdt, offset, "compatible", &len);

	if (!list)
		return NULL;
	for (; *table; table = strlist_next(table))
		if (fdt_stringlist_contains(list, len, table))
			return table;
	return NULL;
}

enum gic_version gic_binding_version(const char *match)
{
	return match == gic_bindings ? GIC_V3 : GIC_V2;
}
