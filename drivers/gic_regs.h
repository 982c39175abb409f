/*
 * Register fields both GIC versions lay out alike: byte-wide priorities
 * (GICD/GICR_IPRIORITYR) and 2-bit trigger configs (GICD/GICR_ICFGR).
 */
#ifndef DRIVERS_GIC_REGS_H
#define DRIVERS_GIC_REGS_H

#include <stdbool.h>
#include <stdint.h>

#include "drivers/mmio.h"

/*
 * Byte intid of the byte array at base, through a 32-bit read-modify-write
 * (byte access is optional for some implementations and emulations).
 */
static inline void gic_set_byte(uint64_t base, uint32_t intid, uint8_t value)
{
	uint64_t reg = base + (intid & ~3u);
	unsigned int shift = 8 * (intid & 3);
	uint32_t v = mmio_read32(reg);

	v &= ~(0xffu << shift);
	mmio_write32(reg, v | ((uint32_t)value << shift));
}

/* Edge (true) or level for intid, in the ICFGR array at base. */
static inline void gic_set_trigger(uint64_t base, uint32_t intid, bool edge)
{
	uint64_t reg = base + 4 * (intid / 16);
	uint32_t bit = 2u << (2 * (intid % 16));
	uint32_t v = mmio_read32(reg);

	mmio_write32(reg, edge ? v | bit : v & ~bit);
}

#endif
