/*
 * Small readers over libfdt shared by the probe: reg entries translated to
 * CPU addresses, interrupt parents, interrupt specifiers.  Each returns 0 or
 * a negative value and, on failure, records a named error in the platform.
 */
#ifndef FDT_DT_READ_H
#define FDT_DT_READ_H

#include <stdint.h>

#include "platform.h"

/* One probe's cache of parents and phandles (see dt_read.c). */
void dt_cache_build(const void *fdt);
void dt_cache_drop(void);
/*
 * Nodes stepped over by the cache and by dt_next_node() since
 * dt_cache_build(): the probe's work on the tree, which the tests bound.
 */
unsigned long dt_cache_steps(void);
/* Lookups since dt_cache_build() that libfdt answered by a rescan. */
unsigned long dt_cache_rescans(void);
/* fdt_next_node() without depth, counted in dt_cache_steps(). */
int dt_next_node(const void *fdt, int node);
/*
 * fdt_parent_offset() and fdt_node_offset_by_phandle(), cached.  With the
 * cache, dt_parent() of a node deeper than 64 levels is
 * -FDT_ERR_BADSTRUCTURE.
 */
int dt_parent(const void *fdt, int node);
int dt_by_phandle(const void *fdt, uint32_t phandle);

/*
 * libfdt's name for its error err (< 0) without the "FDT_ERR_" every one
 * starts with ("NOTFOUND"), or NULL for a number it has no name for.
 * What fdt_strerror() gives, less its table: a pointer per error and
 * 8-byte-aligned strings, 640 bytes of the image.
 */
const char *dt_error_name(int err);

/* Record "fdt: PATH: WHAT" (PATH of node, or "/" when node < 0). */
void dt_error(struct platform *p, const void *fdt, int node,
	      const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* #address-cells / #size-cells of node (defaults 2 / 1), < 0 if bad. */
int dt_cells(const void *fdt, int node, const char *name);

/* status absent, "okay" or "ok" */
int dt_enabled(const void *fdt, int node);

void dt_path(const void *fdt, int node, char *buf, int len);

/* Copy a string property (truncated to len-1); "" when absent. */
void dt_string(const void *fdt, int node, const char *prop,
	       char *buf, int len);

/*
 * Number of entries in node's reg, or negative (error recorded) when the
 * parent's cell counts are unsupported or reg is truncated.  0 when absent.
 */
int dt_reg_count(struct platform *p, const void *fdt, int node);

/* Entry i of node's reg, translated through the parents' ranges. */
int dt_reg(struct platform *p, const void *fdt, int node, int i,
	   struct region *out);

/*
 * The interrupt controller node's interrupts go to (interrupt-parent,
 * inherited up the tree).  Negative, error recorded, if none.
 */
int dt_interrupt_parent(struct platform *p, const void *fdt, int node);

/*
 * Decode one GIC interrupt specifier (#interrupt-cells >= 3: type, number,
 * flags[, partition]) into an INTID; negative on an unknown type.
 */
int dt_gic_intid(const uint32_t *spec_be, uint32_t cells, uint32_t *intid);

/*
 * INTIDs from 1020 up (GICv3.1's extended PPI and SPI ranges) are refused:
 * the GIC drivers handle SGIs, PPIs and SPIs only.
 */
#define DT_GIC_INTID_LIMIT	1020

/*
 * The INTID of entry index of node's interrupts (or interrupts-extended),
 * checked to be routed to the GIC at gic_node.  Negative with an error
 * recorded when absent, too short, routed elsewhere, or an extended INTID
 * (*intid is then 0).
 */
int dt_interrupt(struct platform *p, const void *fdt, int node, int index,
		 int gic_node, uint32_t *intid);

/*
 * How many interrupt entries node has (0 if none, negative on error); an
 * interrupts-extended is counted up to 32 entries only, as each entry
 * costs a phandle lookup.
 */
int dt_interrupt_count(struct platform *p, const void *fdt, int node,
		       int *controller);

#endif
