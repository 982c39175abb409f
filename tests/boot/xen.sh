#!/usr/bin/env bash
# xen.sh IMAGE WORKDIR: boot the one image under real Xen (4.17, or 4.20
# with XEN_VERSION=4.20; see scripts/xen/fetch.sh) in QEMU, on GICv2 and
# GICv3, as (a) a dom0less domU with vpl011 and (a') one without, both
# without /hypervisor, (b) dom0, and (c) dom0 next to an enhanced domU, and
# check what each guest printed; then (d) the two exchanging messages over
# a grant and an event channel, (e) a domU's shutdown reasons (crash,
# poweroff, reboot) as dom0 sees them, and (f) a domU's threads computing
# with FP/SIMD at once, and (g) keeping their own TLS, (h) a domU on two
# vCPUs, and (i) two domUs over a static event channel.
#
# The expected platform lines are not copied from a kernel run: they are read
# here, with fdtget, from the DTBs Xen itself built for the same host config
# (tests/data/xen/*.dtb, tests/data/xen-4.20/*.dtb for 4.20; see their
# READMEs and scripts/gen-xen-dtbs.sh).  Each
# boot uses exactly that config, so the recorded DTB is the guest's DTB (the
# image's size does not matter: a 200 KB dumper as dom0 got a byte-identical
# DTB, and dom0's DTB next to a domU differs only by the domU's node in
# /chosen).
#
# Env: BOOT_LOGS (default build/tests/logs), XEN_BOOT_TIMEOUT (seconds per
# boot, default 15; a boot normally needs 2-3 s), XEN_VERSION (4.17 or
# 4.20, default 4.17: names every test, e.g. dom0-gicv3-xen4.20), XEN_IMAGE
# (Xen's Image, default what scripts/xen/fetch.sh prints for XEN_VERSION).
set -uo pipefail
here=$(dirname "$0")
top=$(cd "$here/../.." && pwd)
# shellcheck source=tests/boot/lib.sh
. "$here/lib.sh"
[ $# -eq 2 ] || { echo "usage: $0 IMAGE WORKDIR" >&2; exit 2; }
image=$1 work=$2
logs=${BOOT_LOGS:-build/tests/logs}
limit=${XEN_BOOT_TIMEOUT:-15}
version=${XEN_VERSION:-4.17}
data=$top/tests/data/xen
[ "$version" = 4.17 ] || data+=-$version
xen_dir=$top/scripts/xen
mkdir -p "$logs" "$work"
suite=xen
# Every test name ends in this: a failure says which Xen it was.
tag=-xen$version

# Every boot uses this one snapshot: host-dtb.sh writes the image's size
# into the DTB and boot.sh loads the file later, so a rebuild in between
# would truncate it.
cp "$image" "$work/image.bin" || exit 1
image=$work/image.bin
# The test guests of (d) to (g), in GUEST_DIR: snapshots as well.
for g in xen-peer xen-watch faults fp-threads tls-threads smp-test; do
    cp "$(guest "$g")" "$work/$g.bin" || exit 1
done
# The samples (i) runs, from SAMPLE_DIR (make samples).
for g in evtchn-pingpong; do
    cp "${SAMPLE_DIR:?is where make samples puts them}/$g.bin" "$work/$g.bin" || exit 1
done

xen=${XEN_IMAGE:-}
if [ ! -d "$data" ] || { [ -z "$xen" ] && ! xen=$("$xen_dir/fetch.sh"); }; then
    echo "FAIL: xen setup$tag: no $data, or could not fetch Xen $version (scripts/xen/fetch.sh)"
    echo "xen boot tests (Xen $version): 0 passed, 1 failed"
    exit 1
fi

# boot.sh runs in the background as $boot_pid; lib.sh stops it on exit.

# Guest output that means there is no point waiting any longer (Xen's own
# "Panic on CPU" is always a failure for boot.sh).
fatal=('PANIC: ' 'unexpected exception' '\(XEN\) .*[Cc]rashed')

# xen_boot LOG DTB DONE-COMMAND...: boot the host DTB under Xen until
# DONE-COMMAND LOG succeeds (then stop QEMU), QEMU exits, a fatal line
# appears or the time limit passes.  Returns DONE-COMMAND's last verdict.
xen_boot() {
    local log=$1 dtb=$2 re args=()
    shift 2
    for re in "${fatal[@]}"; do args+=(--fail "$re"); done
    [ -z "${expect_panic:-}" ] || args=()
    : >"$log"
    # No --wait: a regex cannot count lines, so this loop decides when done.
    "$xen_dir/boot.sh" --xen "$xen" --dtb "$dtb" --log "$log" \
        --timeout "$limit" "${args[@]}" 2>"$log.err" &
    boot_pid=$!
    while kill -0 "$boot_pid" 2>/dev/null; do
        "$@" "$log" && break
        sleep 0.2
    done
    stop_boot
    # Xen ends lines with CRLF, and a vpl011 guest's own CR stays before it:
    # the checks match whole lines.
    sed -i 's/\r*$//' "$log"
    "$@" "$log"
}

# host NAME HOST-DTB-ARGS...: a fresh host DTB (module sizes follow IMAGE).
# guest_loglvl=all: a release Xen drops domU console_io output otherwise.
# A failure is recorded as test NAME's result; the caller just returns.
host() {
    local name=$1
    shift
    "$xen_dir/host-dtb.sh" --xen-args guest_loglvl=all "$@" \
        -o "$work/$name.dtb" 2>"$logs/xen-$name.log.err" && return 0
    : >"$logs/xen-$name.log"
    result "$name" "$logs/xen-$name.log" "host-dtb.sh failed"
    return 1
}

# --- What a DTB says the kernel must report, computed with fdtget. ---

# u64 HI LO: two 32-bit cells as one hex number, the report's format.
u64() { printf '0x%x' $(($1 << 32 | $2)); }

# intid TYPE NUMBER: GIC binding's interrupt specifier to an INTID.
intid() { echo $(($2 + ($1 == 1 ? 16 : 32))); }

# platform_lines DTB: the report lines for RAM, GIC, timer, /hypervisor and
# bootargs.  Root nodes only, #address-cells = #size-cells = 2 (checked).
platform_lines() {
    local dtb=$1 node path compat i n regions freq
    local -a c
    [ "$(fdtget "$dtb" / '#address-cells') $(fdtget "$dtb" / '#size-cells')" = "2 2" ] ||
        { echo "unexpected cell sizes in $dtb"; return 1; }
    for node in $(fdtget -l "$dtb" /); do
        path=/$node
        compat=" $(fdtget -t s "$dtb" "$path" compatible 2>/dev/null) "
        if [ "$(fdtget -t s "$dtb" "$path" device_type 2>/dev/null)" = memory ]; then
            read -ra c < <(fdtget -t u "$dtb" "$path" reg)
            for ((i = 0; i + 3 < ${#c[@]}; i += 4)); do
                echo "ram $(u64 "${c[i]}" "${c[i + 1]}") $(u64 "${c[i + 2]}" "${c[i + 3]}")"
            done
        fi
        case $compat in
        *" arm,gic-v3 "*)
            read -ra c < <(fdtget -t u "$dtb" "$path" reg)
            regions=$(fdtget -t u "$dtb" "$path" '#redistributor-regions' 2>/dev/null || echo 1)
            n="gic v3 dist $(u64 "${c[0]}" "${c[1]}") redist"
            for ((i = 4; i < 4 + 4 * regions; i += 4)); do
                n+=" $(u64 "${c[i]}" "${c[i + 1]}") $(u64 "${c[i + 2]}" "${c[i + 3]}")"
            done
            echo "$n" ;;
        *" arm,gic-400 "* | *" arm,cortex-a15-gic "*)
            read -ra c < <(fdtget -t u "$dtb" "$path" reg)
            echo "gic v2 dist $(u64 "${c[0]}" "${c[1]}") cpu $(u64 "${c[4]}" "${c[5]}")" ;;
        *" arm,armv8-timer "*)
            # Entries: secure phys, non-secure phys, virtual[, hyp].
            read -ra c < <(fdtget -t u "$dtb" "$path" interrupts)
            freq=$(fdtget -t u "$dtb" "$path" clock-frequency 2>/dev/null || echo 0)
            echo "timer phys $(intid "${c[3]}" "${c[4]}") virt $(intid "${c[6]}" "${c[7]}") freq $freq" ;;
        *" xen,xen "*)
            read -ra c < <(fdtget -t u "$dtb" "$path" reg)
            n="xen gnttab $(u64 "${c[0]}" "${c[1]}") $(u64 "${c[2]}" "${c[3]}")"
            read -ra c < <(fdtget -t u "$dtb" "$path" interrupts)
            echo "$n evtchn $(intid "${c[0]}" "${c[1]}")" ;;
        esac
    done
    # A DTB without bootargs (a domU given none) is no failure.
    if n=$(fdtget -t s "$dtb" /chosen bootargs 2>/dev/null); then
        echo "bootargs $n"
    fi
}

# xen_version DTB: the X.Y of /hypervisor's "xen,xen-X.Y", the version
# of the Xen that built DTB.
xen_version() {
    fdtget -t s "$1" /hypervisor compatible 2>/dev/null |
        sed -n 's/^xen,xen-\([0-9]*\.[0-9]*\) .*/\1/p'
}

# timer_virt DTB: the virtual timer's INTID, for the "drivers:" line.
timer_virt() {
    platform_lines "$1" | sed -n 's/^timer phys [0-9]* virt \([0-9]*\) .*/\1/p'
}

# --- Checks on a log; PREFIX is how Xen shows that guest's lines. ---

# samples PREFIX LOG: at least 4 sample lines from that guest.
samples() {
    seen "$2" "^$1thread_[ab]: Hello World" 4
}

# alternates PREFIX BOARD LOG: the first four sample lines alternate
# thread_a, thread_b, ... and name BOARD.  PREFIX is a regex here.
alternates() {
    grep -E "^$1thread_[ab]: " "$3" | head -n 4 |
        awk -v board="$2" '
            { line = substr($0, index($0, "thread_"))
              want = (NR % 2) ? "thread_a" : "thread_b"
              if (line !~ ("^" want ": Hello World from cpu [0-9]+ on " board "!$"))
                  bad = 1 }
            END { exit (NR == 4 && !bad) ? 0 : 1 }'
}

# missing PREFIX LOG LINE...: print each exact LINE the guest did not print.
missing() {
    local prefix=$1 log=$2 line
    shift 2
    for line in "$@"; do
        grep -Fxq -- "$prefix$line" "$log" || echo "$line"
    done
}

# regex TEXT: an ERE matching exactly TEXT.
regex() {
    # shellcheck disable=SC2016 # a literal $ in the bracket expression
    printf '%s' "$1" | sed 's/[][\.*^$()+?{}|]/\\&/g'
}

# How Xen shows a vpl011 line of the dom0less DOM1 (measured): 4.17 as
# "(XEN) DOM1: text"; 4.20 shows the domain that holds the serial input
# ("*** Serial input to DOM1", the only domain here) as "(XEN) text".
case $version in
4.17) vpl011_prefix='(XEN) DOM1: ' ;;
*) vpl011_prefix='(XEN) ' ;;
esac

# check_guest PREFIX LOG DTB GIC BOARD XEN(0|1): the guest whose lines carry
# PREFIX reported what DTB describes and ran the sample on BOARD.  Prints
# why not; XEN=1 also wants the Xen console and version lines.
check_guest() {
    local prefix=$1 log=$2 dtb=$3 gic=$4 board=$5 xen=$6 p lines ver
    local -a want
    p=$(regex "$prefix")
    if ! lines=$(platform_lines "$dtb"); then
        echo "$lines"
        return
    fi
    mapfile -t want <<<"$lines"
    want+=("psci hvc" "board $board")
    lines=$(missing "$prefix" "$log" "${want[@]}")
    [ -z "$lines" ] || { echo "platform lines missing (want exactly):"; echo "$lines"; }
    grep -Eq "^${p}drivers: gicv$gic, timer [1-9][0-9]* Hz on INTID $(timer_virt "$dtb")(,|$)" "$log" ||
        echo "no '${prefix}drivers: gicv$gic, timer N Hz on INTID $(timer_virt "$dtb")' line"
    if [ "$xen" = 1 ]; then
        grep -Fxq "${prefix}console: xen-console-io" "$log" ||
            echo "no '${prefix}console: xen-console-io' line"
        # A DTB without /hypervisor (the guest found Xen through SMCCC)
        # names no version: the guest must then print the one booted.
        ver=$(xen_version "$dtb")
        if [ -n "$ver" ] && [ "$ver" != "$version" ]; then
            echo "$dtb was built by Xen '$ver', not $version: wrong data set"
        elif ! grep -Eq "^${p}xen: Xen ${version//./\\.}, " "$log"; then
            echo "no '${prefix}xen: Xen $version, ...' version line"
        fi
    fi
    samples "$p" "$log" || echo "fewer than 4 '${prefix}thread_a/b' sample lines"
    alternates "$p" "$board" "$log" ||
        echo "first 4 sample lines do not alternate thread_a/thread_b on $board"
}

# note WHY: add a reason to the caller's $why (bash scoping is dynamic).
note() { [ -z "$1" ] || why+=${why:+$'\n'}$1; }

# both DONE-A DONE-B LOG: both guests are done.
both() { "$1" "$3" && "$2" "$3"; }
domu_vpl011_done() { samples "$(regex "$vpl011_prefix")" "$1"; }
dom0_done() { samples '' "$1"; }
domu_cio_done() { samples '\(d1\) ' "$1"; }
dom0_and_domu_done() { both dom0_done domu_cio_done "$1"; }

# found_by_smccc PREFIX LOG: the guest, which has no /hypervisor node,
# learnt of Xen through SMCCC and says what that leaves it.
found_by_smccc() {
    grep -Fxq "$1xen: found through SMCCC (no /hypervisor node): console_io and SCHEDOP_shutdown only" "$2" ||
        echo "no '$1xen: found through SMCCC ...' line"
}

# one_screen PREFIX LOG: the guest's default boot log, from its banner to
# its first sample line, fits on a 24-line screen and leaves out the
# benchmarks' boot ticks (loglevel=debug shows them).  Counted from the
# banner: Xen 4.20 shows a vpl011 with its own "(XEN) " prefix.
one_screen() {
    local n
    n=$(awk -v p="$1" 'index($0, p "*** Booting ") == 1 { on = 1 }
                       !on || index($0, p) != 1 { next }
                       index($0, p "thread_") == 1 { exit }
                       { n++ } END { print n + 0 }' "$2")
    [ "$n" -le 24 ] || echo "boot log of $n lines before the first sample (> 24)"
    ! grep -Fq -- "$1bench: boot ticks" "$2" ||
        echo "the benchmarks' boot ticks line shown without loglevel=debug"
}

# (a) dom0less domU with vpl011, no dom0: Xen prints the UART as DOM1.
# No /hypervisor node: Xen is found through SMCCC, so the board is xenvm.
test_domu_vpl011() {
    local v=$1 name=domu-vpl011-gicv$1$tag why=
    local log=$logs/xen-$name.log
    host "$name" --gic "$v" \
        --domu "$image:0x49000000:131072:vpl011:bootargs=console=ttyAMA0" || return
    if ! xen_boot "$log" "$work/$name.dtb" domu_vpl011_done; then
        why="no 4 sample lines from DOM1 within ${limit}s"
    fi
    note "$(check_guest "$vpl011_prefix" "$log" \
        "$data/domu-gicv$v-vpl011.dtb" "$v" xenvm 0)"
    note "$(found_by_smccc "$vpl011_prefix" "$log")"
    note "$(one_screen "$vpl011_prefix" "$log")"
    result "$name" "$log" "$why"
}

# (a') dom0less domU with neither vpl011 nor /hypervisor, no dom0: only
# SMCCC tells it Xen is there, and console_io is its one console (Xen
# prints it as d1).
test_domu_console_io() {
    local v=$1 name=domu-console-io-gicv$1 why=
    local log=$logs/xen-$name.log
    host "$name" --gic "$v" --domu "$image:0x49000000:131072" || return
    if ! xen_boot "$log" "$work/$name.dtb" domu_cio_done; then
        why="no 4 sample lines from d1 within ${limit}s"
    fi
    note "$(check_guest '(d1) ' "$log" "$data/domu-gicv$v.dtb" "$v" xenvm 1)"
    note "$(found_by_smccc '(d1) ' "$log")"
    note "$(one_screen '(d1) ' "$log")"
    result "$name" "$log" "$why"
}

# (b) dom0 alone: the host's layout, console through console_io.
test_dom0() {
    local v=$1 name=dom0-gicv$1$tag why=
    local log=$logs/xen-$name.log
    host "$name" --gic "$v" --dom0 "$image" --dom0-args console=hvc0 || return
    if ! xen_boot "$log" "$work/$name.dtb" dom0_done; then
        why="no 4 sample lines from dom0 within ${limit}s"
    fi
    note "$(check_guest '' "$log" "$data/dom0-gicv$v.dtb" "$v" xenvm 1)"
    grep -qx 'smp: 2 of 2 CPUs running' "$log" ||
        note "no 'smp: 2 of 2 CPUs running' (dom0 gets both pCPUs)"
    result "$name" "$log" "$why"
}

# (c) dom0 and an enhanced domU (/hypervisor, no UART): both on console_io.
# Dom0's DTB is the same as in (b) but for the domU node in its /chosen.
test_dom0_domu_enhanced() {
    local v=$1 name=dom0-domu-enhanced-gicv$1$tag why=
    local log=$logs/xen-$name.log
    host "$name" --gic "$v" --dom0 "$image" --dom0-args console=hvc0 \
        --domu "$image:0x49000000:131072:enhanced:bootargs=console=hvc0" || return
    if ! xen_boot "$log" "$work/$name.dtb" dom0_and_domu_done; then
        why="no 4 sample lines from both dom0 and d1 within ${limit}s"
    fi
    note "$(check_guest '' "$log" "$data/dom0-gicv$v.dtb" "$v" xenvm 1 |
        sed 's/^/dom0: /')"
    note "$(check_guest '(d1) ' "$log" "$data/domu-enhanced-gicv$v.dtb" \
        "$v" xenvm 1 | sed 's/^/d1: /')"
    result "$name" "$log" "$why"
}

# (d) Cross-domain: the domU grants a page and offers an unbound port;
# dom0 maps the grant, binds the port, answers 100 pings (tests/guest/xen-peer).
# The grant reference is agreed in bootargs; the port travels in the page.
peer_done() {
    grep -q '^peer: mapper: PASS$' "$1" &&
        grep -q '^(d1) peer: granter: PASS$' "$1"
}
test_cross_domain() {
    local v=$1 name=cross-domain-gicv$1$tag why="" args=(gref=16 rounds=100)
    local log=$logs/xen-$name.log
    host "$name" --gic "$v" --dom0 "$work/xen-peer.bin" \
        --dom0-args "app=xen-peer role=mapper peer=1 ${args[*]}" \
        --domu "$work/xen-peer.bin:0x49000000:16384:enhanced:bootargs=app=xen-peer role=granter peer=0 ${args[*]}" || return
    xen_boot "$log" "$work/$name.dtb" peer_done || why="no PASS from both peers within ${limit}s"
    local line
    for line in \
        'xen: map grant 65520 of d1: invalid grant reference \(GNTST -3\)' \
        'peer: mapper: bad grant ref 0xfff0 refused: EINVAL \(-22\)' \
        'peer: mapper: bound d1 port [0-9]+ as [0-9]+, mapped grant 16' \
        'peer: mapper: 100 messages checked, grant unmapped' \
        '\(d1\) peer: granter: granted ref 16 to d0, port [0-9]+ unbound' \
        '\(d1\) peer: granter: 100 messages exchanged and checked' \
        '\(d1\) peer: granter: grant 16 refused to end while mapped' \
        '\(d1\) peer: granter: grant 16 ended, entry free again'; do
        grep -Eqx -- "$line" "$log" || note "missing /$line/"
    done
    result "$name" "$log" "$why"
}

# (e) A domU stops with APP; dom0 (tests/guest/xen-watch) asks Xen how it
# ended, as the toolstack would.
test_shutdown_reason() {
    local v=$1 app=$2 reason=$3 name=shutdown-$2-gicv$1$tag why=
    local log=$logs/xen-$name.log
    host "$name" --gic "$v" --dom0 "$work/xen-watch.bin" \
        --dom0-args "app=xen-watch domid=1" \
        --domu "$work/faults.bin:0x49000000:16384:enhanced:bootargs=app=$app delay=1000" || return
    watched() { grep -q '^watch: d1 shut down' "$1"; }
    expect_panic=1 xen_boot "$log" "$work/$name.dtb" watched ||
        why="dom0 saw no shutdown of d1 within ${limit}s"
    grep -Fxq "watch: d1 shut down, reason $reason" "$log" ||
        note "no 'watch: d1 shut down, reason $reason' line"
    # Xen told dom0 through the VIRQ it bound (evtchn_bind_virq).
    grep -Eq '^watch: VIRQ_DOM_EXC raised [1-9][0-9]* time' "$log" ||
        note "dom0 got no VIRQ_DOM_EXC"
    grep -Eq "^\(d1\) stop: [a-z]+ via xen-schedop$" "$log" ||
        note "the domU did not stop through SCHEDOP_shutdown"
    result "$name" "$log" "$why"
}

# test_thread_guest GUEST V LINE...: test guest GUEST (app=GUEST) as a
# dom0less domU on console_io, on GICvV: its verdict within the limit,
# and every LINE (a regex) from (d1).  thread_guest_done reads GUEST from
# test_thread_guest's locals (xen_boot calls it from there).
thread_guest_done() { grep -Eq "^\\(d1\\) $guest: (PASS|FAIL)" "$1"; }
test_thread_guest() {
    local guest=$1 v=$2 why="" line
    local name=$guest-gicv$v$tag
    local log=$logs/xen-$name.log
    shift 2
    host "$name" --gic "$v" \
        --domu "$work/$guest.bin:0x49000000:16384:bootargs=app=$guest" || return
    xen_boot "$log" "$work/$name.dtb" thread_guest_done ||
        why="no $guest verdict from d1 within ${limit}s"
    for line in "$guest: PASS \\(0 failed\\)" "$@"; do
        grep -Eqx -- "\(d1\) $line" "$log" || note "missing /$line/"
    done
    result "$name" "$log" "$why"
}

# (f) Each thread's FP/SIMD registers are its own (boot/fpsimd.h) under Xen
# too: tests/guest/fp-threads.
test_fp_threads() {
    test_thread_guest fp-threads "$1" 'fp-threads: ok registers-set' \
        'fp-threads: ok registers-across-yield' \
        'fp-threads: ok registers-across-preemption' \
        'fp-threads: ok compute-nearest' 'fp-threads: ok compute-toward-zero' \
        'fp-threads: ok compute-preempted'
}

# (g) Each thread's TLS is its own (kernel/tls_layout.h), tpidr_el0
# switched with the frame: tests/guest/tls-threads.
test_tls_threads() {
    test_thread_guest tls-threads "$1" 'tls-threads: ok app-initial' \
        'tls-threads: ok worker-initial' 'tls-threads: ok own-block' \
        'tls-threads: ok kept-across-switches' \
        'tls-threads: ok interleaved' 'tls-threads: ok app-kept'
}

# (h) Every vCPU at work: a dom0less domU with cpus = <2> runs smp-test
# (tests/guest/smp-test; 10,000 cross-CPU round trips, time limits 8
# times the bare ones), and dom0 runs on every pCPU (Xen's default
# dom0_max_vcpus; checked in test_dom0).
test_smp_domu() {
    local v=$1 guest=smp-test why="" line limit=240
    local name=smp-domu-gicv$v$tag
    local log=$logs/xen-$name.log
    host "$name" --gic "$v" --domu \
        "$work/smp-test.bin:0x49000000:16384:cpus=2:bootargs=app=smp-test pingpong=10000 slow=8" ||
        return
    xen_boot "$log" "$work/$name.dtb" thread_guest_done ||
        why="no smp-test verdict from d1 within ${limit}s"
    for line in 'smp: 2 of 2 CPUs running' 'smp-test: PASS \(0 failed\)' \
        'smp-test: ok hotplug' 'smp-test: ok sem-pingpong'; do
        grep -Eqx -- "\(d1\) $line" "$log" || note "missing /$line/"
    done
    result "$name" "$log" "$why"
}

# (i) Static event channels (Debian builds 4.20 with STATIC_EVTCHN, and
# its 4.17 connects them as well): two dom0less domUs with xen,enhanced = "no-xenstore"
# (event channels without a dom0), linked by xen,evtchn nodes, port 10 of
# d1 to port 11 of d2.  Xen does not tell a guest its port: each is told
# in bootargs.  samples/evtchn-pingpong: d1 counts STATIC_EVTCHN_ROUNDS
# round trips, each answered exactly once; d2 answers until it is quiet.
# The counted rounds poll ("spin"): a round trip that sleeps costs about
# 9 ms here, Xen scheduling the blocked vCPU back in under TCG (57 us
# with Xen's vwfi=native, which does not block it), so 10,000 would take
# 95 s; the first rings and the settling still sleep and are woken.
test_static_evtchn() {
    local v=$1 why="" line limit=${STATIC_EVTCHN_LIMIT:-300} n
    local rounds=${STATIC_EVTCHN_ROUNDS:-10000}
    local name=static-evtchn-gicv$v$tag
    local log=$logs/xen-$name.log
    host "$name" --gic "$v" \
        --domu "$work/evtchn-pingpong.bin:0x49000000:16384:no-xenstore:evtchn=10/2/11:bootargs=-- 10 ping $rounds spin" \
        --domu "$work/evtchn-pingpong.bin:0x4a000000:16384:no-xenstore:evtchn=11/1/10:bootargs=-- 11 pong $rounds spin" ||
        return
    pong_done() { grep -Eq '^\(d2\) evtchn-pingpong: pong: (PASS|.*\(-?[0-9]+\)$)' "$1"; }
    xen_boot "$log" "$work/$name.dtb" pong_done ||
        why="no verdict from d2 (pong) within ${limit}s"
    for line in '\(d1\) evtchn-pingpong: ping: port 10 connected to d2 port 11' \
        '\(d2\) evtchn-pingpong: pong: port 11 connected to d1 port 10' \
        "\\(d1\\) evtchn-pingpong: ping: $rounds round trips, each answered once, in [0-9]+ us \\([0-9]+ ns each, polling\\)" \
        '\(d1\) evtchn-pingpong: ping: PASS' '\(d2\) evtchn-pingpong: pong: PASS'; do
        grep -Eqx -- "$line" "$log" || note "missing /$line/"
    done
    # d2 answered every round, and the rings before d1's count began.
    n=$(sed -n 's/^(d2) evtchn-pingpong: pong: answered \([0-9]*\) times.*/\1/p' "$log")
    [ -n "$n" ] && [ "$n" -ge "$rounds" ] ||
        note "d2 answered ${n:-no} events, fewer than $rounds"
    result "$name" "$log" "$why"
}

# One QEMU at a time.
for v in 2 3; do
    test_domu_vpl011 "$v"
    test_domu_console_io "$v"
    test_dom0 "$v"
    test_dom0_domu_enhanced "$v"
    test_cross_domain "$v"
    test_shutdown_reason "$v" panic "crash (3)"
    test_fp_threads "$v"
    test_tls_threads "$v"
    test_smp_domu "$v"
    test_static_evtchn "$v"
done
test_shutdown_reason 2 hello "poweroff (0)"
test_shutdown_reason 3 reboot "reboot (1)"

suite="xen (Xen $version)"
summary
