#!/usr/bin/env bash
# qemu-xen.sh [--gic 2|3] [--dom0] [--work DIR] IMAGE
# Boot IMAGE under Xen 4.17 (or XEN_VERSION=4.20) in QEMU, interactively,
# the way `make run` does: as a dom0less domU with vpl011 (Xen shows its
# lines as "(XEN) DOM1: ...", 4.20 as "(XEN) ..."),
# or with --dom0 as dom0 (console_io, lines shown as they are).  The host
# DTB is rebuilt in DIR (default build/run) on every run, so that its module
# size matches IMAGE.  Ctrl-a x quits QEMU.  QEMU_DRY_RUN=1: print the
# QEMU command line instead of running it.
set -euo pipefail
# shellcheck source=scripts/qemu.sh
. "$(dirname "$0")/../../scripts/qemu.sh"
xen_dir=$(cd "$(dirname "$0")/../../scripts/xen" && pwd)
gic=3 dom0='' work=build/run
while [ $# -gt 1 ]; do
    case $1 in
    --gic) gic=$2; shift 2 ;;
    --dom0) dom0=1; shift ;;
    --work) work=$2; shift 2 ;;
    *) echo "qemu-xen.sh: unknown option $1" >&2; exit 2 ;;
    esac
done
[ $# -eq 1 ] || { echo "usage: $0 [--gic 2|3] [--dom0] [--work DIR] IMAGE" >&2; exit 2; }
mkdir -p "$work"
# A copy, so that a rebuild while QEMU runs cannot disagree with the DTB.
cp "$1" "$work/image.bin"
image=$work/image.bin dtb=$work/host.dtb

# guest_loglvl=all: a release Xen drops a domU's console_io output otherwise.
if [ -n "$dom0" ]; then
    guest=(--dom0 "$image" --dom0-args console=hvc0)
else
    guest=(--domu "$image:0x49000000:131072:vpl011:bootargs=console=ttyAMA0")
fi
"$xen_dir/host-dtb.sh" --gic "$gic" --xen-args guest_loglvl=all "${guest[@]}" -o "$dtb"
xen=$("$xen_dir/fetch.sh")

# The machine and modules are the ones host-dtb.sh recorded in DTB.boot.
mapfile -t args < <(qemu_xen "$xen" "$dtb")
echo "qemu-xen.sh: Xen ${XEN_VERSION:-4.17}, GICv$gic, $([ -n "$dom0" ] && echo dom0 ||
    echo 'dom0less domU with vpl011'); Ctrl-a x quits" >&2
qemu_exec "${args[@]}"
