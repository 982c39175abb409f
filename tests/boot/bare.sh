#!/usr/bin/env bash
# bare.sh IMAGE TRAMPOLINE_DIR: boot the one image on QEMU's virt machine
# without Xen (GICv2 and GICv3, EL1 and EL2, two memory sizes, three load
# addresses, the failure paths) and check what it printed.  The expected
# platform lines are QEMU virt's documented memory map.  The test apps run
# from their own images, in GUEST_DIR (lib.sh's guest).
set -uo pipefail
here=$(dirname "$0")
# shellcheck source=tests/boot/lib.sh
. "$here/lib.sh"
image=$1 tramp_dir=$2
faults=$(guest faults) && kernel_test=$(guest kernel-test) &&
    lwip_loop=$(guest lwip-loop) && fp_threads=$(guest fp-threads) &&
    tls_threads=$(guest tls-threads) && libc=$(guest libc) &&
    osapi=$(guest osapi) && sockets=$(guest sockets) &&
    smp_test=$(guest smp-test) || exit 1
logs=${BOOT_LOGS:-build/tests/logs}
limit=${BOOT_TIMEOUT:-30}
mkdir -p "$logs"
suite=bare

# The first four sample lines alternate thread_a, thread_b, thread_a, ...
alternates() {
    grep -E '^thread_[ab]: Hello World from cpu [0-9]+ on [^ ]+!$' "$1" |
        head -n 4 | awk '{ want = (NR % 2) ? "thread_a:" : "thread_b:"
                           if ($1 != want) bad = 1 }
                         END { exit (NR == 4 && !bad) ? 0 : 1 }'
}

machine() { # GIC EL2(on|off) MEM SMP
    qemu_machine "$@"
}

# sample NAME GIC EL2 MEM SMP RAM_LINE GIC_LINE [LOADER ARGS...]
# With SMP above 1, every CPU must be running.
sample() {
    local name=$1 gic=$2 el2=$3 mem=$4 smp=$5 ram=$6 gicline=$7 why=
    shift 7
    local log=$logs/bare-$name.log load=("$@")
    [ ${#load[@]} -eq 0 ] && load=(-kernel "$image")
    # shellcheck disable=SC2046
    if ! qemu_expect "$limit" "$log" '^thread_b: Hello' 2 -- \
        $(machine "$gic" "$el2" "$mem" "$smp") "${load[@]}"; then
        why="no two rounds of the sample within ${limit}s"
    elif ! log_has_all "$log" '^\*\*\* Booting Osprey [0-9.]+ \*\*\*' \
        "^$ram\$" "^$gicline\$" '^timer phys 30 virt 27 freq 0$' \
        '^psci (hvc|smc)$' '^board dummy-virt$' \
        "^drivers: gicv$gic, timer [1-9][0-9]* Hz on INTID 27"; then
        why="discovered-platform lines wrong or missing"
    elif [ "$smp" -gt 1 ] && ! log_has_all "$log" "^smp: $smp of $smp CPUs running\$"; then
        why="no 'smp: $smp of $smp CPUs running' line"
    elif ! alternates "$log"; then
        why="thread_a/thread_b lines do not alternate"
    elif grep -q '^bench: boot ticks' "$log"; then
        why="the benchmarks' boot ticks line shown without loglevel=debug"
    fi
    result "$name" "$log" "$why"
}

# stops NAME APP REGEX...: app=APP must print every REGEX and QEMU must
# exit by itself (PSCI SYSTEM_OFF) within the limit.  GIC=2 picks GICv2,
# EL2=on enters at EL2, SMP=N gives N CPUs, LIMIT=SECONDS another time
# limit; image=FILE boots a test guest instead of the product.
stops() {
    local name=$1 app=$2 secs=${LIMIT:-$limit} why=
    shift 2
    local log=$logs/bare-$name.log
    # shellcheck disable=SC2046
    if ! qemu_exits "$secs" "$log" -- $(machine "${GIC:-3}" "${EL2:-off}" 512M "${SMP:-1}") \
        -kernel "$image" -append "app=$app"; then
        why="QEMU did not power off within ${secs}s"
    elif ! log_has_all "$log" "$@"; then
        why="expected output missing"
    fi
    result "$name" "$log" "$why"
}

v2='gic v2 dist 0x8000000 cpu 0x8010000'
v3='gic v3 dist 0x8000000 redist 0x80a0000 0xf60000'
ram512='ram 0x40000000 0x20000000'
ram2g='ram 0x40000000 0x80000000'
ram3g='ram 0x40000000 0xc0000000'

sample gicv2-el1-512M 2 off 512M 1 "$ram512" "$v2"
sample gicv3-el1-512M 3 off 512M 1 "$ram512" "$v3"
sample gicv2-el2-3G 2 on 3G 2 "$ram3g" "$v2"
sample gicv3-el2-3G 3 on 3G 2 "$ram3g" "$v3"
sample gicv2-el1-smp4 2 off 512M 4 "$ram512" "$v2"
sample gicv3-el1-smp4 3 off 512M 4 "$ram512" "$v3"

# A DT listing a CPU the machine lacks: QEMU's own for -smp 2 plus a third
# cpu node.  PSCI refuses to start it; it is named by MPIDR with the
# reason, and the two others run.
missing_cpu() {
    local dtb=$logs/bare-missing-cpu.dtb log=$logs/bare-missing-cpu.log why=
    local cells
    if ! qemu_dumpdtb "$dtb" 3 off 512M 2 2>/dev/null ||
        ! cells=$(fdtget "$dtb" /cpus '#address-cells') ||
        ! fdtput -c "$dtb" /cpus/cpu@2 ||
        ! fdtput -t s "$dtb" /cpus/cpu@2 device_type cpu ||
        ! fdtput -t s "$dtb" /cpus/cpu@2 compatible arm,cortex-a57 ||
        ! fdtput -t s "$dtb" /cpus/cpu@2 enable-method psci ||
        ! if [ "$cells" = 2 ]; then fdtput -t u "$dtb" /cpus/cpu@2 reg 0 2
          else fdtput -t u "$dtb" /cpus/cpu@2 reg 2; fi; then
        result missing-cpu "$log" "could not make the DTB (qemu_dumpdtb, fdtput)"
        return
    fi
    # shellcheck disable=SC2046
    if ! qemu_expect "$limit" "$log" '^thread_b: Hello' 2 -- \
        $(machine 3 off 512M 2) -kernel "$image" -dtb "$dtb"; then
        why="no two rounds of the sample within ${limit}s"
    elif ! log_has_all "$log" '^cpus 3 (0x[012] ){3}\(psci\)$' \
        '^psci: CPU_ON of MPIDR 0x2: -2 INVALID_PARAMETERS$' \
        '^smp: cpu [12] \(MPIDR 0x2\) did not start: EINVAL$' \
        '^smp: 2 of 3 CPUs running$'; then
        why="the missing CPU not named, or the others not running"
    fi
    result missing-cpu "$log" "$why"
}
missing_cpu

# Relocation: without -kernel QEMU leaves the DTB at the start of RAM and
# the trampoline enters the image where the generic loader put it.
for at in 0x48200000 0x7fe00000; do
    gic=2; [ "$at" = 0x7fe00000 ] && gic=3
    # shellcheck disable=SC2046
    sample "gicv$gic-load-at-$at" "$gic" off 2G 1 "$ram2g" \
        "$([ $gic = 2 ] && echo "$v2" || echo "$v3")" \
        $(qemu_loader "$image" "$at") \
        $(qemu_loader "$tramp_dir/trampoline-$at-0x40000000.bin" 0x47000000) \
        $(qemu_entry 0x47000000)
    if ! grep -q "^boot: image at $at," "$logs/bare-gicv$gic-load-at-$at.log"; then
        result "gicv$gic-load-at-$at-address" \
            "$logs/bare-gicv$gic-load-at-$at.log" "image did not run at $at"
    fi
done

image=$faults stops fault-dump fault '^unexpected exception \(synchronous\): data abort$' \
    '^  ESR  0x0000000096[0-9a-f]{6}  ELR 0x' '^  FAR  0x0000fffffffff000  SPSR 0x' \
    '^  x0   0x[0-9a-f]{16}  x1  0x' '^  x30  0x[0-9a-f]{16}  sp  0x' \
    '^PANIC: unexpected exception in fault$' '^stop: crash via psci$'
# Memory safety (boot/vectors.S, boot/mmu.c): each breach is named, then
# the kernel stops as a crash instead of running on over other memory.
image=$faults stops stack-overflow stack-overflow '^stack-overflow: recursing$' \
    '^unexpected exception \(synchronous\): data abort$' \
    '^fault: stack overflow in thread stack-overflow$' \
    '^  ESR  0x0000000096[0-9a-f]{4}[4-7]7  ELR 0x' '^  FAR  0x0000fe' \
    '^PANIC: unexpected exception in stack-overflow$' '^stop: crash via psci$'
image=$faults stops irq-overflow irq-overflow '^irq-overflow: recursing in the handler' \
    '^fault: stack overflow in the exception stack$' \
    '^PANIC: stack overflow in the exception stack$' '^stop: crash via psci$'
# Permission faults (DFSC/IFSC 0b0011xx), at the very address the app used.
# same_address NAME APP_REGEX FAULT_REGEX: both lines end in one address.
same_address() {
    local log=$logs/bare-$1.log a b
    a=$(grep -E "$2" "$log" | grep -Eo '0x[0-9a-f]+$' | head -n 1)
    b=$(grep -E "$3" "$log" | grep -Eo '0x[0-9a-f]+$' | head -n 1)
    if [ -z "$a" ] || [ "$a" != "$b" ]; then
        result "$1-address" "$log" "fault at ${b:-?}, the app used ${a:-?}"
    fi
}
image=$faults stops write-text write-text '^unexpected exception \(synchronous\): data abort$' \
    '^fault: write to read-only kernel text at 0x[0-9a-f]+$' \
    '^  ESR  0x0000000096[0-9a-f]{4}[4-7][c-f]  ELR 0x' \
    '^PANIC: unexpected exception in write-text$' '^stop: crash via psci$'
same_address write-text '^write-text: writing to ' '^fault: write to read-only'
for where in data stack; do
    image=$faults stops "exec-$where" "exec-$where" \
        '^unexpected exception \(synchronous\): instruction abort$' \
        '^fault: execute from non-executable memory at 0x[0-9a-f]+$' \
        '^  ESR  0x0000000086[0-9a-f]{5}[c-f]  ELR 0x' \
        "^PANIC: unexpected exception in exec-$where\$" '^stop: crash via psci$'
    same_address "exec-$where" "^exec-$where: jumping to " '^fault: execute from'
done
image=$faults stops panic-stops panic '^PANIC: requested by app=panic$' '^stop: crash via psci$'
image=$faults stops app-end-powers-off hello '^hello: done$' '^kernel: all threads finished$' \
    '^stop: poweroff via psci$'
# The kernel's own services: sleep, semaphore timeouts, preemption, time
# slicing, mutexes (tests/guest/kernel-test), on both interrupt controllers.
for g in 2 3; do
    GIC=$g image=$kernel_test stops "kernel-services-gicv$g" kernel-test '^kernel-test: PASS \(0 failed\)$' \
        '^kernel-test: ok time-slicing$' '^kernel-test: ok mutex-exclusion$' \
        '^kernel-test: ok preemption$' '^stop: poweroff via psci$'
done
# The scheduler and the kernel's sync on every CPU (tests/guest/smp-test),
# with threads pinned to each: on 1, 2 and 4 CPUs, both GICs, and once
# entered at EL2 (the secondaries' EL2 set-up).  On one CPU each check
# that needs two runs there and says "(1 cpu)".  40,000 cross-CPU
# semaphore round trips here (the guest's default of 100,000 is for the
# SMP stress suite): 3-5 s under TCG on a quiet host, but each one
# waits for the host to wake a vCPU thread, and a busy host made them up
# to 60 times slower.  The guest's joins fail on a stall, not on
# slowness, so its own limit is generous: it only catches a guest that
# never ends.
smp_limit=${SMP_TIMEOUT:-240}
smp_checks=(migrate sleeps idle-wake counter-mutex sem-pingpong cond-across)
smp_test_run() { # NAME GIC EL2 CPUS
    local n=$4 one="" c res
    [ "$n" = 1 ] && one=' \(1 cpu\)'
    res=('^smp-test: PASS \(0 failed\)$' '^smp-test: ok cpus-online$')
    for c in "${smp_checks[@]}"; do
        res+=("^smp-test: ok $c$one\$")
    done
    [ "$n" = 1 ] || res+=("^smp: $n of $n CPUs running\$")
    GIC=$2 EL2=$3 SMP=$n LIMIT=$smp_limit image=$smp_test stops "$1" \
        'smp-test pingpong=40000' "${res[@]}" '^stop: poweroff via psci$'
}
for g in 2 3; do
    for n in 1 2 4; do
        smp_test_run "smp-test-gicv$g-smp$n" "$g" off "$n"
    done
done
smp_test_run smp-test-gicv3-el2-smp2 3 on 2

# Each thread's FP/SIMD registers are its own (boot/fpsimd.h): two threads
# computing at once (tests/guest/fp-threads), at EL1 on GICv2 and entered
# at EL2 on GICv3 (where CPTR_EL2 must not trap FP/SIMD either).
for g in 2 3; do
    el2=off; [ "$g" = 3 ] && el2=on
    GIC=$g EL2=$el2 image=$fp_threads stops "fp-threads-gicv$g" fp-threads \
        '^fp-threads: PASS \(0 failed\)$' '^fp-threads: ok registers-set$' \
        '^fp-threads: ok registers-across-yield$' \
        '^fp-threads: ok registers-across-preemption$' \
        '^fp-threads: ok compute-nearest$' '^fp-threads: ok compute-toward-zero$' \
        '^fp-threads: ok compute-preempted$' '^stop: poweroff via psci$'
done
# Each thread's TLS is its own (kernel/tls_layout.h): tpidr_el0 set at
# boot and switched with the frame (tests/guest/tls-threads), on both
# GICs, the GICv3 one entered at EL2 (where nothing may trap tpidr_el0).
for g in 2 3; do
    el2=off; [ "$g" = 3 ] && el2=on
    GIC=$g EL2=$el2 image=$tls_threads stops "tls-threads-gicv$g" tls-threads \
        '^tls-threads: PASS \(0 failed\)$' '^tls-threads: ok app-initial$' \
        '^tls-threads: ok worker-initial$' '^tls-threads: ok own-block$' \
        '^tls-threads: ok kept-across-switches$' \
        '^tls-threads: ok interleaved$' '^tls-threads: ok app-kept$' \
        '^stop: poweroff via psci$'
done
# The TCP/IP stack (lwIP on net/'s port) without Xen: 4 MiB each way over
# TCP with the cksum checked at the far end, UDP echo and the httpd page
# over 127.0.0.1, then a device through the netif glue (ARP, UDP in and
# out, a UDP checksum checked unless the device vouches for that frame).
# The page's platform lines must be the ones the kernel printed.
image=$lwip_loop stops lwip-loopback lwip-loop '^lwip-loop: PASS \(0 failed\)$' \
    '^lwip-loop: ok tcp-sink$' '^lwip-loop: ok tcp-source$' \
    '^lwip-loop: ok udp-echo$' '^lwip-loop: ok http$' \
    '^lwip-loop: ok glue-udp-echo$' '^lwip-loop: ok glue-csum-per-frame$' \
    '^stop: poweroff via psci$'
page_lines() { # LOG: the page's platform lines (after its first blank line)
    sed -n 's/^lwip-loop: http| //p' "$1" | awk 'n == 1 && /^$/ { exit }
        n == 1 { print } /^$/ { n++ }'
}
loop_log=$logs/bare-lwip-loopback.log why="no platform lines on the page"
while IFS= read -r line; do
    why=
    grep -Fxq -- "$line" "$loop_log" ||
        { why="page line \"$line\" is not in the boot log"; break; }
done < <(page_lines "$loop_log")
result lwip-http-platform-lines "$loop_log" "$why"

# Console input: commands typed into the UART run, the last one powers off.
# stdin stays open a little after "poweroff" (EOF could end QEMU first).
input_log=$logs/bare-console-input.log
# shellcheck disable=SC2046
(sleep 2; printf 'echo typed-into-uart\r'; sleep 1; printf 'poweroff\r'; sleep 3) |
    qemu_run "$limit" $(machine 3 off 512M 1) -kernel "$image" \
        -append app=shell >"$input_log" 2>&1
sed -i 's/\r$//' "$input_log"
if log_has_all "$input_log" '^typed-into-uart$' '^stop: poweroff via psci$'; then
    result console-input "$input_log" ""
else
    result console-input "$input_log" "typed commands did not run"
fi

# The C library as programs get it (tests/guest/libc): printf, puts, a
# line typed into stdin, malloc from four threads at once, blocks of
# whole pages and one grown by realloc to 1 MiB, errno per thread, then
# exit(0) powers off; exit(3) and a failed assert() crash with their
# status in the log, exit(3) after its unfinished line.
libc_log=$logs/bare-libc.log
# shellcheck disable=SC2046
(sleep 2; printf 'typed-into-stdin\r'; sleep 8) |
    qemu_run "$limit" $(machine 3 off 512M 1) -kernel "$libc" \
        -append app=libc >"$libc_log" 2>&1
sed -i 's/\r$//' "$libc_log"
if log_has_all "$libc_log" '^libc: printf 42 str 0beef\|ab  \|-5$' \
    '^libc: puts$' '^libc: read "typed-into-stdin"$' '^libc: ok fgets$' \
    '^libc: ok malloc-threads$' '^libc: ok malloc-large$' \
    '^libc: ok malloc-waits-for-lock$' \
    '^libc: ok errno-per-thread$' '^libc: PASS \(0 failed\)$' \
    '^stop: poweroff via psci$'; then
    result libc "$libc_log" ""
else
    result libc "$libc_log" "a libc line is missing, or no poweroff"
fi
image=$libc stops libc-exit libc-exit \
    '^libc-exit: this line has no newlinePANIC: exit status 3$' \
    '^stop: crash via psci$'
image=$libc stops libc-assert libc-assert \
    '^assertion "two == 3" failed: file "tests/guest/libc/main.c", line [0-9]+' \
    '^PANIC: exit status 134$' '^stop: crash via psci$'

# Osprey's own API as programs get it (tests/guest/osapi): the time of
# day from QEMU's PL031, the clocks across a nanosleep, osprey_platform(),
# the documented errors where there is nothing (no XenStore, no disks, no
# network), thread priorities, CPUs and names; the orderly poweroff and
# reboot.
osapi_t0=$(date +%s)
image=$osapi stops osapi osapi '^rtc pl031 /pl031@9010000 0x9010000$' \
    '^time: 20[0-9]{2}-[01][0-9]-[0-3][0-9] [0-9:]{8} UTC from pl031$' \
    '^osapi: ok realtime-date$' '^osapi: ok realtime-agree$' \
    '^osapi: ok monotonic-sleep$' '^osapi: ok realtime-sleep$' \
    '^osapi: ok platform$' '^osapi: ok xenstore-none$' \
    '^osapi: ok xenstore-einval$' '^osapi: ok block-none$' \
    '^osapi: ok block-einval$' '^osapi: ok net-none$' \
    '^osapi: ok thread-priority$' '^osapi: ok thread-name$' \
    '^osapi: ok thread-affinity$' \
    '^osapi: ok thread-ended$' '^osapi: PASS \(0 failed\)$' \
    '^stop: poweroff via psci$'
osapi_t1=$(date +%s)
# QEMU's PL031 counts the host's UTC time (-rtc base=utc, its default):
# the guest's time of day must fall within the boot, give or take a
# second either side for the RTC's whole seconds.
osapi_log=$logs/bare-osapi.log
osapi_s=$(sed -n 's/^osapi: realtime \([0-9]*\) .*/\1/p' "$osapi_log")
if [ -z "$osapi_s" ]; then
    result osapi-host-time "$osapi_log" "no 'osapi: realtime' line"
elif [ "$osapi_s" -lt $((osapi_t0 - 2)) ] || [ "$osapi_s" -gt $((osapi_t1 + 2)) ]; then
    result osapi-host-time "$osapi_log" "the guest's time $osapi_s is not within the boot's $osapi_t0..$osapi_t1"
else
    result osapi-host-time "$osapi_log" ""
fi
image=$osapi stops osapi-reboot osapi-reboot '^osapi-reboot: rebooting$' \
    '^stop: reboot via psci$'
# BSD sockets as programs get them (tests/guest/sockets, over 127.0.0.1
# through lwIP's loopback): TCP with 4 client threads at once and checked
# data, poll() and select() on sockets and the console (a line typed into
# stdin), O_NONBLOCK, SO_RCVTIMEO, options, UDP, getaddrinfo(), EBADF
# after close, what is not supported; then exit(0) powers off.  Its own
# limit: the TCP checks take a few seconds under TCG.
sockets_log=$logs/bare-sockets.log
sockets_limit=${SOCKETS_TIMEOUT:-90}
# stdin stays open until QEMU ends (EOF could end it first), through a
# FIFO whose writer is closed once QEMU has exited.
sockets_fifo=$(mktemp -u "${TMPDIR:-/tmp}/bare-sockets.XXXXXX")
mkfifo "$sockets_fifo" || exit 1
# shellcheck disable=SC2046
qemu_run "$sockets_limit" $(machine 3 off 512M 1) -kernel "$sockets" \
    -append app=sockets <"$sockets_fifo" >"$sockets_log" 2>&1 &
sockets_qemu=$!
exec {sockets_feed}>"$sockets_fifo"
rm -f "$sockets_fifo"
(sleep 4; printf 'typed-for-poll\r' >&"$sockets_feed") &
sockets_typist=$!
wait "$sockets_qemu"
kill "$sockets_typist" 2>/dev/null
wait "$sockets_typist" 2>/dev/null
exec {sockets_feed}>&-
sed -i 's/\r$//' "$sockets_log"
if ! grep -q '^sockets: \(PASS\|FAIL\) ' "$sockets_log"; then
    result sockets "$sockets_log" "no verdict within ${sockets_limit}s"
elif ! log_has_all "$sockets_log" '^sockets: PASS \(0 failed\)$' \
    '^sockets: ok tcp-threads$' '^sockets: ok poll-stdin-ready$' \
    '^sockets: ok poll-timeout$' '^sockets: ok select-ready$' \
    '^sockets: ok nonblock-connect$' '^sockets: ok rcvtimeo$' \
    '^sockets: ok udp-sendto-recvfrom$' '^sockets: ok getaddrinfo-numeric$' \
    '^sockets: ok getaddrinfo-bad-name$' '^sockets: ok closed$' \
    '^stop: poweroff via psci$'; then
    result sockets "$sockets_log" \
        "$(grep -m 3 '^sockets: FAIL' "$sockets_log" | tr '\n' ' ')"
else
    result sockets "$sockets_log" ""
fi

# The boot figures scripts/bench/ reads are shown with loglevel=debug.
ticks_log=$logs/bare-boot-ticks-debug.log
ticks_re='^bench: boot ticks first-line [0-9]+ app-main [0-9]+ freq [1-9][0-9]*$'
# shellcheck disable=SC2046
if qemu_expect "$limit" "$ticks_log" "$ticks_re" 1 -- \
    $(machine 3 off 512M 1) -kernel "$image" -append loglevel=debug; then
    result boot-ticks-debug "$ticks_log" ""
else
    result boot-ticks-debug "$ticks_log" "no 'bench: boot ticks' line"
fi

stops unknown-app no-such-app '^PANIC: boot: bootargs "app=no-such-app" name no known app$'

summary
