#!/usr/bin/env bash
# check-libc-link.sh MAP: fail if the link (ld's -Map output) pulled in a
# picolibc member whose job the kernel does itself.  Each would link
# silently, as a weak stand-in or through a symbol nobody meant to ask
# for, so only the map shows it:
#   libc_misc_lock.c.o    the retargetable locks as no-ops: a lock hook
#                         missing from kernel/libc_lock.c would leave
#                         malloc unlocked between threads;
#   libc_picolib_picosbrk.c.o          a heap between __heap_start and
#                         __heap_end, which the kernel does not define;
#   libc_picolib_inittls.c.o, libc_picolib_machine_aarch64_tls.c.o
#                         picolibc's TLS set-up, which reads the TLS sizes
#                         as absolute values through GOT slots that our
#                         static PIE relocates by the load address
#                         (kernel/tls_layout.h does it instead).
set -euo pipefail
map=$1
status=0
for member in libc_misc_lock.c.o libc_picolib_picosbrk.c.o \
    libc_picolib_inittls.c.o libc_picolib_machine_aarch64_tls.c.o; do
    if grep -qF "libc.a($member)" "$map"; then
        echo "check-libc-link: ${map%.map} links picolibc's $member" >&2
        grep -F -A1 "libc.a($member)" "$map" | head -n 4 >&2
        status=1
    fi
done
exit $status
