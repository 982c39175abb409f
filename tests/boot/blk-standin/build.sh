#!/usr/bin/env bash
# build.sh DIR: a Linux domU that prints the console lines of zephyr.bin's
# shell with blkfront (init here), into DIR for tests/boot/blk.sh's
# BLK_GUEST_FILES: it checks the PV block suite itself before (or
# besides) Osprey's blkfront:
#   tests/boot/blk-standin/build.sh /tmp/standin &&
#   BLK_GUEST_FILES=/tmp/standin BLK_BOOT_TIMEOUT=600 \
#       tests/boot/blk.sh build/zephyr.bin build/tests/blk-standin
# (the platform and stall-reason steps fail: Linux prints no Osprey
# platform lines, nor Osprey's reason for a stop without its flush).
# The kernel, busybox and xen-blkfront come from the dom0's packages
# (scripts/dom0/build.sh, for XEN_VERSION).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
[ $# -eq 1 ] || { echo "usage: $0 DIR" >&2; exit 2; }
out=$1
version=${XEN_VERSION:-4.17}
cache=${XENGUEST_CACHE:-$HOME/.cache/xenguest}
root=$cache/dom0root
[ "$version" = 4.17 ] || root+=-$version
dom0=$("$here/../../../scripts/dom0/build.sh")
# The Image's own modules: the ABI whose directory holds its blkfront.
abi=$(strings "$dom0/Image" | sed -n 's/^Linux version \([^ ]*\).*/\1/p' |
    head -n 1)
ko=$(find "$root" -path "*/modules/$abi/*" -name 'xen-blkfront.ko*' |
    head -n 1)
[ -n "$ko" ] || { echo "blk-standin: no xen-blkfront for $dom0/Image" >&2; exit 1; }
# Debian 12's busybox whatever the kernel: Debian 13's has no cksum.
busybox=$("$here/../../../scripts/fetch-deb.sh" --root dom0root \
    busybox-static)/bin/busybox
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/bin" "$out"
cp "$busybox" "$tmp/bin/busybox"
ln -s busybox "$tmp/bin/sh"
install -m 755 "$here/init" "$tmp/init"
case $ko in
*.xz) xz -dc "$ko" >"$tmp/xen-blkfront.ko" ;;
*) cp "$ko" "$tmp/xen-blkfront.ko" ;;
esac
(cd "$tmp" && find . | cpio -o -H newc -R 0:0 --quiet) | gzip -9n \
    >"$out/linux-initrd.gz"
# Gzipped: xl unpacks it, and dom0's root file system is its RAM.
gzip -9nc "$dom0/Image" >"$out/linux"
cat >"$out/guest.cfg" <<'EOF'
kernel="/test/linux"
ramdisk="/test/linux-initrd.gz"
extra="console=hvc0 rdinit=/init quiet"
memory=256
EOF
echo "$out"
