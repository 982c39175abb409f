#!/usr/bin/env bash
# Make sure Debian's arm64 Xen 4.17 hypervisor is unpacked in the cache
# (see scripts/fetch-deb.sh) and print the path of its Image, which
# QEMU's -kernel boots directly.
set -euo pipefail
root=$("$(dirname "$0")/../fetch-deb.sh" xen-hypervisor-4.17-arm64)
image=$root/boot/xen-4.17-arm64
[ -s "$image" ] || { echo "xen/fetch.sh: $image missing" >&2; exit 1; }
echo "$image"
