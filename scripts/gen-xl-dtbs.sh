#!/usr/bin/env bash
# Regenerate tests/data/xl/*.dtb: the DTBs libxl (Xen 4.17's xl toolstack,
# in a real Linux dom0) builds for a guest created from the seed's config,
# on a GICv2 and a GICv3 host, with and without vuart="sbsa_uart".
#
# Usage: scripts/gen-xl-dtbs.sh [OUTDIR]   (default tests/data/xl, or
#        tests/data/xl-4.20 with XEN_VERSION=4.20: Xen 4.20's libxl)
# It runs tests/boot/xl.sh (two QEMU boots, one at a time, about 45 s): in
# dom0, `LIBXL_DEBUG_DUMP_DTB=FILE xl create ...` writes each DTB, which dom0
# prints in hex and the host rebuilds and checks with
# tests/tools/dtbdump/undump.sh.  Needs build/zephyr.bin, the test guests
# and build/host/dtb-probe (`make all guests tools`); the DTBs do not
# depend on them.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
out=$top/tests/data/xl
[ "${XEN_VERSION:-4.17}" = 4.17 ] || out+=-$XEN_VERSION
out=${1:-$out}
files=(gicv2.dtb gicv2-vuart.dtb gicv3.dtb gicv3-vuart.dtb)

work=$(mktemp -d "${TMPDIR:-/tmp}/gen-xl-dtbs.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/dtbs" "$out"
# xl.sh compares with the stored files: a difference is expected here.
XL_DTB_OUT=$work/dtbs BOOT_LOGS=$work/logs GUEST_DIR=$top/build/tests/guest \
    "$top/tests/boot/xl.sh" "$top/build/zephyr.bin" "$work/xl" >"$work/xl.out" 2>&1 || true
for f in "${files[@]}"; do
    if [ ! -s "$work/dtbs/$f" ]; then
        cat "$work/xl.out" >&2
        echo "gen-xl-dtbs.sh: no $f from tests/boot/xl.sh (its output is above)" >&2
        exit 1
    fi
    # Both decoders must accept it.
    dtc -q -I dtb -O dts -o /dev/null "$work/dtbs/$f"
    fdtdump "$work/dtbs/$f" >/dev/null 2>&1
done
for f in "${files[@]}"; do
    cp "$work/dtbs/$f" "$out/$f"
    echo "$out/$f: $(stat -c %s "$out/$f") bytes"
done
