/*
 * What the kernel knows about the machine it runs on.
 *
 * fdt_probe() fills one struct platform from the DTB; nothing else reads the
 * DTB.  The struct is plain data (no pointers into the blob) so that the DTB
 * can be moved or freed after probing and so that the host tools and unit
 * tests see exactly what the kernel sees.
 */
#ifndef FDT_PLATFORM_H
#define FDT_PLATFORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PLATFORM_MAX_RAM        8
#define PLATFORM_MAX_RESERVED   8
#define PLATFORM_MAX_REDIST     8
#define PLATFORM_MAX_CPUS       8
#define PLATFORM_MAX_XEN_EXT    8
#define PLATFORM_MAX_UARTS      4
#define PLATFORM_MAX_ERRORS     8
#define PLATFORM_NAME_LEN       64
#define PLATFORM_PATH_LEN       96
#define PLATFORM_BOOTARGS_LEN   1024
#define PLATFORM_ERROR_LEN      120

struct region {
	uint64_t base;
	uint64_t size;
};

/*
 * The GIC's register layout as its binding gives it, which says which reg
 * entries the probe reads and how the report prints them: v2, distributor
 * and CPU interface; v3, distributor and redistributor regions.  It is
 * DT knowledge, not a driver choice: drivers match on compatible.
 */
enum gic_version {
	GIC_NONE = 0,		/* no supported GIC found */
	GIC_V2 = 2,
	GIC_V3 = 3,
};

struct platform_gic {
	enum gic_version version;
	char compatible[PLATFORM_NAME_LEN];	/* the string that matched */
	char path[PLATFORM_PATH_LEN];
	uint32_t interrupt_cells;
	struct region dist;
	struct region cpu;			/* GICv2 CPU interface */
	struct region redist[PLATFORM_MAX_REDIST];	/* GICv3 */
	unsigned int redist_count;
	uint64_t redist_stride;			/* 0: walk GICR_TYPER */
};

/* INTIDs are GIC interrupt IDs: SGI 0-15, PPI 16-31, SPI 32-1019. */
struct platform_timer {
	bool present;
	uint32_t phys_intid;			/* non-secure physical timer */
	uint32_t virt_intid;			/* virtual timer */
	uint32_t freq_hz;			/* clock-frequency, 0 if absent */
};

struct platform_xen {
	bool present;				/* a "xen,xen" node exists */
	/*
	 * No node, but Xen answered the SMCCC hypervisor Call UID: set by
	 * the kernel (fdt/ makes no calls), read for the board name.
	 */
	bool found_by_smccc;
	char version[PLATFORM_NAME_LEN];	/* e.g. "xen,xen-4.17" */
	struct region gnttab;			/* reg[0]: grant-table frames */
	struct region ext[PLATFORM_MAX_XEN_EXT];	/* reg[1..]: free */
	unsigned int ext_count;
	uint32_t evtchn_intid;			/* 0 if not found */
};

enum psci_method {
	PSCI_NONE = 0,
	PSCI_HVC,
	PSCI_SMC,
};

/*
 * How a CPU node says it is started (its enable-method): "psci" by PSCI
 * CPU_ON, "spin-table" by a write to its cpu-release-addr.  NONE: no
 * enable-method (QEMU virt gives one only with more than one CPU).
 */
enum cpu_enable {
	CPU_ENABLE_NONE = 0,
	CPU_ENABLE_PSCI,
	CPU_ENABLE_SPIN_TABLE,
	CPU_ENABLE_OTHER,			/* any other string */
};

struct platform_uart {
	char compatible[PLATFORM_NAME_LEN];	/* the string that matched */
	char path[PLATFORM_PATH_LEN];
	struct region reg;
	uint32_t intid;				/* 0 if not found */
	/*
	 * The serial bindings' register spacing and access width
	 * (reg-shift, reg-io-width): register n is at reg.base +
	 * (n << reg_shift).  0 and 0 when absent: the binding's own.
	 */
	uint32_t reg_shift;
	uint32_t reg_io_width;
};

/*
 * A real-time clock the DT lists (the first enabled one): what the
 * kernel reads the time of day from when Xen does not give it.
 */
struct platform_rtc {
	bool present;
	char compatible[PLATFORM_NAME_LEN];	/* the string that matched */
	char path[PLATFORM_PATH_LEN];
	struct region reg;
};

struct platform {
	char model[PLATFORM_NAME_LEN];		/* root model, "" if absent */
	char compatible[PLATFORM_NAME_LEN];	/* root compatible[0] */

	/* Sorted and disjoint: overlapping or touching banks are merged. */
	struct region ram[PLATFORM_MAX_RAM];
	unsigned int ram_count;
	/* /memreserve/ entries and /reserved-memory children with reg */
	struct region reserved[PLATFORM_MAX_RESERVED];
	unsigned int reserved_count;

	struct platform_gic gic;
	struct platform_timer timer;
	struct platform_xen xen;

	enum psci_method psci;
	bool psci_0_2;				/* PSCI_VERSION exists */
	/*
	 * The PSCI CPU_ON and CPU_OFF function IDs to call: from 0.2 the
	 * standard SMC64 ones, for PSCI 0.1 the DT's cpu_on and cpu_off
	 * (0 if absent).  0 and 0 without a psci node.
	 */
	uint32_t psci_cpu_on;
	uint32_t psci_cpu_off;
	/* In DT order: the boot CPU is whichever matches MPIDR_EL1. */
	uint64_t cpu_mpidr[PLATFORM_MAX_CPUS];
	enum cpu_enable cpu_enable[PLATFORM_MAX_CPUS];
	unsigned int cpu_count;

	struct platform_uart uart[PLATFORM_MAX_UARTS];
	unsigned int uart_count;
	int stdout_uart;			/* index into uart[], -1: none */

	struct platform_rtc rtc;

	char bootargs[PLATFORM_BOOTARGS_LEN];
	char stdout_path[PLATFORM_PATH_LEN];

	/*
	 * Problems found while probing, in the order found, each naming the
	 * node and what was wrong ("fdt: /timer: no interrupt controller").
	 * Probing goes on after a problem so that a report shows everything.
	 */
	char errors[PLATFORM_MAX_ERRORS][PLATFORM_ERROR_LEN];
	unsigned int error_count;
};

/*
 * Fill *p from the flattened device tree at fdt.  Returns 0 when the blob
 * could be read (p->errors may still list missing pieces), or a negative
 * libfdt error when the blob itself is unusable (p->errors[0] says why).
 * blob_size bounds every read: pass the size of the buffer holding the DTB
 * (the header's totalsize must fit in it).
 */
int fdt_probe(const void *fdt, size_t blob_size, struct platform *p);

/*
 * Drop the Xen grant-table and extended regions that overlap
 * [base, base + size), what (e.g. "RAM", "the kernel image"), each with an
 * error in p->errors: Xen's frames mapped there would replace what is
 * there.  fdt_probe() does it for every RAM bank; the kernel does it for
 * its image, which only it knows.  Returns how many were dropped.  A
 * dropped grant-table region is left 0/0.
 */
unsigned int platform_xen_drop_overlaps(struct platform *p, uint64_t base,
					uint64_t size, const char *what);

/*
 * Can the kernel boot with what was found?  Needs RAM, a supported GIC and
 * a timer.  Returns NULL if so, else the first reason it cannot.
 */
const char *platform_unbootable_reason(const struct platform *p);

/*
 * Write the discovered-platform report, one line at a time, to emit().
 * The first lines have a fixed format shared by the kernel's boot log and
 * the dtb-probe tool:
 *   ram BASE SIZE                     (one per bank, ascending)
 *   gic v2 dist D cpu C | gic v3 dist D redist B S [B S ...]
 *   timer phys N virt N freq HZ
 *   xen gnttab B S evtchn N           (only with a xen,xen node)
 * then free-form lines (psci, cpus, console, rtc, bootargs, extended
 * regions).  The cpus line is "cpus N MPIDR... (METHOD)" when every CPU
 * has the same enable method, else "cpus N MPIDR(METHOD)..."; METHOD is
 * psci, spin-table, none or other.
 */
void platform_report(const struct platform *p,
		     void (*emit)(void *ctx, const char *line), void *ctx);

/* A short board name: "xenvm" under Xen, else derived from model/compatible. */
const char *platform_board_name(const struct platform *p);

#endif
