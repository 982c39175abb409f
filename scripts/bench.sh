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
#      GUEST_DIR  the test guests' images (make guests; make bench sets it):
#                 bench.bin and xen-peer.bin run the Xen I/O figures
#
# What is measured, and how:
# - Guest ticks come from the kernel's own lines (init/main.c,
#   tests/guest/bench, tests/guest/xen-peer): CNTVCT ticks at the
#   frequency the boot line gives.
# - Wall times are taken here: each console line is stamped as it arrives
#   (a read loop on a FIFO), relative to the moment just before QEMU is
#   started.  No polling interval enters the figures.
# - "icount" runs use -smp 1 -icount shift=0,sleep=off (one instruction per
#   virtual ns: guest ticks are then deterministic); the others -smp 2 in
#   plain TCG, where guest time follows the host's clock and so includes
#   translation and host load.  With -smp 2, Xen hangs under icount.
# - One QEMU at a time, each under timeout(1) in its own session, killed on
#   every exit path of this script (scripts/qemu.sh).
#
# The measurements are in scripts/bench/: boot.sh (ours as a domU),
# linux.sh (Linux as the same domU), footprint.sh (sizes, smallest memory)
# and xen-io.sh (hypercalls, event channels, grants, consoles), on helpers
# from common.sh.  This driver runs them and writes the table.
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
for g in bench xen-peer; do
    [ -f "${GUEST_DIR:-}/$g.bin" ] || die "no test guest \$GUEST_DIR/$g.bin (make guests)"
done
[[ $runs =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive number"
[[ $limit =~ ^[1-9][0-9]*$ ]] || die "BENCH_TIMEOUT must be whole seconds"
for g in $gics; do [[ $g =~ ^[23]$ ]] || die "GIC must be 2, 3 or \"2 3\""; done

# shellcheck source=scripts/qemu.sh
. "$here/qemu.sh"
# shellcheck source=scripts/bench/common.sh
. "$here/bench/common.sh"
# shellcheck source=scripts/bench/boot.sh
. "$here/bench/boot.sh"
# shellcheck source=scripts/bench/linux.sh
. "$here/bench/linux.sh"
# shellcheck source=scripts/bench/footprint.sh
. "$here/bench/footprint.sh"
# shellcheck source=scripts/bench/xen-io.sh
. "$here/bench/xen-io.sh"

work=$out/work logs=$out/logs raw=$out/raw.tsv
rm -rf "$work" "$logs"
mkdir -p "$work" "$logs"
: >"$raw"
started=$(date +%s)

# One snapshot for the whole run: the DTBs carry the image's exact size
# (Xen copies exactly that much), and others may rebuild meanwhile.
cp "$image" "$work/zephyr.bin"
image=$work/zephyr.bin
cp "$GUEST_DIR/bench.bin" "$GUEST_DIR/xen-peer.bin" "$work/"
xen=$("$here/xen/fetch.sh")
linux_setup

trap bench_stop EXIT
trap 'bench_stop; echo "bench.sh: interrupted" >&2; exit 130' INT TERM HUP

for g in $gics; do
    echo "bench.sh: GICv$g: host DTBs" >&2
    for ic in 1 0; do
        smp=$((ic ? 1 : 2))
        boot_hosts "$g" "$ic" "$smp"
        linux_hosts "$g" "$ic" "$smp"
        io_hosts "$g" "$ic" "$smp"
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

# Sections 1 to 4, in this order.
boot_rows
linux_rows
footprint_rows
io_rows

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
qemu_version=$("$QEMU" --version | head -n 1)
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
