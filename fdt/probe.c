/*
 * fdt_probe(): the one place that reads the DTB.  Each piece of the machine
 * is probed on its own so that one missing node does not hide the others;
 * problems are recorded by name in p->errors.
 */
#include <stdio.h>
#include <string.h>

#include <libfdt.h>

#include "bindings.h"
#include "dt_read.h"
#include "platform.h"

static int is_memory(const void *fdt, int node)
{
	int len;
	const char *type = fdt_getprop(fdt, node, "device_type", &len);

	return type && len == (int)sizeof("memory") &&
	       memcmp(type, "memory", sizeof("memory")) == 0;
}

/*
 * Put bank r into p->ram[], which stays sorted and disjoint: a bank that
 * overlaps or touches others is merged with them.  Two memory nodes for
 * the same RAM (firmware adding one to a DTS that has it already) are
 * common and harmless once merged; handed to the page allocator as they
 * are, they made it give out the same pages twice.  Returns -FDT_ERR_NOSPACE
 * when a new bank finds the table full.
 */
static int add_ram(struct platform *p, struct region r)
{
	uint64_t start = r.base, end = r.base + r.size;
	unsigned int i = 0, j, n = p->ram_count;

	/* Banks wholly below r stay; [i, j) are those r overlaps or touches. */
	while (i < n && p->ram[i].base + p->ram[i].size < start)
		i++;
	for (j = i; j < n && p->ram[j].base <= end; j++) {
		uint64_t bank_end = p->ram[j].base + p->ram[j].size;

		if (p->ram[j].base < start)
			start = p->ram[j].base;
		if (bank_end > end)
			end = bank_end;
	}
	if (i == j && n == PLATFORM_MAX_RAM)
		return -FDT_ERR_NOSPACE;
	/* Replace [i, j) by the one merged bank. */
	memmove(&p->ram[i + 1], &p->ram[j], (n - j) * sizeof(p->ram[0]));
	p->ram[i].base = start;
	p->ram[i].size = end - start;
	p->ram_count = n - (j - i) + 1;
	return 0;
}

static void probe_ram(const void *fdt, struct platform *p)
{
	int node, i, n;

	for (node = dt_next_node(fdt, -1); node >= 0;
	     node = dt_next_node(fdt, node)) {
		if (!is_memory(fdt, node) || !dt_enabled(fdt, node))
			continue;
		n = dt_reg_count(p, fdt, node);
		for (i = 0; i < n; i++) {
			struct region r;

			if (dt_reg(p, fdt, node, i, &r) < 0 || r.size == 0)
				continue;
			if (r.base + r.size < r.base) {
				dt_error(p, fdt, node, "RAM bank 0x%llx size "
					 "0x%llx wraps around",
					 (unsigned long long)r.base,
					 (unsigned long long)r.size);
				continue;
			}
			if (add_ram(p, r) < 0) {
				dt_error(p, fdt, node, "more than %d RAM "
					 "banks; ignoring the rest",
					 PLATFORM_MAX_RAM);
				return;
			}
		}
	}
	if (p->ram_count == 0)
		dt_error(p, fdt, -1, "no memory node with RAM");
}

/*
 * Record a reserved region; false once the table is full (reported once):
 * the caller stops there, whatever the rest of the tree holds.
 */
static bool add_reserved(const void *fdt, struct platform *p, int node,
			 uint64_t base, uint64_t size)
{
	if (!size)
		return true;
	if (p->reserved_count == PLATFORM_MAX_RESERVED) {
		dt_error(p, fdt, node, "more than %d reserved regions; "
			 "ignoring the rest", PLATFORM_MAX_RESERVED);
		return false;
	}
	p->reserved[p->reserved_count].base = base;
	p->reserved[p->reserved_count].size = size;
	p->reserved_count++;
	return true;
}

static void probe_reserved(const void *fdt, struct platform *p)
{
	int i, n = fdt_num_mem_rsv(fdt);
	int rsv, node;

	for (i = 0; i < n; i++) {
		uint64_t base, size;

		if (fdt_get_mem_rsv(fdt, i, &base, &size) == 0 &&
		    !add_reserved(fdt, p, -1, base, size))
			return;
	}
	rsv = fdt_path_offset(fdt, "/reserved-memory");
	if (rsv < 0)
		return;
	fdt_for_each_subnode(node, fdt, rsv) {
		struct region r;
		int k, count;

		if (!dt_enabled(fdt, node))
			continue;
		count = dt_reg_count(p, fdt, node);
		for (k = 0; k < count; k++)
			if (dt_reg(p, fdt, node, k, &r) == 0 &&
			    !add_reserved(fdt, p, node, r.base, r.size))
				return;
	}
}

/* GICv3 redistributor frames: RD_base and SGI_base, 64 KiB each. */
#define GICR_FRAME	0x10000ULL

/* Whole 64 KiB frames, room for at least one redistributor, no wrap. */
static bool redist_region_ok(const struct region *r)
{
	return r->base % GICR_FRAME == 0 && r->size % GICR_FRAME == 0 &&
	       r->size >= 2 * GICR_FRAME && r->base + r->size > r->base;
}

static void probe_gic(const void *fdt, struct platform *p, int node)
{
	struct platform_gic *g = &p->gic;
	const char *b = binding_match(fdt, node, gic_bindings);
	const fdt32_t *prop;
	int len, i, count;
	uint32_t regions = 1;

	dt_path(fdt, node, g->path, sizeof(g->path));
	if (!b) {
		dt_error(p, fdt, node, "interrupt controller is not a "
			 "supported GIC");
		return;
	}
	snprintf(g->compatible, sizeof(g->compatible), "%s", b);
	prop = fdt_getprop(fdt, node, "#interrupt-cells", &len);
	if (!prop || len != 4 || fdt32_to_cpu(*prop) < 3) {
		dt_error(p, fdt, node, "#interrupt-cells must be 3 or more");
		return;
	}
	g->interrupt_cells = fdt32_to_cpu(*prop);
	if (dt_reg(p, fdt, node, 0, &g->dist) < 0)
		return;

	if (gic_binding_version(b) == GIC_V2) {
		if (dt_reg(p, fdt, node, 1, &g->cpu) < 0)
			return;
		g->version = GIC_V2;
		return;
	}

	prop = fdt_getprop(fdt, node, "#redistributor-regions", &len);
	if (prop) {
		if (len != 4 || fdt32_to_cpu(*prop) < 1) {
			dt_error(p, fdt, node, "bad #redistributor-regions");
			return;
		}
		regions = fdt32_to_cpu(*prop);
	}
	if (regions > PLATFORM_MAX_REDIST) {
		dt_error(p, fdt, node, "%u redistributor regions, at most %d "
			 "supported", regions, PLATFORM_MAX_REDIST);
		return;
	}
	count = dt_reg_count(p, fdt, node);
	if (count < 1 + (int)regions) {
		dt_error(p, fdt, node, "reg has %d entries, need %u "
			 "redistributor regions after the distributor",
			 count, regions);
		return;
	}
	for (i = 0; i < (int)regions; i++) {
		if (dt_reg(p, fdt, node, 1 + i, &g->redist[i]) < 0)
			return;
		if (!redist_region_ok(&g->redist[i])) {
			dt_error(p, fdt, node, "redistributor region %d 0x%llx "
				 "size 0x%llx is not whole 64 KiB frames "
				 "holding one redistributor or more", i,
				 (unsigned long long)g->redist[i].base,
				 (unsigned long long)g->redist[i].size);
			return;
		}
	}
	prop = fdt_getprop(fdt, node, "redistributor-stride", &len);
	/* Property values are only 4-byte aligned: fdt64_ld, not a cast. */
	if (prop && len == 8) {
		g->redist_stride = fdt64_ld((const fdt64_t *)prop);
	} else if (prop && len == 4) {
		g->redist_stride = fdt32_to_cpu(*prop);
	} else if (prop) {
		dt_error(p, fdt, node, "redistributor-stride is %d bytes",
			 len);
		return;
	}
	/*
	 * The driver steps from one redistributor to the next by the
	 * stride: anything but whole frames, two or more of them, would
	 * have it read registers in the middle of a redistributor.
	 */
	if (prop && (g->redist_stride % GICR_FRAME != 0 ||
		     g->redist_stride < 2 * GICR_FRAME)) {
		dt_error(p, fdt, node, "redistributor-stride 0x%llx is not a "
			 "multiple of 64 KiB of at least 128 KiB",
			 (unsigned long long)g->redist_stride);
		g->redist_stride = 0;
		return;
	}
	g->redist_count = regions;
	g->version = GIC_V3;
}

/* The first enabled node matching one of table's compatibles, or < 0. */
static int find_enabled(const void *fdt, const char *table)
{
	int node;

	for (node = dt_next_node(fdt, -1); node >= 0;
	     node = dt_next_node(fdt, node))
		if (binding_match(fdt, node, table) && dt_enabled(fdt, node))
			return node;
	return -FDT_ERR_NOTFOUND;
}

/*
 * The GIC is the controller the timer's interrupts go to; the timer's
 * INTIDs are read against it.  Without a timer, the first GIC in the tree
 * is reported so that the log still shows it.
 */
static int probe_timer_and_gic(const void *fdt, struct platform *p)
{
	struct platform_timer *t = &p->timer;
	int timer = find_enabled(fdt, timer_bindings);
	int gic, n;
	const fdt32_t *freq;
	int len;

	if (timer < 0) {
		dt_error(p, fdt, -1, "no arm,armv8-timer node");
		gic = find_enabled(fdt, gic_bindings);
		if (gic >= 0)
			probe_gic(fdt, p, gic);
		else
			dt_error(p, fdt, -1, "no GIC");
		return gic;
	}
	n = dt_interrupt_count(p, fdt, timer, &gic);
	if (n <= 0) {
		if (n == 0)
			dt_error(p, fdt, timer, "no interrupts");
		return -FDT_ERR_NOTFOUND;
	}
	probe_gic(fdt, p, gic);
	if (p->gic.version == GIC_NONE)
		return -FDT_ERR_NOTFOUND;
	if (n < 3) {
		dt_error(p, fdt, timer, "has %d interrupts, need 3 or more "
			 "(secure phys, phys, virt)", n);
		return gic;
	}
	/* Binding order: secure phys, non-secure phys, virt, hyp[, hyp virt]. */
	if (dt_interrupt(p, fdt, timer, 1, gic, &t->phys_intid) < 0 ||
	    dt_interrupt(p, fdt, timer, 2, gic, &t->virt_intid) < 0)
		return gic;
	freq = fdt_getprop(fdt, timer, "clock-frequency", &len);
	if (freq && len == 4)
		t->freq_hz = fdt32_to_cpu(*freq);
	else if (freq)
		dt_error(p, fdt, timer, "bad clock-frequency");
	t->present = true;
	return gic;
}

static void probe_xen(const void *fdt, struct platform *p, int gic)
{
	struct platform_xen *x = &p->xen;
	int node = fdt_node_offset_by_compatible(fdt, -1, "xen,xen");
	int i, count, ctrl;

	if (node < 0)
		return;
	x->present = true;
	dt_string(fdt, node, "compatible", x->version, sizeof(x->version));
	count = dt_reg_count(p, fdt, node);
	if (count < 1) {
		dt_error(p, fdt, node, "no grant-table region in reg");
	} else {
		dt_reg(p, fdt, node, 0, &x->gnttab);
		for (i = 1; i < count; i++) {
			if (x->ext_count == PLATFORM_MAX_XEN_EXT)
				break;
			if (dt_reg(p, fdt, node, i, &x->ext[x->ext_count]) == 0)
				x->ext_count++;
		}
	}
	for (i = 0; i < (int)p->ram_count; i++)
		platform_xen_drop_overlaps(p, p->ram[i].base, p->ram[i].size,
					   "RAM");
	if (p->gic.version == GIC_NONE)
		return;
	if (dt_interrupt_count(p, fdt, node, &ctrl) <= 0)
		dt_error(p, fdt, node, "no event-channel interrupt");
	else
		dt_interrupt(p, fdt, node, 0, gic, &x->evtchn_intid);
}

/*
 * From PSCI 0.2 the function IDs are fixed (Arm DEN0022: SMC64 CPU_ON,
 * SMC32 CPU_OFF, which has no SMC64 form); PSCI 0.1 left them to the
 * firmware, which the DT names.
 */
#define PSCI_0_2_CPU_ON		0xc4000003u
#define PSCI_0_2_CPU_OFF	0x84000002u

/* A PSCI 0.1 function ID property: 0 if absent, 0 and an error if bad. */
static uint32_t psci_0_1_id(struct platform *p, const void *fdt, int node,
			    const char *name)
{
	int len;
	const fdt32_t *id = fdt_getprop(fdt, node, name, &len);

	if (!id)
		return 0;
	if (len != 4) {
		dt_error(p, fdt, node, "bad %s", name);
		return 0;
	}
	return fdt32_ld(id);
}

static void probe_psci(const void *fdt, struct platform *p)
{
	char method[8];
	int node = find_enabled(fdt, psci_bindings);

	if (node < 0)
		return;
	/* "arm,psci" alone is PSCI 0.1: its function IDs are the DT's own,
	 * and PSCI_VERSION may not exist. */
	p->psci_0_2 =
		fdt_node_check_compatible(fdt, node, "arm,psci-0.2") == 0 ||
		fdt_node_check_compatible(fdt, node, "arm,psci-1.0") == 0;
	if (p->psci_0_2) {
		p->psci_cpu_on = PSCI_0_2_CPU_ON;
		p->psci_cpu_off = PSCI_0_2_CPU_OFF;
	} else {
		p->psci_cpu_on = psci_0_1_id(p, fdt, node, "cpu_on");
		p->psci_cpu_off = psci_0_1_id(p, fdt, node, "cpu_off");
	}
	dt_string(fdt, node, "method", method, sizeof(method));
	if (strcmp(method, "hvc") == 0)
		p->psci = PSCI_HVC;
	else if (strcmp(method, "smc") == 0)
		p->psci = PSCI_SMC;
	else
		dt_error(p, fdt, node, "unknown PSCI method \"%s\"", method);
}

/*
 * The first string of node's enable-method, compared whole; one that is
 * empty or not a string is a method we do not know.
 */
static enum cpu_enable cpu_enable_method(const void *fdt, int node)
{
	int len;
	const char *m;

	if (!fdt_getprop(fdt, node, "enable-method", &len))
		return CPU_ENABLE_NONE;
	m = fdt_stringlist_get(fdt, node, "enable-method", 0, &len);
	if (!m)
		return CPU_ENABLE_OTHER;
	if (len == 4 && memcmp(m, "psci", 4) == 0)
		return CPU_ENABLE_PSCI;
	if (len == 10 && memcmp(m, "spin-table", 10) == 0)
		return CPU_ENABLE_SPIN_TABLE;
	return CPU_ENABLE_OTHER;
}

static void probe_cpus(const void *fdt, struct platform *p)
{
	int cpus = fdt_path_offset(fdt, "/cpus");
	int node, ac, len;
	unsigned int listed = 0;

	if (cpus < 0) {
		dt_error(p, fdt, -1, "no /cpus");
		return;
	}
	ac = dt_cells(fdt, cpus, "#address-cells");
	fdt_for_each_subnode(node, fdt, cpus) {
		const char *type = fdt_getprop(fdt, node, "device_type", &len);
		const fdt32_t *reg;

		if (!type || len != 4 || memcmp(type, "cpu", 4) != 0 ||
		    !dt_enabled(fdt, node))
			continue;
		reg = fdt_getprop(fdt, node, "reg", &len);
		if (!reg || (ac != 1 && ac != 2) || len < 4 * ac) {
			dt_error(p, fdt, node, "bad reg for a CPU");
			continue;
		}
		if (++listed > PLATFORM_MAX_CPUS)
			continue;
		p->cpu_mpidr[p->cpu_count] = ac == 2 ?
			fdt64_ld((const fdt64_t *)reg) : fdt32_ld(reg);
		p->cpu_enable[p->cpu_count++] = cpu_enable_method(fdt, node);
	}
	if (listed > PLATFORM_MAX_CPUS)
		dt_error(p, fdt, cpus, "the DT lists %u CPUs, only the first "
			 "%d are used", listed, PLATFORM_MAX_CPUS);
}

/*
 * reg-shift and reg-io-width as serial/8250.yaml allows them (shift 0-2,
 * width 1, 2 or 4).  Returns false, with an error, for any other: a
 * driver would read the wrong registers or access them at a width the
 * device does not decode.
 */
static bool probe_uart_access(struct platform *p, const void *fdt, int node,
			      struct platform_uart *u)
{
	int len;
	const fdt32_t *shift = fdt_getprop(fdt, node, "reg-shift", &len);
	const fdt32_t *width;

	if (shift) {
		if (len != 4 || fdt32_to_cpu(*shift) > 2) {
			dt_error(p, fdt, node, "bad reg-shift");
			return false;
		}
		u->reg_shift = fdt32_to_cpu(*shift);
	}
	width = fdt_getprop(fdt, node, "reg-io-width", &len);
	if (width) {
		u->reg_io_width = len == 4 ? fdt32_to_cpu(*width) : 0;
		if (u->reg_io_width != 1 && u->reg_io_width != 2 &&
		    u->reg_io_width != 4) {
			dt_error(p, fdt, node, "bad reg-io-width");
			return false;
		}
	}
	return true;
}

static void probe_uarts(const void *fdt, struct platform *p, int gic,
			int stdout_node)
{
	int node;

	for (node = dt_next_node(fdt, -1); node >= 0;
	     node = dt_next_node(fdt, node)) {
		const char *b = binding_match(fdt, node, uart_bindings);
		struct platform_uart *u;
		int ctrl;

		if (!b || !dt_enabled(fdt, node) ||
		    p->uart_count == PLATFORM_MAX_UARTS)
			continue;
		u = &p->uart[p->uart_count];
		memset(u, 0, sizeof(*u));
		if (dt_reg(p, fdt, node, 0, &u->reg) < 0 ||
		    !probe_uart_access(p, fdt, node, u))
			continue;
		snprintf(u->compatible, sizeof(u->compatible), "%s", b);
		dt_path(fdt, node, u->path, sizeof(u->path));
		/* The console works polled; its interrupt is optional. */
		if (p->gic.version != GIC_NONE &&
		    dt_interrupt_count(p, fdt, node, &ctrl) > 0 && ctrl == gic)
			dt_interrupt(p, fdt, node, 0, gic, &u->intid);
		if (node == stdout_node)
			p->stdout_uart = (int)p->uart_count;
		p->uart_count++;
	}
}

/*
 * The PL031's registers span 4 KiB: data at 0, the PrimeCell ID at 0xff0
 * (which the driver checks before trusting the data register).  A
 * smaller reg would have the driver read past what the DT gave it.
 */
#define RTC_MIN_SIZE	0x1000

/* The first enabled RTC with a usable reg; each unusable one is named. */
static void probe_rtc(const void *fdt, struct platform *p)
{
	int node;

	for (node = dt_next_node(fdt, -1); node >= 0;
	     node = dt_next_node(fdt, node)) {
		const char *b = binding_match(fdt, node, rtc_bindings);
		struct region r;

		if (!b || !dt_enabled(fdt, node))
			continue;
		if (dt_reg(p, fdt, node, 0, &r) < 0)
			continue;
		if (r.size < RTC_MIN_SIZE || r.base + r.size < r.base) {
			dt_error(p, fdt, node, "reg 0x%llx size 0x%llx: the "
				 "RTC's registers need 0x%x bytes",
				 (unsigned long long)r.base,
				 (unsigned long long)r.size, RTC_MIN_SIZE);
			continue;
		}
		p->rtc.present = true;
		p->rtc.reg = r;
		snprintf(p->rtc.compatible, sizeof(p->rtc.compatible), "%s",
			 b);
		dt_path(fdt, node, p->rtc.path, sizeof(p->rtc.path));
		return;
	}
}

/*
 * /chosen: bootargs and stdout-path.  Returns the stdout node's offset (or
 * < 0).  stdout-path may be an alias and may carry ":options"; the node is
 * looked up from the property itself, so a path longer than our copy of
 * it still resolves.
 */
static int probe_chosen(const void *fdt, struct platform *p)
{
	int chosen = fdt_path_offset(fdt, "/chosen");
	const char *path, *colon;
	int node, len;

	if (chosen < 0)
		return -FDT_ERR_NOTFOUND;
	dt_string(fdt, chosen, "bootargs", p->bootargs, sizeof(p->bootargs));
	path = fdt_getprop(fdt, chosen, "bootargs", &len);
	if (path && len > 0 &&
	    strnlen(path, (size_t)len) >= sizeof(p->bootargs))
		dt_error(p, fdt, chosen, "bootargs of %zu bytes cut to %zu",
			 strnlen(path, (size_t)len), sizeof(p->bootargs) - 1);
	dt_string(fdt, chosen, "stdout-path", p->stdout_path,
		  sizeof(p->stdout_path));
	path = fdt_getprop(fdt, chosen, "stdout-path", &len);
	if (!path || len < 2 || path[len - 1] != '\0')
		return -FDT_ERR_NOTFOUND;
	colon = strchr(path, ':');
	node = fdt_path_offset_namelen(fdt, path, colon ?
				       (int)(colon - path) : len - 1);
	if (node < 0)
		dt_error(p, fdt, chosen, "stdout-path %s: no such node",
			 p->stdout_path);
	return node;
}

int fdt_probe(const void *fdt, size_t blob_size, struct platform *p)
{
	int err, gic, stdout_node;

	memset(p, 0, sizeof(*p));
	p->stdout_uart = -1;
	/*
	 * fdt_check_full() walks the whole structure block once, so every
	 * later libfdt call works on a blob known to be consistent and
	 * within blob_size.  A blob that fails is not read any further, not
	 * even to find a console: libfdt's walkers (fdt_get_path, for one)
	 * are not safe on a damaged structure block.
	 */
	if (blob_size < sizeof(struct fdt_header))
		err = -FDT_ERR_TRUNCATED;
	else if ((err = fdt_check_header(fdt)) == 0 &&
		 fdt_totalsize(fdt) > blob_size)
		err = -FDT_ERR_TRUNCATED;
	/*
	 * fdt_check_header() takes versions from 2, but libfdt 1.6.1's
	 * fdt_check_full() dereferences NULL on a pre-16 blob (old-style node
	 * names); every DTB in use since 2008 is version 17.
	 */
	else if (err == 0 && fdt_version(fdt) < 16)
		err = -FDT_ERR_BADVERSION;
	else if (err == 0)
		err = fdt_check_full(fdt, fdt_totalsize(fdt));
	if (err) {
		const char *name = dt_error_name(err);

		/* fdt_strerror()'s text, without its table (dt_read.h). */
		snprintf(p->errors[0], PLATFORM_ERROR_LEN,
			 "fdt: not a usable device tree: %s%s",
			 name ? "FDT_ERR_" : "<unknown error>",
			 name ? name : "");
		p->error_count = 1;
		return err;
	}
	dt_cache_build(fdt);
	dt_string(fdt, 0, "model", p->model, sizeof(p->model));
	dt_string(fdt, 0, "compatible", p->compatible,
		  sizeof(p->compatible));
	probe_ram(fdt, p);
	probe_reserved(fdt, p);
	gic = probe_timer_and_gic(fdt, p);
	probe_xen(fdt, p, gic);
	probe_psci(fdt, p);
	probe_cpus(fdt, p);
	stdout_node = probe_chosen(fdt, p);
	probe_uarts(fdt, p, gic, stdout_node);
	probe_rtc(fdt, p);
	dt_cache_drop();
	return 0;
}
