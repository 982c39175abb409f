#!/usr/bin/env bash
# Build the host DTB for Xen with the Linux dom0 of scripts/dom0/build.sh,
# whose /init runs DIR's test/run.sh (see scripts/dom0/init): DIR's files
# go into a second initramfs archive appended to dom0's, so that changing
# a test or the guest image never rebuilds the dom0.
#
# Usage: scripts/dom0/host-dtb.sh --gic 2|3 --test DIR [--xen-args ARGS]
#        [--mem SIZE] [--domu SPEC]... -o OUT.dtb
# --mem is the host's RAM (QEMU -m, default 2G); dom0 keeps 512M of it.
# --domu adds a dom0less guest next to dom0, as scripts/xen/host-dtb.sh's
# --domu (repeatable).
# Writes OUT.dtb, OUT.dtb.boot (scripts/qemu.sh reads it) and the
# initramfs OUT.dtb.initrd.gz.  Prints nothing; exits non-zero on failure.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
die() { echo "dom0/host-dtb.sh: $*" >&2; exit 2; }
gic=3 dir='' out='' xen_args='' mem=2G domus=()
while [ $# -gt 0 ]; do
    [ $# -ge 2 ] || die "$1 needs a value"
    case $1 in
    --gic) gic=$2 ;;
    --test) dir=$2 ;;
    --xen-args) xen_args=$2 ;;
    --mem) mem=$2 ;;
    --domu) domus+=(--domu "$2") ;;
    -o) out=$2 ;;
    *) die "unknown option $1" ;;
    esac
    shift 2
done
{ [ -d "$dir" ] && [ -n "$out" ]; } || die "usage: $0 --gic N --test DIR -o OUT.dtb"
dom0=$("$here/build.sh")
initrd=$out.initrd.gz
# Linux unpacks concatenated archives in turn; build.sh padded the first
# to 4 bytes.
{ cat "$dom0/initramfs.cpio.gz"
  (cd "$dir" && find . -mindepth 1 | LC_ALL=C sort |
      cpio -o -H newc -R 0:0 --quiet) | gzip -n
} >"$initrd"
# guest_loglvl=all: a release Xen drops guests' console_io otherwise.
"$here/../xen/host-dtb.sh" --gic "$gic" --mem "$mem" --dom0 "$dom0/Image" \
    --dom0-ramdisk "$initrd:0x54000000" \
    --dom0-args "console=hvc0 rdinit=/init" --dom0-mem 512M \
    --xen-args "dom0_max_vcpus=1 guest_loglvl=all${xen_args:+ $xen_args}" \
    "${domus[@]}" -o "$out"
# A fixed seed, so dom0's RNG is ready at once: without it the first
# `xl create` blocks ~4 s in getrandom() (libuuid) until the CRNG is
# initialised.  Not a secret: this is a throwaway test host.
fdtput -t x "$out" /chosen rng-seed 6f737072 65792d74 6573742d \
    686f7374 2d726e67 2d736565 642d3031 32333435
