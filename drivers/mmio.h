/*
 * Device register access.  Device-nGnRE mapping orders the accesses.
 * Each is one plain load or store of the register's width, without
 * write-back addressing, so that an access Xen traps (a vGIC or vpl011
 * register) is one it can emulate.
 */
#ifndef DRIVERS_MMIO_H
#define DRIVERS_MMIO_H

#include <stdint.h>

#ifdef __aarch64__

static inline uint8_t mmio_read8(uint64_t addr)
{
	uint32_t v;

	__asm__ volatile("ldrb %w0, [%1]" : "=r"(v) : "r"(addr) : "memory");
	return (uint8_t)v;
}

static inline void mmio_write8(uint64_t addr, uint8_t v)
{
	__asm__ volatile("strb %w0, [%1]" : : "r"((uint32_t)v), "r"(addr)
			 : "memory");
}

static inline uint16_t mmio_read16(uint64_t addr)
{
	uint32_t v;

	__asm__ volatile("ldrh %w0, [%1]" : "=r"(v) : "r"(addr) : "memory");
	return (uint16_t)v;
}

static inline void mmio_write16(uint64_t addr, uint16_t v)
{
	__asm__ volatile("strh %w0, [%1]" : : "r"((uint32_t)v), "r"(addr)
			 : "memory");
}

static inline uint32_t mmio_read32(uint64_t addr)
{
	uint32_t v;

	__asm__ volatile("ldr %w0, [%1]" : "=r"(v) : "r"(addr) : "memory");
	return v;
}

static inline void mmio_write32(uint64_t addr, uint32_t v)
{
	__asm__ volatile("str %w0, [%1]" : : "r"(v), "r"(addr) : "memory");
}

static inline uint64_t mmio_read64(uint64_t addr)
{
	uint64_t v;

	__asm__ volatile("ldr %0, [%1]" : "=r"(v) : "r"(addr) : "memory");
	return v;
}

static inline void mmio_write64(uint64_t addr, uint64_t v)
{
	__asm__ volatile("str %0, [%1]" : : "r"(v), "r"(addr) : "memory");
}

#else

/*
 * Host builds: the unit tests link the UART drivers to test which driver
 * takes which compatible.  No test touches a device register.
 */
#define MMIO_HOST_ACCESSORS(bits)					\
static inline uint##bits##_t mmio_read##bits(uint64_t addr)		\
{									\
	return *(volatile const uint##bits##_t *)(uintptr_t)addr;	\
}									\
static inline void mmio_write##bits(uint64_t addr, uint##bits##_t v)	\
{									\
	*(volatile uint##bits##_t *)(uintptr_t)addr = v;		\
}

MMIO_HOST_ACCESSORS(8)
MMIO_HOST_ACCESSORS(16)
MMIO_HOST_ACCESSORS(32)
MMIO_HOST_ACCESSORS(64)

#endif

#endif
