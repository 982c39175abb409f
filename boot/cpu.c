#include "boot/cpu.h"

/* Owners: see boot/cpu.h.  In .bss: zero is CPU_OFF, index 0. */
struct cpu cpus[CPU_MAX];
