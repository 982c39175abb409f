#!/usr/bin/env bash
# smp.sh [IMAGE]: what a second CPU costs and gives, in one run on one
# host.  IMAGE (default $GUEST_DIR/bench.bin, the test guest of make
# guests) runs app=bench-smp (tests/guest/bench/smp.c) on 2 CPUs in each
# setup, one boot after another:
#   bare QEMU -smp 2 on GICv2 and on GICv3;
#   a dom0less domU with cpus=2 and vpl011 (no dom0) under Xen
#   XEN_VERSION (default 4.20) on a -smp 2 QEMU host, GICv2 and GICv3.
# Every QEMU runs TCG with MTTCG asked for explicitly (-accel
# tcg,thread=multi: each vCPU its own host thread), so the speedup is real
# parallelism of the host's cores.  The guest measures, with its virtual
# counter:
#   a semaphore round trip between two threads on one CPU, and with the
#   partner pinned to the other CPU (median of 1000 each);
#   from a semaphore given on CPU 0 to the thread it wakes running on the
#   idle CPU 1 (median of 1000);
#   a CPU-bound job on one thread, then split over a thread pinned to each
#   CPU: the speedup.
#
# The table goes to $BENCH_OUT/smp.md, each boot's figures to
# $BENCH_OUT/smp.tsv, its console log to $BENCH_OUT/smp-logs/SETUP-RUN.log.
# A boot that did not give every figure is named with the reason in the
# table's notes and on stderr, and the script exits 1; a cell no boot gave
# is n/a.
#
# Env: GIC            setups' GIC versions (default "2 3")
#      SMP_RUNS       boots per setup (default 5); a cell is the
#                     median of the boots' figures, [min-max] their spread
#      SMP_TIMEOUT    seconds per boot (default 120)
#      XEN_VERSION    Xen of the domU setups: 4.17 or 4.20 (default 4.20)
#      BENCH_OUT      output directory (default build/bench)
#      BENCH_COMMAND  how the run was started, for the table's header
# Start it under flock /tmp/osprey-qemu.lock like every QEMU job.
set -euo pipefail
export LC_ALL=C
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
die() { echo "smp.sh: $*" >&2; exit 2; }

image=${1:-${GUEST_DIR:-$top/build/tests/guest}/bench.bin}
gics=${GIC:-2 3}
runs=${SMP_RUNS:-5}
limit=${SMP_TIMEOUT:-120}
xen_version=${XEN_VERSION:-4.20}
out=${BENCH_OUT:-$top/build/bench}
command_line=${BENCH_COMMAND:-scripts/bench/smp.sh${*:+ $*}}
[ -f "$image" ] || die "no image $image (make guests)"
for v in "$runs" "$limit"; do
    [[ $v =~ ^[1-9][0-9]*$ ]] || die "SMP_RUNS and SMP_TIMEOUT must be positive whole numbers"
done
for g in $gics; do [[ $g =~ ^[23]$ ]] || die "GIC must be 2, 3 or \"2 3\""; done

# shellcheck source=scripts/qemu.sh
. "$top/scripts/qemu.sh"
# shellcheck source=scripts/bench/common.sh
. "$here/common.sh"

work=$out/smp-work logs=$out/smp-logs raw=$out/smp.tsv table=$out/smp.md
rm -rf "$work" "$logs"
mkdir -p "$work" "$logs"
: >"$raw"
# One snapshot: others may rebuild meanwhile, and the host DTBs carry the
# image's exact size.
cp "$image" "$work/bench.bin"
xen=$(XEN_VERSION=$xen_version "$top/scripts/xen/fetch.sh") ||
    die "scripts/xen/fetch.sh failed"

# MTTCG is QEMU's default for this guest on an x86 host; asked for here so
# that the table can say so whatever the QEMU.
mttcg=(-accel "tcg,thread=multi")
bootargs=app=bench-smp
# What ends a boot early: our panic, the app giving up, a crashed domain.
fail_re='PANIC: |bench: .*(needs 2 CPUs|cannot start)|crashed on cpu'

trap qemu_stop EXIT
trap 'qemu_stop; echo "smp.sh: interrupted" >&2; exit 130' INT TERM HUP

# finished LOG: the app's last line, or a failure.
finished() { grep -Eq "bench: done|$fail_re" "$1"; }

# bare GIC LOG: the image on QEMU's virt machine with 2 CPUs; it powers
# off once the app returns.
bare() {
    local boot_args
    mapfile -t boot_args < <(qemu_machine "$1" off 512M 2)
    qemu_start "$limit" "$2" "${boot_args[@]}" "${mttcg[@]}" \
        -kernel "$work/bench.bin" -append "$bootargs"
    qemu_wait "$limit" finished "$2" || true
}

# xen GIC LOG: the image as a dom0less domU with 2 vCPUs on a 2-pCPU host.
xen() {
    local dtb=$work/xen-gicv$1.dtb
    [ -f "$dtb" ] || "$top/scripts/xen/host-dtb.sh" --gic "$1" \
        --xen-args guest_loglvl=all \
        --domu "$work/bench.bin:0x49000000:131072:cpus=2:vpl011:bootargs=$bootargs" \
        -o "$dtb" || die "scripts/xen/host-dtb.sh failed"
    "$top/scripts/xen/boot.sh" --xen "$xen" --dtb "$dtb" --log "$2" \
        --timeout "$limit" --wait 'bench: done' --fail "$fail_re" \
        -- "${mttcg[@]}" >"$2.err" 2>&1 || true
}

# figures LOG: "KEY VALUE" lines from the app's lines in LOG: same, cross
# and wake in µs (the guest's own ns / 1000), ratio (cross / same, from the
# ticks), speedup; nothing for a line that is missing.  The parallel line
# counts only when the job ran on 2 CPUs with 2 threads.
figures() {
    awk '{ sub(/^.*bench: /, "bench: ") }
        $1 == "bench:" && $3 == "median" {
            for (i = 4; i < NF; i++) if ($(i + 1) == "ns") ns = $i
            us[$2] = ns / 1000; ticks[$2] = $4
        }
        $1 == "bench:" && $2 == "parallel" && $4 == 2 && $6 == 2 {
            for (i = 2; i < NF; i++) if ($i == "speedup-x1000") x = $(i + 1)
            if (x != "") speedup = x / 1000
        }
        END {
            if ("sem-same-cpu" in us) print "same", us["sem-same-cpu"]
            if ("sem-cross-cpu" in us) print "cross", us["sem-cross-cpu"]
            if (ticks["sem-same-cpu"] > 0 && ticks["sem-cross-cpu"] != "")
                printf "ratio %.3f\n", ticks["sem-cross-cpu"] / ticks["sem-same-cpu"]
            if ("wake-idle-cpu" in us) print "wake", us["wake-idle-cpu"]
            if (speedup != "") print "speedup", speedup
        }' "$1"
}

problems=()
# measure SETUP RUN: one boot of SETUP (bare2, xen3, ...), its figures
# recorded under SETUP in $raw.
measure() {
    local setup=$1 log=$logs/$1-$2.log key value n=0 why=''
    echo "smp.sh: $setup, boot $2 of $runs (at most ${limit}s)" >&2
    case $setup in
    bare?) bare "${setup#bare}" "$log" ;;
    xen?) xen "${setup#xen}" "$log" ;;
    esac
    # Xen's console ends its lines with CR LF; a boot that never started
    # has no log.
    [ -f "$log" ] || : >"$log"
    sed -i 's/\r*$//' "$log"
    while read -r key value; do
        put "$setup" "$key" "$value"
        n=$((n + 1))
    done < <(figures "$log")
    if ! grep -q 'bench: done' "$log"; then
        why=$(grep -Em 1 "$fail_re" "$log" || true)
        [ -n "$why" ] || why="no 'bench: done' within ${limit}s"
        # scripts/xen/boot.sh's own verdict, if it gave one.
        [ ! -f "$log.err" ] ||
            why+=$(grep -m 1 '^boot\.sh: ' "$log.err" | sed 's/^/; /' || true)
    elif [ "$n" -ne 5 ]; then
        why="$((5 - n)) of the 5 figures missing from its lines"
    fi
    if [ -n "$why" ]; then
        problems+=("$setup boot $2: $why (${log#"$top/"})")
        echo "smp.sh: $setup boot $2 failed: $why; see $log" >&2
    fi
}

setups=()
for g in $gics; do setups+=("bare$g"); done
for g in $gics; do setups+=("xen$g"); done
started=$(date +%s) load_start=$(cut -d' ' -f1-3 /proc/loadavg)
# Interleaved, so that a burst of host load spreads over every setup.
for ((r = 1; r <= runs; r++)); do
    for s in "${setups[@]}"; do measure "$s" "$r"; done
done
elapsed=$(($(date +%s) - started))

label() { # SETUP: its column's title
    case $1 in
    bare?) echo "bare QEMU, GICv${1#bare}" ;;
    xen?) echo "Xen $xen_version domU, GICv${1#xen}" ;;
    esac
}
row() { # LABEL KEY: one row, a cell per setup
    local s line="| $1 |"
    for s in "${setups[@]}"; do line+=" $(cell "$s" "$2") |"; done
    echo "$line"
}

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
qemu_version=$("$QEMU" --version | head -n 1)
commit=$(git -C "$top" rev-parse --short HEAD 2>/dev/null || echo unknown)
git -C "$top" diff --quiet HEAD 2>/dev/null || commit+=" (working tree differs)"
# Xen's scheduler, as its boot log names it ("Using scheduler: ...").
sched=$(cat "$logs"/xen*-1.log 2>/dev/null |
    sed -n 's/^(XEN) Using scheduler: .*(\([a-z0-9_]*\)).*$/\1/p' | head -n 1 || true)
{
    echo "# Osprey on several CPUs"
    echo
    echo "- Command: \`$command_line\`, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $commit, took ${elapsed}s"
    echo "- Host: $(nproc) cores ($cpu), load average $load_start at the start,"
    echo "  $(cut -d' ' -f1-3 /proc/loadavg) at the end. $qemu_version, TCG (no KVM) with"
    echo "  MTTCG (\`-accel tcg,thread=multi\`): each vCPU is a host thread."
    echo "- Every setup has 2 vCPUs: bare QEMU \`-smp 2\` (512M), or a dom0less domU"
    echo "  with \`cpus=2\`, vpl011 and 128 MB, no dom0, on Xen $xen_version in a"
    echo "  \`-smp 2\` QEMU host (2 pCPUs, scheduler ${sched:-unknown}). So 2 vCPU threads share the"
    echo "  host's cores with QEMU's own I/O thread (and with anything else the host"
    echo "  runs): a ceiling on the speedup below 2."
    echo "- The guest: \`${image#"$top/"}\` with \`$bootargs\` (tests/guest/bench/smp.c)."
    echo "  Round trips and wakes: the median of 1000, timed with the guest's virtual"
    echo "  counter. The job: 64M steps of a recurrence on one thread, then split"
    echo "  over one thread pinned to each CPU; speedup = one / both."
    echo "- Each cell: $( [ "$runs" = 1 ] && echo "one boot" ||
        echo "the median of $runs boots [min-max]")."
    echo "  **Every time is TCG-emulated**: compare the ratios, not the µs."
    echo
    header="| Figure |" rule="|---|"
    for s in "${setups[@]}"; do header+=" $(label "$s") |"; rule+="---|"; done
    echo "$header"
    echo "$rule"
    row "semaphore round trip, both threads on one CPU (µs)" same
    row "semaphore round trip, across two CPUs (µs)" cross
    row "across / on one CPU (×)" ratio
    row "waking an idle CPU: the IPI, the exception and the switch there (µs)" wake
    row "parallel job, 2 CPUs against 1 (speedup, ×)" speedup
    echo
    if [ ${#problems[@]} -gt 0 ]; then
        echo "**Boots that did not give every figure** (n/a above):"
        echo
        printf -- '- %s\n' "${problems[@]}"
        echo
    fi
    echo "The guests' lines:"
    echo
    echo '```'
    for s in "${setups[@]}"; do
        for ((r = 1; r <= runs; r++)); do
            sed -n 's/^.*\(bench: \)/\1/p' "$logs/$s-$r.log" | grep -v 'bench: done' |
                sed "s/^/$s-$r: /"
        done
    done
    echo '```'
    echo
    echo "Console logs: ${logs#"$top/"}/SETUP-RUN.log."
} >"$table"
cat "$table"
rm -rf "$work"
[ ${#problems[@]} -eq 0 ] || exit 1
