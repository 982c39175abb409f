#!/usr/bin/env bash
# Regenerate tests/data/xen/*.dtb: the DTBs Xen 4.17 itself builds for its
# guests, captured by booting tests/tools/dtbdump as each guest under real
# Xen in QEMU. The kernel's DT probe is unit-tested against them.  With
# XEN_VERSION=4.20, Xen 4.20's, in tests/data/xen-4.20 (tests/boot/xen.sh
# reads the set of the version it boots).
#
# Usage: scripts/gen-xen-dtbs.sh [OUTDIR]   (default tests/data/xen, or
#        tests/data/xen-4.20 for XEN_VERSION=4.20)
# Env:   CROSS (default aarch64-linux-gnu-), XENGUEST_CACHE and XEN_VERSION
#        (see fetch.sh),
#        KEEP=1 to keep the work dir (logs, host DTBs) even on success.
# One QEMU at a time, each under a hard time limit; about 10 s in all.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
version=${XEN_VERSION:-4.17}
out=$top/tests/data/xen
[ "$version" = 4.17 ] || out+=-$version
out=${1:-$out}
cross=${CROSS:-aarch64-linux-gnu-}
xen_dir=$top/scripts/xen
dump_dir=$top/tests/tools/dtbdump

work=$(mktemp -d "${TMPDIR:-/tmp}/gen-xen-dtbs.XXXXXX")
cleanup() {
    if [ "${KEEP:-0}" = 1 ] || [ "${ok:-0}" != 1 ]; then
        echo "gen-xen-dtbs.sh: work dir kept: $work" >&2
    else
        rm -rf "$work"
    fi
}
trap cleanup EXIT

# The dumper is tiny and built here, so the data never depends on a stale
# build tree.
dumper=$work/dtbdump.bin
"${cross}gcc" -c -o "$work/dtbdump.o" "$dump_dir/dtbdump.S"
"${cross}ld" -Ttext=0 -e _start --build-id=none -o "$work/dtbdump.elf" "$work/dtbdump.o"
"${cross}objcopy" -O binary "$work/dtbdump.elf" "$dumper"
[ "$(od -An -j56 -N4 -c "$dumper" | tr -d ' ')" = 'ARMd' ] ||
    { echo "gen-xen-dtbs.sh: $dumper lacks the arm64 Image magic" >&2; exit 1; }

xen=$("$xen_dir/fetch.sh")
mkdir -p "$out"

# Guest console_io lines are debug-level guest messages, which a release
# Xen drops unless guest_loglvl lets them through (and it rate-limits
# anything between its two thresholds, so allow all).
xen_args=guest_loglvl=all
domu_addr=0x49000000

# capture NAME GIC DOMID HOST-DTB-ARGS...: boot, then rebuild the DTB that
# domain DOMID printed into $out/NAME.dtb.
capture() {
    local name=$1 gic=$2 domid=$3 wait
    shift 3
    echo "gen-xen-dtbs.sh: $name" >&2
    "$xen_dir/host-dtb.sh" --gic "$gic" --xen-args "$xen_args" "$@" \
        -o "$work/$name.host.dtb"
    wait='^DTB-END'
    [ "$domid" -eq 0 ] || wait="^\\(d$domid\\) DTB-END"
    "$xen_dir/boot.sh" --xen "$xen" --dtb "$work/$name.host.dtb" \
        --log "$work/$name.log" --timeout 60 --wait "$wait" \
        --fail 'DTB-ERROR'
    "$dump_dir/undump.sh" "$work/$name.log" "$domid" "$work/$name.dtb"
    # Both decoders must accept it: dtc checks the structure, fdtdump walks
    # the blocks against the header's offsets.
    dtc -q -I dtb -O dts -o /dev/null "$work/$name.dtb"
    fdtdump "$work/$name.dtb" >/dev/null 2>&1
    mv "$work/$name.dtb" "$out/$name.dtb"
}

for v in 2 3; do
    # (a, b) a plain dom0less domU, 128 MiB, no bootargs.
    capture "domu-gicv$v" "$v" 1 --domu "$dumper:$domu_addr:131072"
    # (c) with the emulated SBSA UART, and a command line.
    capture "domu-gicv$v-vpl011" "$v" 1 \
        --domu "$dumper:$domu_addr:131072:vpl011:bootargs=console=ttyAMA0"
    # (d) xen,enhanced needs a dom0; the dumper is both guests here.
    capture "domu-enhanced-gicv$v" "$v" 1 --dom0 "$dumper" \
        --dom0-args "console=hvc0" \
        --domu "$dumper:$domu_addr:131072:enhanced:bootargs=console=hvc0"
    # (e) dom0 alone: Xen rewrites the host DTB for it.
    capture "dom0-gicv$v" "$v" 0 --dom0 "$dumper" --dom0-args "console=hvc0"
done
# A small guest: the DTB moves with the end of RAM.
capture domu-16m-gicv3 3 1 --domu "$dumper:$domu_addr:16384"

ok=1
echo "gen-xen-dtbs.sh: wrote $(find "$out" -name '*.dtb' | wc -l) DTBs to $out" >&2
