#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <libfdt.h>

#include "dt_read.h"
#include "kernel/strlist.h"

/*
 * Parents and phandles during one probe, in work linear in the blob.
 * libfdt's fdt_parent_offset() and fdt_node_offset_by_phandle() rescan the
 * blob from its start on every call; the probe asks for parents for every
 * reg and interrupt it reads, so a tree of n nodes cost O(n^2) (a table of
 * parents helped only up to its fixed size).  Instead a cursor walks the
 * tree forward and keeps the stack of the current node's ancestors: the
 * probe's loops go forward through the tree and ask for the parents of the
 * node they are on and of its ancestors, which the stack answers at once.
 * Only a question about a node behind the cursor restarts the walk, which
 * happens a fixed number of times per probe.  Phandle lookups (a few per
 * probe: the interrupt controllers of the timer, Xen and the UARTs) walk
 * the tree, with the last answer kept since they all name the same GIC.
 *
 * Owned by this file: started by dt_cache_build() at the start of
 * fdt_probe(), stopped by dt_cache_drop() at its end (one probe at a
 * time).  Without it, lookups fall back to libfdt.
 */
#define DT_MAX_DEPTH	64	/* bound on any walk up the tree */
/*
 * Every reg read walks its buses' ranges, so a bus with n entries and n
 * children would cost n^2; real buses have a handful (PCI hosts, SoC
 * buses: under 32).
 */
#define DT_MAX_RANGES	64
/* interrupts-extended entries counted: each costs a phandle lookup. */
#define DT_MAX_INTERRUPTS	32

static struct {
	const void *fdt;
	int offset;			/* the cursor node */
	int depth;			/* its depth (the root is 0) */
	int stack[DT_MAX_DEPTH];	/* its ancestors, while depth fits */
	uint32_t phandle;		/* last phandle looked up, 0: none */
	int phandle_offset;
	unsigned long steps;		/* nodes stepped over, for the tests */
	unsigned long rescans;		/* libfdt lookups from the start */
} cache;

static void cursor_to_root(void)
{
	cache.offset = 0;
	cache.depth = 0;
	cache.stack[0] = 0;
}

void dt_cache_build(const void *fdt)
{
	cache.fdt = fdt;
	cache.phandle = 0;
	cache.steps = 0;
	cache.rescans = 0;
	cursor_to_root();
}

unsigned long dt_cache_steps(void)
{
	return cache.steps;
}

unsigned long dt_cache_rescans(void)
{
	return cache.rescans;
}

void dt_cache_drop(void)
{
	cache.fdt = NULL;
}

int dt_next_node(const void *fdt, int node)
{
	if (cache.fdt == fdt)
		cache.steps++;
	return fdt_next_node(fdt, node, NULL);
}

/* The parent of the node at stack depth d, which is node itself. */
static int stacked_parent(int d)
{
	return d ? cache.stack[d - 1] : -FDT_ERR_NOTFOUND;
}

int dt_parent(const void *fdt, int node)
{
	int d, next, top;

	if (cache.fdt != fdt) {
		cache.rescans++;
		return fdt_parent_offset(fdt, node);
	}
	if (node < 0)
		return -FDT_ERR_BADOFFSET;
	top = cache.depth < DT_MAX_DEPTH ? cache.depth : DT_MAX_DEPTH - 1;
	for (d = top; d >= 0; d--)
		if (cache.stack[d] == node)
			return stacked_parent(d);
	if (node < cache.offset)
		cursor_to_root();
	if (node == 0)
		return -FDT_ERR_NOTFOUND;
	d = cache.depth;
	for (;;) {
		next = fdt_next_node(fdt, cache.offset, &d);
		cache.steps++;
		/* Past the end of the tree, or past node: not a node. */
		if (next < 0 || d <= 0 || next > node)
			return -FDT_ERR_BADOFFSET;
		cache.offset = next;
		cache.depth = d;
		if (d < DT_MAX_DEPTH)
			cache.stack[d] = next;
		if (next == node)
			return d < DT_MAX_DEPTH ? stacked_parent(d) :
						  -FDT_ERR_BADSTRUCTURE;
	}
}

int dt_by_phandle(const void *fdt, uint32_t phandle)
{
	int node;

	if (cache.fdt != fdt) {
		cache.rescans++;
		return fdt_node_offset_by_phandle(fdt, phandle);
	}
	if (phandle == 0 || phandle == (uint32_t)-1)
		return -FDT_ERR_BADPHANDLE;
	if (cache.phandle == phandle)
		return cache.phandle_offset;
	for (node = dt_next_node(fdt, -1); node >= 0;
	     node = dt_next_node(fdt, node))
		if (fdt_get_phandle(fdt, node) == phandle)
			break;
	cache.phandle = phandle;
	cache.phandle_offset = node >= 0 ? node : -FDT_ERR_NOTFOUND;
	return cache.phandle_offset;
}

/* A path too long for buf is cut short (still a prefix of the real one);
 * one too long even for the scratch buffer comes out empty. */
void dt_path(const void *fdt, int node, char *buf, int len)
{
	char full[256];

	if (node < 0)
		snprintf(full, sizeof(full), "/");
	else if (fdt_get_path(fdt, node, full, sizeof(full)) < 0)
		full[0] = '\0';
	snprintf(buf, (size_t)len, "%s", full);
}

/* libfdt's errors (libfdt.h), by the name after "FDT_ERR_". */
#define FDT_ERRORS(X) X(NOTFOUND) X(EXISTS) X(NOSPACE) X(BADOFFSET) \
	X(BADPATH) X(BADPHANDLE) X(BADSTATE) X(TRUNCATED) X(BADMAGIC) \
	X(BADVERSION) X(BADSTRUCTURE) X(BADLAYOUT) X(INTERNAL) \
	X(BADNCELLS) X(BADVALUE) X(BADOVERLAY) X(NOPHANDLES) X(BADFLAGS) \
	X(ALIGNMENT)
#define AS_NUMBER(e)	FDT_ERR_##e,
#define AS_NAME(e)	#e "\0"

/* As kernel/errno_name.c: numbers in bytes, names in one string (in
 * the same order), no pointers. */
static const unsigned char fdt_error_numbers[] = { FDT_ERRORS(AS_NUMBER) };
static const char fdt_error_names[] = FDT_ERRORS(AS_NAME);

const char *dt_error_name(int err)
{
	const char *name = fdt_error_names;
	unsigned int i;

	for (i = 0; i < sizeof(fdt_error_numbers); i++, name = strlist_next(name))
		if (-(long)err == fdt_error_numbers[i])
			return name;
	return NULL;
}

void dt_error(struct platform *p, const void *fdt, int node,
	      const char *fmt, ...)
{
	char path[PLATFORM_PATH_LEN];
	char *msg;
	size_t used;
	va_list ap;

	if (p->error_count >= PLATFORM_MAX_ERRORS)
		return;
	msg = p->errors[p->error_count++];
	dt_path(fdt, node, path, sizeof(path));
	/* A long path may cut the message short; it stays terminated. */
	used = (size_t)snprintf(msg, PLATFORM_ERROR_LEN, "fdt: %.80s: ", path);
	va_start(ap, fmt);
	vsnprintf(msg + used, PLATFORM_ERROR_LEN - used, fmt, ap);
	va_end(ap);
}

int dt_enabled(const void *fdt, int node)
{
	int len;
	const char *status = fdt_getprop(fdt, node, "status", &len);

	if (!status)
		return 1;
	/* The value must be a terminated string within the property. */
	if (len < 1 || status[len - 1] != '\0')
		return 0;
	return strcmp(status, "okay") == 0 || strcmp(status, "ok") == 0;
}

void dt_string(const void *fdt, int node, const char *prop,
	       char *buf, int len)
{
	int plen;
	const char *s = fdt_getprop(fdt, node, prop, &plen);
	int n;

	buf[0] = '\0';
	if (!s || plen <= 0)
		return;
	n = (int)strnlen(s, (size_t)plen);
	if (n > len - 1)
		n = len - 1;
	memcpy(buf, s, (size_t)n);
	buf[n] = '\0';
}

static uint64_t read_cells(const fdt32_t *cells, int count)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < count; i++)
		v = (v << 32) | fdt32_to_cpu(cells[i]);
	return v;
}

/*
 * A #address-cells or #size-cells value, with the spec's defaults (2, 1)
 * when absent.  Read with fdt_getprop rather than fdt_address_cells():
 * that one's object file links libfdt's whole read-write half (about
 * 5 KiB of the image) for a 4-byte read.
 */
int dt_cells(const void *fdt, int node, const char *name)
{
	int len;
	const fdt32_t *c = fdt_getprop(fdt, node, name, &len);

	if (!c)
		return strcmp(name, "#address-cells") == 0 ? 2 : 1;
	if (len != 4)
		return -FDT_ERR_BADNCELLS;
	return (int)fdt32_to_cpu(*c);
}

/*
 * Cell counts a bus gives its children.  Addresses wider than 64 bits (PCI's
 * 3 cells) never describe the devices we probe, so they are refused.
 */
static int bus_cells(struct platform *p, const void *fdt, int bus,
		     int *ac, int *sc)
{
	*ac = dt_cells(fdt, bus, "#address-cells");
	*sc = dt_cells(fdt, bus, "#size-cells");
	if (*ac < 1 || *ac > 2 || *sc < 0 || *sc > 2) {
		dt_error(p, fdt, bus, "unsupported #address-cells %d "
			 "#size-cells %d", *ac, *sc);
		return -FDT_ERR_BADNCELLS;
	}
	return 0;
}

int dt_reg_count(struct platform *p, const void *fdt, int node)
{
	int ac, sc, len, err;
	int parent = dt_parent(fdt, node);
	const void *reg = fdt_getprop(fdt, node, "reg", &len);

	if (!reg)
		return 0;
	if (parent < 0)
		return parent;
	err = bus_cells(p, fdt, parent, &ac, &sc);
	if (err)
		return err;
	if (len % (4 * (ac + sc)) != 0) {
		dt_error(p, fdt, node, "reg is %d bytes, not a whole number "
			 "of %d-cell entries", len, ac + sc);
		return -FDT_ERR_BADVALUE;
	}
	return len / (4 * (ac + sc));
}

/*
 * Map addr, an address on the bus `bus` provides, to the address space of
 * bus's parent through bus's ranges.  An empty ranges is the identity; no
 * ranges at all means the bus is not memory mapped.
 */
static int translate_one(struct platform *p, const void *fdt, int bus,
			 uint64_t *addr)
{
	int len, cac, csc, pac, psc, entry, n, i, err;
	int grand = dt_parent(fdt, bus);
	const fdt32_t *ranges = fdt_getprop(fdt, bus, "ranges", &len);

	if (!ranges) {
		dt_error(p, fdt, bus, "no ranges: address 0x%llx is not "
			 "memory mapped", (unsigned long long)*addr);
		return -FDT_ERR_NOTFOUND;
	}
	if (len == 0)
		return 0;
	if (grand < 0)
		return grand;
	err = bus_cells(p, fdt, bus, &cac, &csc);
	if (!err)
		err = bus_cells(p, fdt, grand, &pac, &psc);
	if (err)
		return err;
	entry = cac + pac + csc;
	if (len % (4 * entry) != 0) {
		dt_error(p, fdt, bus, "ranges is %d bytes, not a whole "
			 "number of %d-cell entries", len, entry);
		return -FDT_ERR_BADVALUE;
	}
	n = len / (4 * entry);
	if (n > DT_MAX_RANGES) {
		dt_error(p, fdt, bus, "ranges has %d entries, more than %d",
			 n, DT_MAX_RANGES);
		return -FDT_ERR_BADVALUE;
	}
	for (i = 0; i < n; i++) {
		const fdt32_t *e = ranges + i * entry;
		uint64_t child = read_cells(e, cac);
		uint64_t parent = read_cells(e + cac, pac);
		uint64_t size = read_cells(e + cac + pac, csc);

		if (*addr >= child && *addr - child < size) {
			*addr = parent + (*addr - child);
			return 0;
		}
	}
	dt_error(p, fdt, bus, "address 0x%llx is outside every range",
		 (unsigned long long)*addr);
	return -FDT_ERR_NOTFOUND;
}

int dt_reg(struct platform *p, const void *fdt, int node, int i,
	   struct region *out)
{
	int ac, sc, len, err, bus, levels = 0;
	int count = dt_reg_count(p, fdt, node);
	const fdt32_t *reg = fdt_getprop(fdt, node, "reg", &len);

	if (count < 0)
		return count;
	if (i >= count) {
		dt_error(p, fdt, node, "reg has %d entries, need %d",
			 count, i + 1);
		return -FDT_ERR_NOTFOUND;
	}
	bus = dt_parent(fdt, node);
	err = bus_cells(p, fdt, bus, &ac, &sc);
	if (err)
		return err;
	reg += i * (ac + sc);
	out->base = read_cells(reg, ac);
	out->size = read_cells(reg + ac, sc);
	/* Walk up until the root: each bus maps into its parent's space. */
	while (bus > 0 && levels++ < DT_MAX_DEPTH) {
		err = translate_one(p, fdt, bus, &out->base);
		if (err)
			return err;
		bus = dt_parent(fdt, bus);
	}
	if (bus > 0) {
		dt_error(p, fdt, node, "more than %d levels of buses",
			 DT_MAX_DEPTH);
		return -FDT_ERR_BADSTRUCTURE;
	}
	return bus < 0 ? bus : 0;
}

int dt_interrupt_parent(struct platform *p, const void *fdt, int node)
{
	int n, len, up = 0;

	/* Bounded, whatever a damaged tree or a bug says about parents. */
	for (n = node; n >= 0 && up++ < DT_MAX_DEPTH; n = dt_parent(fdt, n)) {
		const fdt32_t *ph = fdt_getprop(fdt, n, "interrupt-parent",
						&len);
		int ctrl;

		if (!ph)
			continue;
		if (len != 4) {
			dt_error(p, fdt, n, "interrupt-parent is %d bytes",
				 len);
			return -FDT_ERR_BADVALUE;
		}
		ctrl = dt_by_phandle(fdt, fdt32_to_cpu(*ph));
		if (ctrl < 0) {
			dt_error(p, fdt, n, "interrupt-parent 0x%x: no such "
				 "phandle", fdt32_to_cpu(*ph));
			return -FDT_ERR_BADPHANDLE;
		}
		return ctrl;
	}
	dt_error(p, fdt, node, "no interrupt controller");
	return -FDT_ERR_NOTFOUND;
}

int dt_gic_intid(const uint32_t *spec_be, uint32_t cells, uint32_t *intid)
{
	uint32_t type, number;

	if (cells < 2)
		return -FDT_ERR_BADNCELLS;
	type = fdt32_to_cpu(spec_be[0]);
	number = fdt32_to_cpu(spec_be[1]);
	/* GIC binding: 0 SPI, 1 PPI, 2 extended SPI, 3 extended PPI. */
	switch (type) {
	case 0:
		if (number > 987)
			return -FDT_ERR_BADVALUE;
		*intid = number + 32;
		return 0;
	case 1:
		if (number > 15)
			return -FDT_ERR_BADVALUE;
		*intid = number + 16;
		return 0;
	case 2:
		if (number > 1023)
			return -FDT_ERR_BADVALUE;
		*intid = number + 4096;
		return 0;
	case 3:
		if (number > 63)
			return -FDT_ERR_BADVALUE;
		*intid = number + 1056;
		return 0;
	default:
		return -FDT_ERR_BADVALUE;
	}
}

/* #interrupt-cells of an interrupt controller node, checked. */
static int controller_cells(struct platform *p, const void *fdt, int ctrl,
			    uint32_t *cells)
{
	int len;
	const fdt32_t *c = fdt_getprop(fdt, ctrl, "#interrupt-cells", &len);

	if (!fdt_getprop(fdt, ctrl, "interrupt-controller", NULL)) {
		dt_error(p, fdt, ctrl, "is not an interrupt controller");
		return -FDT_ERR_BADVALUE;
	}
	if (!c || len != 4 || fdt32_to_cpu(*c) < 1 ||
	    fdt32_to_cpu(*c) > 8) {
		dt_error(p, fdt, ctrl, "missing or bad #interrupt-cells");
		return -FDT_ERR_BADNCELLS;
	}
	*cells = fdt32_to_cpu(*c);
	return 0;
}

/*
 * Find entry index of node's interrupts: its controller, the specifier and
 * its cell count.  With index < 0, count the entries instead.
 */
static int interrupt_entry(struct platform *p, const void *fdt, int node,
			   int index, int *ctrl, const fdt32_t **spec,
			   uint32_t *cells)
{
	int len, err, i = 0, pos = 0, n;
	const fdt32_t *ext = fdt_getprop(fdt, node, "interrupts-extended",
					 &len);
	const fdt32_t *ints;

	if (ext) {
		n = len / 4;
		while (pos < n && !(index < 0 && i == DT_MAX_INTERRUPTS)) {
			uint32_t c;

			*ctrl = dt_by_phandle(fdt,
					fdt32_to_cpu(ext[pos]));
			if (*ctrl < 0) {
				dt_error(p, fdt, node, "interrupts-extended "
					 "entry %d: no such phandle", i);
				return -FDT_ERR_BADPHANDLE;
			}
			err = controller_cells(p, fdt, *ctrl, &c);
			if (err)
				return err;
			if (pos + 1 + (int)c > n) {
				dt_error(p, fdt, node, "interrupts-extended "
					 "entry %d is truncated", i);
				return -FDT_ERR_TRUNCATED;
			}
			if (i == index) {
				*spec = ext + pos + 1;
				*cells = c;
				return 0;
			}
			pos += 1 + (int)c;
			i++;
		}
		if (index < 0)
			return i;
		dt_error(p, fdt, node, "has %d interrupts, need %d", i,
			 index + 1);
		return -FDT_ERR_NOTFOUND;
	}

	ints = fdt_getprop(fdt, node, "interrupts", &len);
	if (!ints) {
		if (index < 0)
			return 0;
		dt_error(p, fdt, node, "no interrupts");
		return -FDT_ERR_NOTFOUND;
	}
	*ctrl = dt_interrupt_parent(p, fdt, node);
	if (*ctrl < 0)
		return *ctrl;
	err = controller_cells(p, fdt, *ctrl, cells);
	if (err)
		return err;
	if (len % (4 * (int)*cells) != 0) {
		dt_error(p, fdt, node, "interrupts is %d bytes, not a whole "
			 "number of %u-cell entries", len, *cells);
		return -FDT_ERR_BADVALUE;
	}
	n = len / (4 * (int)*cells);
	if (index < 0)
		return n;
	if (index >= n) {
		dt_error(p, fdt, node, "has %d interrupts, need %d", n,
			 index + 1);
		return -FDT_ERR_NOTFOUND;
	}
	*spec = ints + index * (int)*cells;
	return 0;
}

int dt_interrupt_count(struct platform *p, const void *fdt, int node,
		       int *controller)
{
	const fdt32_t *spec;
	uint32_t cells;
	int n = interrupt_entry(p, fdt, node, -1, controller, &spec, &cells);

	if (n > 0)
		interrupt_entry(p, fdt, node, 0, controller, &spec, &cells);
	return n;
}

int dt_interrupt(struct platform *p, const void *fdt, int node, int index,
		 int gic_node, uint32_t *intid)
{
	const fdt32_t *spec;
	uint32_t cells;
	int ctrl, err;

	/* interrupt_entry() only counts for a negative index. */
	if (index < 0)
		return -FDT_ERR_BADVALUE;
	err = interrupt_entry(p, fdt, node, index, &ctrl, &spec, &cells);
	if (err)
		return err;
	if (ctrl != gic_node) {
		char path[PLATFORM_PATH_LEN];

		dt_path(fdt, ctrl, path, sizeof(path));
		dt_error(p, fdt, node, "interrupt %d goes to %s, not the GIC",
			 index, path);
		return -FDT_ERR_BADVALUE;
	}
	if (cells < 3 || dt_gic_intid(spec, cells, intid) < 0) {
		dt_error(p, fdt, node, "interrupt %d: bad GIC specifier",
			 index);
		return -FDT_ERR_BADVALUE;
	}
	/* The drivers index the classic register arrays (see gic.h). */
	if (*intid >= DT_GIC_INTID_LIMIT) {
		dt_error(p, fdt, node, "interrupt %d: extended INTID %u is "
			 "not supported", index, *intid);
		*intid = 0;
		return -FDT_ERR_BADVALUE;
	}
	return 0;
}
