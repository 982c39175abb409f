/*
 * Debian's libfdt.a is built with -fstack-protector-strong, so it needs
 * these two symbols.  The guard is a fixed value: there is no entropy this
 * early, and the point is catching overruns, not resisting an attacker.
 */
#include "kernel/panic.h"

unsigned long __stack_chk_guard = 0x595e9fbd94fda766UL;

void __stack_chk_fail(void);
void __stack_chk_fail(void)
{
	panic("stack smashing detected");
}
