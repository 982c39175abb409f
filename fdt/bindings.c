#include <libfdt.h>

#include "bindings.h"

/*
 * Each GIC binding with its register layout.  The GICv2 family is listed
 * as Linux's irq-gic driver lists it: all share one layout.
 */
const struct binding gic_bindings[] = {
	{ "arm,gic-v3", GIC_V3 },
	{ "arm,gic-400", GIC_V2 },
	{ "arm,cortex-a15-gic", GIC_V2 },
	{ "arm,cortex-a9-gic", GIC_V2 },
	{ "arm,cortex-a7-gic", GIC_V2 },
	{ "arm,pl390", GIC_V2 },
	{ "arm,arm11mp-gic", GIC_V2 },
	{ "arm,arm1176jzf-devchip-gic", GIC_V2 },
	{ "arm,eb11mp-gic", GIC_V2 },
	{ "arm,tc11mp-gic", GIC_V2 },
	{ "brcm,brahma-b15-gic", GIC_V2 },
	{ "nvidia,tegra210-agic", GIC_V2 },
	{ "qcom,msm-8660-qgic", GIC_V2 },
	{ "qcom,msm-qgic2", GIC_V2 },
	{ "", 0 },
};

const struct binding timer_bindings[] = {
	{ "arm,armv8-timer", 0 },
	{ "arm,armv7-timer", 0 },
	{ "", 0 },
};

/*
 * The SBSA generic UART is the PL011 subset Xen's vpl011 emulates.  The
 * 8250 family (Linux's serial/8250.yaml) places its registers by
 * reg-shift and reg-io-width, which the probe reads for every UART.
 */
const struct binding uart_bindings[] = {
	{ "arm,pl011", 0 },
	{ "arm,sbsa-uart", 0 },
	{ "ns16550a", 0 },
	{ "ns16550", 0 },
	{ "snps,dw-apb-uart", 0 },
	{ "", 0 },
};

const struct binding psci_bindings[] = {
	{ "arm,psci-1.0", 0 },
	{ "arm,psci-0.2", 0 },
	{ "arm,psci", 0 },
	{ "", 0 },
};

/*
 * Real-time clocks: the PL031 (Linux's rtc/arm,pl031.yaml) is QEMU virt's
 * and most Arm boards'.  Its registers fill one 4 KiB frame, the
 * PrimeCell ID at its end (RTC_MIN_SIZE in fdt/probe.c).
 */
const struct binding rtc_bindings[] = {
	{ "arm,pl031", 0 },
	{ "", 0 },
};

/* The property is looked up once; each table entry is a string search. */
const struct binding *binding_match(const void *fdt, int offset,
				    const struct binding *table)
{
	const struct binding *b;
	int len;
	const char *list = fdt_getprop(fdt, offset, "compatible", &len);

	if (!list)
		return NULL;
	for (b = table; b->compatible[0]; b++)
		if (fdt_stringlist_contains(list, len, b->compatible))
			return b;
	return NULL;
}
