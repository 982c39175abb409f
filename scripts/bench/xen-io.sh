# shellcheck shell=bash disable=SC2154 # the driver's variables
# Sourced by scripts/bench.sh: Xen I/O costs, from app=bench as dom0
# (console_io) and as a vpl011 domU, and xen-peer bench=1 between dom0 and
# an enhanced domU; the table's section 4 (and dom0's boot figures, shown
# in section 1).

peer_args="app=xen-peer gref=16 rounds=1000 bench=1"

# io_hosts GIC ICOUNT SMP: the host DTBs of bench_dom0, bench_domu and
# bench_peer.
io_hosts() {
    host "bench-dom0-gicv$1-icount$2" --gic "$1" --smp "$3" \
        --dom0 "$work/bench.bin" --dom0-args "console=hvc0 app=bench"
    host "bench-domu-gicv$1-icount$2" --gic "$1" --smp "$3" \
        --domu "$work/bench.bin:0x49000000:262144:vpl011:bootargs=console=ttyAMA0 app=bench"
    host "bench-peer-gicv$1-icount$2" --gic "$1" --smp "$3" \
        --dom0 "$work/xen-peer.bin" --dom0-args "$peer_args role=mapper peer=1" \
        --domu "$work/xen-peer.bin:0x49000000:16384:enhanced:bootargs=$peer_args role=granter peer=0"
}

# median LOG PREFIX NAME: the run's median for that bench line.
median() { field "$1" "^[0-9.]+ $2bench: $3 median " median; }

DOM0_BOOT='^[0-9.]+ bench: boot ticks '
bench_dom0() { # GIC ICOUNT RUN
    local g=$1 ic=$2 r=$3 name=bench-dom0-gicv$1-icount$2 log
    log=$logs/$name-run$r.log
    attempt "$g" "$name" || return 0
    if ! boot "$log" "$name" "$ic" "$limit" all_match '^[0-9.]+ bench: done'; then
        failed "$g" "$name run $r" "$log"; count_failure "$g" "$name"; return 0
    fi
    put "$g" "dom0boot$ic.first_us" "$(ticks_us "$(field "$log" "$DOM0_BOOT" first-line)" \
        "$(field "$log" "$DOM0_BOOT" freq)")"
    put "$g" "dom0boot$ic.main_us" "$(ticks_us "$(field "$log" "$DOM0_BOOT" app-main)" \
        "$(field "$log" "$DOM0_BOOT" freq)")"
    put "$g" "io$ic.hypercall" "$(median "$log" '' hypercall)"
    put "$g" "io$ic.ctx" "$(median "$log" '' ctx-switch)"
    put "$g" "io$ic.console_io_bps" "$(field "$log" '^[0-9.]+ bench: console ' bytes-per-second)"
}

bench_domu() { # GIC ICOUNT RUN
    local g=$1 ic=$2 r=$3 name=bench-domu-gicv$1-icount$2 log p='\(XEN\) DOM1: '
    log=$logs/$name-run$r.log
    attempt "$g" "$name" || return 0
    if ! boot "$log" "$name" "$ic" "$limit" all_match "DOM1: bench: done"; then
        failed "$g" "$name run $r" "$log"; count_failure "$g" "$name"; return 0
    fi
    put "$g" "io$ic.ctx_domu" "$(median "$log" "$p" ctx-switch)"
    put "$g" "io$ic.pl011_bps" "$(field "$log" "DOM1: bench: console " bytes-per-second)"
}

bench_peer() { # GIC ICOUNT RUN
    local g=$1 ic=$2 r=$3 name=bench-peer-gicv$1-icount$2 log
    log=$logs/$name-run$r.log
    attempt "$g" "$name" || return 0
    if ! boot "$log" "$name" "$ic" "$limit" all_match '^[0-9.]+ peer: mapper: PASS' \
        '\(d1\) peer: granter: PASS'; then
        failed "$g" "$name run $r" "$log"; count_failure "$g" "$name"; return 0
    fi
    local ev end map
    ev=$(median "$log" '\(d1\) ' evtchn-roundtrip)
    end=$(median "$log" '\(d1\) ' grant-end-access)
    map=$(median "$log" '' grant-map-unmap)
    put "$g" "io$ic.evtchn" "$ev"
    put "$g" "io$ic.grant_end" "$end"
    put "$g" "io$ic.grant_map" "$map"
    put "$g" "io$ic.grant_sum" "$((end + map))"
}

io() { # KEY ICOUNT GIC: ticks median [spread] (µs)
    local k=$1 ic=$2 g=$3 v u
    v=$(cell "$g" "io$ic.$k") u=$(us "$g" "io$ic.$k" "$ic")
    echo "$v${u:+ = $u µs}"
}
ev_ratio() { # ICOUNT GIC
    local h
    h=$(med "$2" "io$1.hypercall")
    ratio "$(med "$2" "io$1.evtchn")" "${h:+$(awk -v h="$h" 'BEGIN { print 2 * h }')}"
}

io_rows() {
    local ic
    for ic in 1 0; do
        row "**4. Xen I/O costs, ticks per operation ($(config "$ic"))**" ""
        row "event-channel round trip (d1 ↔ dom0)" "$(cells io evtchn "$ic")"
        row "grant + end-access (d1)" "$(cells io grant_end "$ic")"
        row "grant map + unmap (dom0)" "$(cells io grant_map "$ic")"
        row "grant, sum of both" "$(cells io grant_sum "$ic")"
        row "hypercall xen_version (dom0), the floor" "$(cells io hypercall "$ic")"
        row "thread switch, semaphore ping-pong (dom0)" "$(cells io ctx "$ic")"
        row "thread switch, semaphore ping-pong (domU)" "$(cells io ctx_domu "$ic")"
        row "console_io write, dom0 (bytes/s)" "$(cells s "io$ic.console_io_bps")"
        row "vpl011 write, domU (bytes/s)" "$(cells s "io$ic.pl011_bps")"
        row "ratio evtchn round trip / (2 × hypercall), target ≤ 3" "$(cells ev_ratio "$ic")"
    done
}
