/*
 * The discovered-platform report.  The kernel's boot log and the dtb-probe
 * tool print it through this one function so the two never disagree.
 */
#include <stdio.h>
#include <string.h>

#include "platform.h"

/*
 * Fits the longest line: "bootargs " and PLATFORM_BOOTARGS_LEN (8 CPUs
 * with 64-bit MPIDRs and their methods take 254).
 */
#define LINE_LEN (PLATFORM_BOOTARGS_LEN + 16)

/* Append "0xBASE 0xSIZE" pairs; hex with 0x and no padding, by contract. */
static void add_region(char *line, size_t len, const struct region *r)
{
	size_t used = strlen(line);

	snprintf(line + used, len - used, " 0x%llx 0x%llx",
		 (unsigned long long)r->base, (unsigned long long)r->size);
}

static const char *psci_name(enum psci_method m)
{
	switch (m) {
	case PSCI_HVC:
		return "hvc";
	case PSCI_SMC:
		return "smc";
	default:
		return "none";
	}
}

static const char *cpu_enable_name(enum cpu_enable e)
{
	switch (e) {
	case CPU_ENABLE_PSCI:
		return "psci";
	case CPU_ENABLE_SPIN_TABLE:
		return "spin-table";
	case CPU_ENABLE_NONE:
		return "none";
	default:
		return "other";
	}
}

/*
 * "cpus N MPIDR... (METHOD)" when every CPU is started the same way, else
 * "cpus N MPIDR(METHOD)...": the common case stays short.
 */
static void report_cpus(const struct platform *p, char *line, size_t len)
{
	bool same = true;
	unsigned int i;

	for (i = 1; i < p->cpu_count; i++)
		if (p->cpu_enable[i] != p->cpu_enable[0])
			same = false;
	snprintf(line, len, "cpus %u", p->cpu_count);
	for (i = 0; i < p->cpu_count; i++) {
		size_t used = strlen(line);

		snprintf(line + used, len - used, " 0x%llx",
			 (unsigned long long)p->cpu_mpidr[i]);
		used = strlen(line);
		if (!same)
			snprintf(line + used, len - used, "(%s)",
				 cpu_enable_name(p->cpu_enable[i]));
	}
	if (same && p->cpu_count) {
		size_t used = strlen(line);

		snprintf(line + used, len - used, " (%s)",
			 cpu_enable_name(p->cpu_enable[0]));
	}
}

/* The compatible without its vendor prefix: "arm,pl011" -> "pl011". */
static const char *device_name(const char *compatible)
{
	const char *comma = strchr(compatible, ',');

	return comma ? comma + 1 : compatible;
}

static void report_gic(const struct platform_gic *g, char *line, size_t len,
		       void (*emit)(void *, const char *), void *ctx)
{
	unsigned int i;

	if (g->version == GIC_V2) {
		snprintf(line, len, "gic v2 dist 0x%llx cpu 0x%llx",
			 (unsigned long long)g->dist.base,
			 (unsigned long long)g->cpu.base);
	} else if (g->version == GIC_V3) {
		snprintf(line, len, "gic v3 dist 0x%llx redist",
			 (unsigned long long)g->dist.base);
		for (i = 0; i < g->redist_count; i++)
			add_region(line, len, &g->redist[i]);
	} else {
		return;
	}
	emit(ctx, line);
}

void platform_report(const struct platform *p,
		     void (*emit)(void *ctx, const char *line), void *ctx)
{
	char line[LINE_LEN];
	unsigned int i;

	for (i = 0; i < p->ram_count; i++) {
		snprintf(line, sizeof(line), "ram");
		add_region(line, sizeof(line), &p->ram[i]);
		emit(ctx, line);
	}
	report_gic(&p->gic, line, sizeof(line), emit, ctx);
	if (p->timer.present) {
		snprintf(line, sizeof(line), "timer phys %u virt %u freq %u",
			 p->timer.phys_intid, p->timer.virt_intid,
			 p->timer.freq_hz);
		emit(ctx, line);
	}
	if (p->xen.present) {
		snprintf(line, sizeof(line), "xen gnttab 0x%llx 0x%llx "
			 "evtchn %u",
			 (unsigned long long)p->xen.gnttab.base,
			 (unsigned long long)p->xen.gnttab.size,
			 p->xen.evtchn_intid);
		emit(ctx, line);
		for (i = 0; i < p->xen.ext_count; i++) {
			snprintf(line, sizeof(line), "xen extended-region");
			add_region(line, sizeof(line), &p->xen.ext[i]);
			emit(ctx, line);
		}
	}
	snprintf(line, sizeof(line), "psci %s", psci_name(p->psci));
	emit(ctx, line);
	report_cpus(p, line, sizeof(line));
	emit(ctx, line);
	for (i = 0; i < p->uart_count; i++) {
		snprintf(line, sizeof(line), "uart %s %s 0x%llx intid %u%s",
			 device_name(p->uart[i].compatible), p->uart[i].path,
			 (unsigned long long)p->uart[i].reg.base,
			 p->uart[i].intid,
			 p->stdout_uart == (int)i ? " stdout" : "");
		emit(ctx, line);
	}
	if (p->rtc.present) {
		snprintf(line, sizeof(line), "rtc %s %s 0x%llx",
			 device_name(p->rtc.compatible), p->rtc.path,
			 (unsigned long long)p->rtc.reg.base);
		emit(ctx, line);
	}
	for (i = 0; i < p->reserved_count; i++) {
		snprintf(line, sizeof(line), "reserved");
		add_region(line, sizeof(line), &p->reserved[i]);
		emit(ctx, line);
	}
	if (p->bootargs[0]) {
		snprintf(line, sizeof(line), "bootargs %s", p->bootargs);
		emit(ctx, line);
	}
	snprintf(line, sizeof(line), "board %s", platform_board_name(p));
	emit(ctx, line);
}

const char *platform_unbootable_reason(const struct platform *p)
{
	if (p->ram_count == 0)
		return "no RAM found";
	if (p->gic.version == GIC_NONE)
		return "no supported GIC found";
	if (!p->timer.present)
		return "no usable arm,armv8-timer found";
	return NULL;
}

/*
 * "xenvm" wherever Xen is known to be underneath, as Zephyr's board is
 * called; else the model (or root compatible) without its vendor prefix,
 * e.g. "linux,dummy-virt" -> "dummy-virt".
 */
const char *platform_board_name(const struct platform *p)
{
	const char *name = p->model[0] ? p->model : p->compatible;
	const char *comma;

	if (p->xen.present || p->xen.found_by_smccc ||
	    strncmp(p->compatible, "xen,xenvm", 9) == 0)
		return "xenvm";
	if (!name[0])
		return "unknown";
	comma = strchr(name, ',');
	return comma && comma[1] ? comma + 1 : name;
}
