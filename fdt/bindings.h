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
 * The name is an array, not a pointer: no relocation per entry in the
 * position-independent kernel image.
 */
struct binding {
	char compatible[28];
	int kind;	/* gic_bindings: enum gic_version; else 0 */
};

extern const struct binding gic_bindings[];
extern const struct binding timer_bindings[];
extern const struct binding uart_bindings[];
extern const struct binding psci_bindings[];
extern const struct binding rtc_bindings[];

/*
 * The first entry of table whose compatible the node at offset has, or NULL.
 * The table ends with an empty compatible.
 */
const struct binding *binding_match(const void *fdt, int offset,
				    const struct binding *table);

#endif
