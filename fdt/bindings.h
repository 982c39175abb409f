/*
 * Which device-tree bindings the probe understands.
 *
 * These tables are DT knowledge (how a binding lays out reg and interrupts),
 * not driver knowledge, so they live in fdt/ where the host tool can use
 * them too.  The probe records the compatible that matched; the drivers
 * match on that string (see drivers/gic.h).
 */
#ifndef FDT_BINDINGS_H
#define FDT_BINDINGS_H

#include "platform.h"

/*
 * Each table holds its compatibles as a DT "compatible" property does
 * (kernel/strlist.h): one array, so no pointer and no relocation per
 * entry in the position-independent kernel image.
 */
extern const char gic_bindings[];
extern const char timer_bindings[];
extern const char uart_bindings[];
extern const char psci_bindings[];
extern const char rtc_bindings[];

/*
 * The first of table's compatibles that the node at offset has (a
 * pointer into table, which outlives any DTB), or NULL.
 */
const char *binding_match(const void *fdt, int offset, const char *table);

/* Which register layout a compatible binding_match() found in
 * gic_bindings has. */
enum gic_version gic_binding_version(const char *match);

#endif
