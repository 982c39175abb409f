/*
 * Stopping the machine the orderly way, as `xl shutdown` and a return
 * from main() with 0 do: the disks' writes in flight are waited for and
 * flushed (for at most 7 s; a disk whose backend does not answer is
 * named in the log and given up on), then the machine stops, within 8 s
 * of the call whatever a backend does.  Callable from any thread; the
 * calling thread waits for the stop, and the others run on until it.
 */
#ifndef OSPREY_POWER_H
#define OSPREY_POWER_H

#ifdef __cplusplus
extern "C" {
#endif

/* Power off: under Xen the domain shuts down (the toolstack then does
 * what on_poweroff says), else PSCI SYSTEM_OFF.  Never returns. */
__attribute__((noreturn)) void osprey_poweroff(void);

/* Reboot: under Xen the toolstack builds the domain again (on_reboot),
 * else PSCI SYSTEM_RESET.  Never returns. */
__attribute__((noreturn)) void osprey_reboot(void);

#ifdef __cplusplus
}
#endif

#endif
