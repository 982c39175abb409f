# shellcheck shell=bash disable=SC2154 # the driver's variables
# Sourced by scripts/bench.sh: our boot time as a dom0less domU with
# vpl011, the same 256 MB as Linux gets (scripts/bench/linux.sh); the table's
# section 1, which also shows the dom0 boot figures of scripts/bench/xen-io.sh.

# boot_hosts GIC ICOUNT SMP: the host DTB of our_boot.
boot_hosts() {
    host "ours-gicv$1-icount$2" --gic "$1" --smp "$3" \
        --domu "$image:0x49000000:262144:vpl011:bootargs=console=ttyAMA0 loglevel=debug"
}

OUR_DONE='DOM1: bench: boot ticks '
our_boot() { # GIC ICOUNT RUN
    local g=$1 ic=$2 r=$3 name=ours-gicv$1-icount$2 log freq first main
    log=$logs/$name-run$r.log
    attempt "$g" "$name" || return 0
    if ! boot "$log" "$name" "$ic" "$limit" all_match "$OUR_DONE"; then
        failed "$g" "$name run $r" "$log"; count_failure "$g" "$name"; return 0
    fi
    freq=$(field "$log" "$OUR_DONE" freq)
    first=$(field "$log" "$OUR_DONE" first-line)
    main=$(field "$log" "$OUR_DONE" app-main)
    put "$g" "boot$ic.first_us" "$(ticks_us "$first" "$freq")"
    put "$g" "boot$ic.main_us" "$(ticks_us "$main" "$freq")"
    put "$g" "boot$ic.freq" "$freq"
    put "$g" "wall$ic.xen_ms" "$(at "$log" '^\(XEN\) ')"
    put "$g" "wall$ic.since_ms" "$(since "$log" '^\(XEN\) DOM1: ')"
    put "$g" "wall$ic.first_ms" "$(at "$log" '^\(XEN\) DOM1: ')"
    put "$g" "wall$ic.main_ms" "$(at "$log" "$OUR_DONE")"
}

boot_rows() {
    local ic
    for ic in 1 0; do
        row "**1. Boot, ours as a domU ($(config "$ic"))**" ""
        row "first instruction → first line (µs, guest ticks)" "$(cells s "boot$ic.first_us")"
        row "first instruction → app main (µs, guest ticks)" "$(cells s "boot$ic.main_us")"
        row "as dom0: first instruction → first line (µs)" "$(cells s "dom0boot$ic.first_us")"
        row "as dom0: first instruction → app main (µs)" "$(cells s "dom0boot$ic.main_us")"
        row "QEMU start → Xen's first line (ms, wall)" "$(cells s "wall$ic.xen_ms")"
        row "QEMU start → our first line (ms, wall)" "$(cells s "wall$ic.first_ms")"
        row "Xen's '*** Serial input' line → our first line (ms, wall)" "$(cells s "wall$ic.since_ms")"
        row "QEMU start → our app main (ms, wall)" "$(cells s "wall$ic.main_ms")"
    done
}
