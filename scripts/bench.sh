#!/usr/bin/env bash
# bench.sh [IMAGE]: boot IMAGE (default build/zephyr.bin) under Xen 4.17 in
# QEMU (TCG) and print one table of boot times, footprint and Xen I/O costs,
# side by side with Debian's Linux 6.1 as a dom0less domU on the same Xen.
# The table also goes to $BENCH_OUT/results.md; every per-run value goes to
# $BENCH_OUT/raw.tsv and every console log to $BENCH_OUT/logs.
#
# Env: GIC        "2", "3" or "2 3" (default: both)
#      RUNS       boots per figure (default 5); a figure is the median of
#                 the runs' values, [min-max] their spread
#      BENCH_OUT  output directory (default build/bench)
#      BENCH_TIMEOUT  hard limit per boot in seconds (default 30; Linux
#                 gets twice as much)
#      BENCH_LINUX_ABI  Debian kernel ABI (default 6.1.0-56, the one the
#                 dom0 host of scripts/dom0/build.sh uses)
#      BENCH_COMMAND  how the run was started, for the table's header
#
# What is measured, and how:
# - Guest ticks come from the kernel's own lines (kernel/main.c, apps/bench.c,
#   apps/xen_peer.c): CNTVCT ticks at the frequency the boot line gives.
# - Wall times are taken here: each console line is stamped as it arrives
#   (a read loop on a FIFO), relative to the moment just before QEMU is
#   started.  No polling interval enters the figures.
# - "icount" runs use -smp 1 -icount shift=0,sleep=off (one instruction per
#   virtual ns: guest ticks are then deterministic); the others -smp 2 in
#   plain TCG, where guest time follows the host's clock and so includes
#   translation and host load.  With -smp 2, Xen hangs under icount.
# - One QEMU at a time, each under timeout(1) in its own session, killed on
#   every exit path of this script.
set -euo pipefail
export LC_ALL=C
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
die() { echo "bench.sh: $*" >&2; exit 2; }

image=${1:-$top/build/zephyr.bin}
gics=${GIC:-2 3}
runs=${RUNS:-5}
out=${BENCH_OUT:-$top/build/bench}
limit=${BENCH_TIMEOUT:-30}
linux_abi=${BENCH_LINUX_ABI:-6.1.0-56}
command_line=${BENCH_COMMAND:-scripts/bench.sh${*:+ $*}}
[ -f "$image" ] || die "no image $image (run make)"
[[ $runs =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive number"
[[ $limit =~ ^[1-9][0-9]*$ ]] || die "BENCH_TIMEOUT must be whole seconds"
for g in $gics; do [[ $g =~ ^[23]$ ]] || die "GIC must be 2, 3 or \"2 3\""; done

work=$out/work logs=$out/logs raw=$out/raw.tsv
rm -rf "$work" "$logs"
mkdir -p "$work" "$logs"
: >"$raw"
started=$(date +%s)

# One snapshot for the whole run: the DTBs carry the image's exact size
# (Xen copies exactly that much), and others may rebuild meanwhile.
cp "$image" "$work/zephyr.bin"
image=$work/zephyr.bin
xen=$("$here/xen/fetch.sh")

# --- Linux domU: Debian's kernel and an initramfs whose /init prints a marker.
linux_root=$("$here/fetch-deb.sh" --root dom0root \
    "linux-image-$linux_abi-arm64-unsigned")
linux_image=$linux_root/boot/vmlinuz-$linux_abi-arm64
[ -s "$linux_image" ] || die "no $linux_image"
# Debian's arm64 vmlinuz is a plain Image on bookworm; decompress if not.
if gzip -t "$linux_image" 2>/dev/null; then
    zcat "$linux_image" >"$work/linux-Image"
    linux_image=$work/linux-Image
fi
mkdir -p "$work/initramfs"
aarch64-linux-gnu-gcc -static -nostdlib -ffreestanding -O2 -Wall -Werror \
    -fno-stack-protector -Wl,--build-id=none \
    -o "$work/initramfs/init" "$here/bench-linux-init.c"
(cd "$work/initramfs" && echo init | cpio -o -H newc --quiet) >"$work/initramfs.cpio"
linux_args="console=ttyAMA0 earlycon=pl011,mmio32,0x22000000 rdinit=/init"

# ---------------------------------------------------------------- booting
qemu_pid='' stamp_pid=''
stop_qemu() {
    # $qemu_pid is timeout(1), leader of QEMU's session: it passes TERM on
    # to QEMU and KILLs it 2 s later; the group KILL catches the rest.
    if [ -n "$qemu_pid" ]; then
        kill -TERM "$qemu_pid" 2>/dev/null || true
        wait "$qemu_pid" 2>/dev/null || true
        kill -KILL -- "-$qemu_pid" 2>/dev/null || true
        qemu_pid=''
    fi
    # The stamper sees end-of-file once QEMU is gone.
    [ -z "$stamp_pid" ] || wait "$stamp_pid" 2>/dev/null || true
    stamp_pid=''
}
trap stop_qemu EXIT
trap 'stop_qemu; echo "bench.sh: interrupted" >&2; exit 130' INT TERM HUP

# stamp T0: prefix each line with its arrival time in ms since T0 (µs
# from EPOCHREALTIME); drop Xen's carriage returns.
stamp() {
    local t0=$1 line now
    while IFS= read -r line; do
        now=${EPOCHREALTIME//[!0-9]/}
        printf '%d.%03d %s\n' $(((now - t0) / 1000)) $(((now - t0) % 1000)) \
            "${line//$'\r'/}"
    done
}

# host NAME ARGS...: a host DTB (scripts/xen/host-dtb.sh) for this run.
host() {
    local name=$1
    shift
    "$here/xen/host-dtb.sh" --xen-args guest_loglvl=all "$@" \
        -o "$work/$name.dtb" 2>"$logs/$name.dtb.err" ||
        { cat "$logs/$name.dtb.err" >&2; die "host-dtb.sh failed for $name"; }
}

# add_domu_ramdisk NAME FILE ADDR: host-dtb.sh gives only dom0 a ramdisk;
# add one to domU1 (dtc merges a second root block into the first).
add_domu_ramdisk() {
    local dtb=$work/$1.dtb size
    size=$(stat -L -c %s "$2")
    dtc -q -I dtb -O dts -o "$dtb.dts" "$dtb"
    {
        printf '/ { chosen { domU1 { module@%x {\n' "$(($3))"
        printf '\tcompatible = "multiboot,ramdisk", "multiboot,module";\n'
        printf '\treg = <0x0 0x%x 0x0 0x%x>;\n}; }; }; };\n' "$(($3))" "$size"
    } >>"$dtb.dts"
    dtc -q -I dts -O dtb -o "$dtb" "$dtb.dts"
    printf 'module 0x%x %s\n' "$(($3))" "$(realpath "$2")" >>"$dtb.boot"
}

# all_match ERE... LOG: every ERE matches a line of LOG.
all_match() {
    local log=${!#} re
    for re in "${@:1:$#-1}"; do
        grep -Eq -- "$re" "$log" || return 1
    done
}

# boot LOG NAME ICOUNT(0|1) SECS DONE-COMMAND...: start QEMU on host DTB
# NAME, stop it once DONE-COMMAND LOG succeeds; fail on a panic, on QEMU
# exiting first or after SECS.  LOG lines are "MS LINE".
boot() {
    local log=$1 dtb=$work/$2.dtb icount=$3 secs=$4 key value t0 fifo
    local gic=3 mem=2G smp=2 args=() extra=()
    shift 4
    while read -r key value; do
        case $key in
        gic) gic=$value ;;
        mem) mem=$value ;;
        smp) smp=$value ;;
        module) args+=(-device "loader,file=${value#* },addr=${value%% *},force-raw=on") ;;
        esac
    done <"$dtb.boot"
    [ "$icount" = 0 ] || extra=(-icount 'shift=0,sleep=off')
    fifo=$work/console.fifo
    rm -f "$fifo"
    : >"$log"
    mkfifo "$fifo"
    t0=${EPOCHREALTIME//[!0-9]/}
    stamp "$t0" <"$fifo" >"$log" &
    stamp_pid=$!
    setsid timeout -k 2 "$((secs + 5))" qemu-system-aarch64 \
        -machine "virt,virtualization=on,gic-version=$gic" -cpu cortex-a57 \
        -smp "$smp" -m "$mem" -nographic -nic none -no-reboot -kernel "$xen" \
        -dtb "$dtb" "${args[@]}" "${extra[@]}" </dev/null >"$fifo" 2>&1 &
    qemu_pid=$!
    local deadline=$((t0 + secs * 1000000))
    while :; do
        if "$@" "$log"; then stop_qemu; return 0; fi
        if grep -Eq '\(XEN\) Panic on CPU|PANIC: |Kernel panic' "$log" ||
            ! kill -0 "$qemu_pid" 2>/dev/null ||
            [ "${EPOCHREALTIME//[!0-9]/}" -ge "$deadline" ]; then
            stop_qemu
            return 1
        fi
        sleep 0.05
    done
}

# ------------------------------------------------------------- recording
# put GIC KEY VALUE: one value of one run.
put() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$raw"; }

# at LOG ERE: the ms stamp of the first line matching ERE (after the stamp).
# (EREs go through the environment: awk -v would eat their backslashes.)
at() {
    RE=$2 awk '{ l = $0; sub(/^[^ ]* /, "", l) }
        l ~ ENVIRON["RE"] { print $1; exit }' "$1"
}

# field LOG ERE WORD: the value after WORD on the first line matching ERE.
field() {
    RE=$2 awk -v w="$3" '$0 ~ ENVIRON["RE"] {
        for (i = 1; i < NF; i++) if ($i == w) { print $(i + 1); exit } }' "$1"
}

# ticks_us TICKS FREQ: ticks to µs, 0.1 µs precision.
ticks_us() { awk -v t="$1" -v f="$2" 'BEGIN { printf "%.1f", t * 1e6 / f }'; }

failures=()
# failed GIC WHAT LOG: note a run that did not give its figures.
failed() {
    failures+=("GICv$1 $2: see ${3#"$top/"}")
    echo "bench.sh: GICv$1 $2 failed, see $3" >&2
}

# attempt GIC WHAT: false once WHAT has failed twice on this GIC (a broken
# configuration should not eat the time budget of all its runs).
declare -A failcount
attempt() { [ "${failcount[$1 $2]:-0}" -lt 2 ]; }
count_failure() { failcount[$1 $2]=$((${failcount[$1 $2]:-0} + 1)); }

# Xen's console_endboot() line: the domains are built, the guests start
# (with -smp 2 a guest's first line may come before Xen's next one).
XEN_DONE='^\(XEN\) \*\*\* Serial input to '

# since LOG ERE: ms from Xen's XEN_DONE line to the first line matching ERE.
since() {
    local a b
    a=$(at "$1" "$2") b=$(at "$1" "$XEN_DONE")
    if [ -z "$a" ] || [ -z "$b" ]; then return; fi
    awk -v a="$a" -v b="$b" 'BEGIN { printf "%.3f\n", a - b }'
}

# --- 1. our boot: dom0less domU with vpl011, same 256 MB as Linux below.
OUR_DONE='DOM1: bench: boot ticks '
our_boot() {
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

# --- 2. Linux, same Xen, same machine, same memory, console on vpl011.
LINUX_DONE='DOM1: linux-init: started'
linux_boot() {
    local g=$1 ic=$2 r=$3 name=linux-gicv$1-icount$2 log t
    log=$logs/$name-run$r.log
    attempt "$g" "$name" || return 0
    if ! boot "$log" "$name" "$ic" $((2 * limit)) all_match "$LINUX_DONE"; then
        failed "$g" "$name run $r" "$log"; count_failure "$g" "$name"; return 0
    fi
    put "$g" "linux$ic.xen_ms" "$(at "$log" '^\(XEN\) ')"
    put "$g" "linux$ic.since_ms" "$(since "$log" '^\(XEN\) DOM1: ')"
    put "$g" "linux$ic.first_ms" "$(at "$log" '^\(XEN\) DOM1: ')"
    put "$g" "linux$ic.init_ms" "$(at "$log" "$LINUX_DONE")"
    # Linux's own clock (printk time) when it starts init: from its
    # sched_clock start, not its first instruction, so a lower bound.
    t=$(sed -n 's/.*DOM1: \[ *\([0-9.]*\)\] Run \/init as init process.*/\1/p' "$log" | head -n 1)
    [ -z "$t" ] || put "$g" "linux$ic.printk_init_ms" "$(awk -v t="$t" 'BEGIN { printf "%.1f", t * 1000 }')"
}

# --- 3. smallest domU memory with which the sample prints its 4 lines.
sample_runs() { # LOG: the sample's first 4 lines are there
    [ "$(grep -Ecs 'DOM1: thread_[ab]: Hello World' "$1")" -ge 4 ]
}
memory_ok() { # GIC MB: prints the reason on failure
    local g=$1 mb=$2 name=mem-gicv$1-${2}mb log
    log=$logs/$name.log
    host "$name" --gic "$g" --smp 2 \
        --domu "$image:0x49000000:$((mb * 1024)):vpl011:bootargs=console=ttyAMA0"
    boot "$log" "$name" 0 "$limit" sample_runs || true
    sample_runs "$log" && return 0
    # Why: Xen's panic message, else the guest's last line.
    grep -A1 'Panic on CPU' "$log" | tail -n 1 | cut -d' ' -f3- | grep . ||
        grep 'DOM1: ' "$log" | tail -n 1 | cut -d' ' -f2- | grep . ||
        echo "no guest output"
    return 1
}
memory_search() {
    local g=$1 mb ok='' bad='' why='' lo
    for mb in 16 8 4 2 1; do
        if why=$(memory_ok "$g" "$mb"); then ok=$mb; else bad=$mb; break; fi
    done
    # Between the last size that worked and the first that did not.
    if [ -n "$ok" ] && [ -n "$bad" ]; then
        for ((lo = ok - 1; lo > bad; lo--)); do
            local w
            if w=$(memory_ok "$g" "$lo"); then ok=$lo; else why=$w; bad=$lo; break; fi
        done
    fi
    put "$g" "mem.min_mb" "${ok:-none}"
    put "$g" "mem.fail_mb" "${bad:-none}"
    [ -z "$bad" ] || printf '%s\t%s\n' "$g" "$bad MB: ${why//$'\n'/ }" >>"$work/mem-why"
}

# --- 4. Xen I/O: app=bench as dom0 (console_io) and as a vpl011 domU,
# xen-peer bench=1 between dom0 and an enhanced domU.
# median LOG PREFIX NAME: the run's median for that bench line.
median() { field "$1" "^[0-9.]+ $2bench: $3 median " median; }

DOM0_BOOT='^[0-9.]+ bench: boot ticks '
bench_dom0() {
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

bench_domu() {
    local g=$1 ic=$2 r=$3 name=bench-domu-gicv$1-icount$2 log p='\(XEN\) DOM1: '
    log=$logs/$name-run$r.log
    attempt "$g" "$name" || return 0
    if ! boot "$log" "$name" "$ic" "$limit" all_match "DOM1: bench: done"; then
        failed "$g" "$name run $r" "$log"; count_failure "$g" "$name"; return 0
    fi
    put "$g" "io$ic.ctx_domu" "$(median "$log" "$p" ctx-switch)"
    put "$g" "io$ic.pl011_bps" "$(field "$log" "DOM1: bench: console " bytes-per-second)"
}

bench_peer() {
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

# ------------------------------------------------------------------ runs
peer_args="app=xen-peer gref=16 rounds=1000 bench=1"
for g in $gics; do
    echo "bench.sh: GICv$g: host DTBs" >&2
    for ic in 1 0; do
        smp=$((ic ? 1 : 2))
        host "ours-gicv$g-icount$ic" --gic "$g" --smp "$smp" \
            --domu "$image:0x49000000:262144:vpl011:bootargs=console=ttyAMA0"
        host "linux-gicv$g-icount$ic" --gic "$g" --smp "$smp" \
            --domu "$linux_image:0x50000000:262144:vpl011:bootargs=$linux_args"
        add_domu_ramdisk "linux-gicv$g-icount$ic" "$work/initramfs.cpio" 0x54000000
        host "bench-dom0-gicv$g-icount$ic" --gic "$g" --smp "$smp" \
            --dom0 "$image" --dom0-args "console=hvc0 app=bench"
        host "bench-domu-gicv$g-icount$ic" --gic "$g" --smp "$smp" \
            --domu "$image:0x49000000:262144:vpl011:bootargs=console=ttyAMA0 app=bench"
        host "bench-peer-gicv$g-icount$ic" --gic "$g" --smp "$smp" \
            --dom0 "$image" --dom0-args "$peer_args role=mapper peer=1" \
            --domu "$image:0x49000000:16384:enhanced:bootargs=$peer_args role=granter peer=0"
    done
    # Interleaved, so that a burst of host load spreads over all figures.
    for ((r = 1; r <= runs; r++)); do
        echo "bench.sh: GICv$g: run $r of $runs" >&2
        for ic in 1 0; do
            our_boot "$g" "$ic" "$r"
            linux_boot "$g" "$ic" "$r"
            bench_dom0 "$g" "$ic" "$r"
            bench_domu "$g" "$ic" "$r"
            bench_peer "$g" "$ic" "$r"
        done
    done
    echo "bench.sh: GICv$g: smallest memory" >&2
    memory_search "$g"
done

# ------------------------------------------------------------- footprint
footprint() { # prints "DIR text data bss" per top directory, then libfdt.a
    local o src
    find "$top/build/target" -name '*.o' | sort | while read -r o; do
        src=${o#"$top/build/target/"}
        src=${src%.o}
        # Objects of sources that no longer exist are not in the image.
        [ ! -f "$top/$src" ] || echo "${src%%/*} $o"
    done | while read -r dir o; do
        aarch64-linux-gnu-size "$o" | awk -v d="$dir" 'NR == 2 { print d, $1, $2, $3 }'
    done | awk '{ t[$1] += $2; d[$1] += $3; b[$1] += $4 }
        END { for (k in t) print k, t[k], d[k], b[k] }' | sort
    local fdt=${XENGUEST_CACHE:-$HOME/.cache/xenguest}/arm64root/usr/lib/aarch64-linux-gnu/libfdt.a
    [ ! -f "$fdt" ] || aarch64-linux-gnu-size -t "$fdt" |
        awk '$NF == "(TOTALS)" { print "libfdt.a", $1, $2, $3 }'
}

# ------------------------------------------------------------------ table
# cell GIC KEY: "median [min-max]" of that key's values, or n/a.
cell() {
    awk -F'\t' -v g="$1" -v k="$2" '$1 == g && $2 == k && $3 != "" { print $3 }' "$raw" |
        sort -g | awk '{ v[NR] = $1 }
        END {
            if (!NR) { print "n/a"; exit }
            m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
            if (v[1] == v[NR]) printf "%s\n", fmt(m)
            else printf "%s [%s-%s]\n", fmt(m), fmt(v[1]), fmt(v[NR])
        }
        function fmt(x) {
            if (x == int(x)) return sprintf("%d", x)
            return sprintf(x < 10 && x > -10 ? "%.2f" : "%.1f", x)
        }'
}
# med GIC KEY: the median alone (empty if none).
med() { cell "$1" "$2" | awk '$1 != "n/a" { print $1 }'; }
# ratio A B: A / B to one decimal, or n/a.
ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b + 0 == 0) print "n/a"
        else printf "%.1f\n", a / b }'
}
# us GIC TICKS-KEY ICOUNT: a tick median in µs, at the frequency the boots gave.
us() {
    local t f
    t=$(med "$1" "$2") f=$(med "$1" "boot$3.freq")
    if [ -z "$t" ] || [ -z "$f" ]; then echo ""; return; fi
    awk -v t="$t" -v f="$f" 'BEGIN { printf "%.2f", t * 1e6 / f }'
}

rows=()
row() { rows+=("$1"$'\t'"$2"); }   # LABEL, then one cell per GIC via a command
cells() { # COMMAND...: the command's output for each GIC, " | " separated
    local g c=()
    for g in $gics; do c+=("$("$@" "$g")"); done
    local IFS='|'
    echo "${c[*]}"
}
s() { local k=$1 g=$2; cell "$g" "$k"; }
io() { # KEY ICOUNT GIC: ticks median [spread] (µs)
    local k=$1 ic=$2 g=$3 v u
    v=$(cell "$g" "io$ic.$k") u=$(us "$g" "io$ic.$k" "$ic")
    echo "$v${u:+ = $u µs}"
}
lin_ratio() { # LINUX-KEY OURS-KEY GIC
    ratio "$(med "$3" "$1")" "$(med "$3" "$2")"
}
after_xen() { # PREFIX KEY ICOUNT GIC: median of KEY minus Xen's first line's
    local p=$1 k=$2 ic=$3 g=$4 a b
    a=$(med "$g" "$p$ic.$k") b=$(med "$g" "$p$ic.xen_ms")
    if [ -z "$a" ] || [ -z "$b" ]; then echo ""; return; fi
    awk -v a="$a" -v b="$b" 'BEGIN { printf "%.1f", a - b }'
}
lin_ratio_after_xen() { # LINUX-KEY OURS-KEY ICOUNT GIC
    ratio "$(after_xen linux "$1" "$3" "$4")" "$(after_xen wall "$2" "$3" "$4")"
}

guest_ratio() { # ICOUNT GIC: Linux's clock at init (ms) / our app main (µs)
    local m
    m=$(med "$2" "boot$1.main_us")
    ratio "$(med "$2" "linux$1.printk_init_ms")" "${m:+$(awk -v m="$m" 'BEGIN { print m / 1000 }')}"
}
ev_ratio() { # ICOUNT GIC
    local h
    h=$(med "$2" "io$1.hypercall")
    ratio "$(med "$2" "io$1.evtchn")" "${h:+$(awk -v h="$h" 'BEGIN { print 2 * h }')}"
}
mem_cell() { # GIC
    local why
    why=$(awk -F'\t' -v g="$1" '$1 == g { print $2 }' "$work/mem-why" 2>/dev/null)
    echo "$(s mem.min_mb "$1")${why:+ (fails at $why)}"
}

config() { # ICOUNT: the machine, for the section titles
    if [ "$1" = 1 ]; then echo "icount, -smp 1"; else echo "no icount, -smp 2"; fi
}
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
for ic in 1 0; do
    row "**2. Linux $linux_abi as the same domU ($(config "$ic"))**" ""
    row "QEMU start → Xen's first line (ms, wall)" "$(cells s "linux$ic.xen_ms")"
    row "QEMU start → Linux's first line (ms, wall)" "$(cells s "linux$ic.first_ms")"
    row "Xen's '*** Serial input' line → Linux's first line (ms, wall)" "$(cells s "linux$ic.since_ms")"
    row "QEMU start → Linux's init starts (ms, wall)" "$(cells s "linux$ic.init_ms")"
    row "Linux's printk clock at 'Run /init' (ms, guest)" "$(cells s "linux$ic.printk_init_ms")"
    row "ratio Linux / ours: first line, from QEMU start" "$(cells lin_ratio "linux$ic.first_ms" "wall$ic.first_ms")"
    row "ratio Linux / ours: first line, from Xen's first line" "$(cells lin_ratio_after_xen first_ms first_ms "$ic")"
    row "ratio Linux / ours: first line, from Xen's '*** Serial input' (target ≥ 50)" "$(cells lin_ratio "linux$ic.since_ms" "wall$ic.since_ms")"
    row "ratio Linux init / our app main, from QEMU start" "$(cells lin_ratio "linux$ic.init_ms" "wall$ic.main_ms")"
    row "ratio Linux init / our app main, from Xen's first line" "$(cells lin_ratio_after_xen init_ms main_ms "$ic")"
    row "ratio Linux printk at init / our app main (guest clocks)" "$(cells guest_ratio "$ic")"
done
row "**3. Footprint**" ""
size_bin=$(stat -c %s "$image")
all_gics() { # VALUE: the same value in every GIC column
    local g c=()
    for g in $gics; do c+=("$1"); done
    local IFS='|'
    echo "${c[*]}"
}
row "zephyr.bin (bytes)" "$(all_gics "$size_bin ($(awk -v b="$size_bin" 'BEGIN { printf "%.1f", b / 1024 }') KiB)")"
while read -r dir t d b; do
    note=''
    [ "$dir" != libfdt.a ] || note=" (whole archive; the image links part of it)"
    row "text / data / bss: $dir$note" "$(all_gics "$t / $d / $b")"
done < <(footprint)
if [ -f "$top/build/zephyr.elf" ]; then
    row "text / data / bss: linked build/zephyr.elf" "$(all_gics "$(aarch64-linux-gnu-size \
        "$top/build/zephyr.elf" | awk 'NR == 2 { print $1 " / " $2 " / " $3 }')")"
fi
row "smallest domU memory= running the sample (MB)" "$(cells mem_cell)"
for ic in 1 0; do
    if [ "$ic" = 1 ]; then cfg="icount, -smp 1"; else cfg="no icount, -smp 2"; fi
    row "**4. Xen I/O costs, ticks per operation ($cfg)**" ""
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

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
qemu_version=$(qemu-system-aarch64 --version | head -n 1)
commit=$(git -C "$top" rev-parse --short HEAD 2>/dev/null || echo unknown)
git -C "$top" diff --quiet HEAD 2>/dev/null || commit+=" (working tree differs)"
elapsed=$(($(date +%s) - started))
{
    echo "# Osprey benchmarks"
    echo
    echo "- Command: \`$command_line\`, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $commit, took ${elapsed}s"
    echo "- Machine: $(nproc) CPUs, $cpu; $qemu_version, TCG (no KVM): every time is"
    echo "  **TCG-emulated**, not what hardware would show. Load average at the end:"
    echo "  $(cut -d' ' -f1-3 /proc/loadavg); the cores are shared with other jobs, so wall"
    echo "  times and non-icount ticks are noisy."
    echo "- Xen 4.17 (Debian, release build) in QEMU virt, cortex-a57, -m 2G, Xen args"
    echo "  \`bootscrub=0 guest_loglvl=all\`. Boot figures: the image as a dom0less domU"
    echo "  with vpl011 and 256 MB, the sample app; Linux: the same domU with Debian's"
    echo "  linux-image-$linux_abi-arm64, \`$linux_args\`, a 1-file initramfs."
    echo "- Each cell: median of $runs runs [min-max across runs]; one value when all"
    echo "  runs agree. Guest ticks are CNTVCT at $(med "${gics%% *}" boot1.freq) Hz."
    echo "  I/O rows: each run's median over 1000 (grants: 200) operations, from"
    echo "  app=bench (dom0 and a vpl011 domU) and app=xen-peer bench=1 rounds=1000."
    echo "- icount rows are deterministic (1 instruction per ns); no-icount guest ticks"
    echo "  follow the host clock, so they include TCG translation and, for a guest that"
    echo "  waits in WFI (the event-channel round trip), the host's latency in running"
    echo "  QEMU's vCPU thread again: with other jobs on the cores, that dominates."
    echo
    header="| Figure |" rule="|---|"
    for g in $gics; do header+=" GICv$g |"; rule+="---|"; done
    echo "$header"
    echo "$rule"
    for r in "${rows[@]}"; do
        label=${r%%$'\t'*} cellv=${r#*$'\t'}
        if [ -z "$cellv" ]; then
            line="| $label |"
            for g in $gics; do line+=" |"; done
        else
            line="| $label | ${cellv//|/ | } |"
        fi
        echo "$line"
    done
    if [ ${#failures[@]} -gt 0 ]; then
        echo
        echo "Failed runs (left out of the figures):"
        printf -- '- %s\n' "${failures[@]}"
    fi
} >"$out/results.md"
cat "$out/results.md"
rm -rf "$work"
