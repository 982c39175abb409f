#!/usr/bin/env bash
# Make sure Debian's arm64 Xen hypervisor is unpacked in the cache (see
# scripts/fetch-deb.sh) and print the path of its Image, which QEMU's
# -kernel boots directly.
# Env: XEN_VERSION=4.17 (default: Debian 12's) or 4.20 (Debian 13's,
#      through scripts/apt-trixie.sh, unpacked into its own root).
set -euo pipefail
here=$(dirname "$0")
version=${XEN_VERSION:-4.17}
case $version in
4.17) root=$("$here/../fetch-deb.sh" xen-hypervisor-4.17-arm64) ;;
4.20) root=$("$here/../fetch-deb.sh" --suite trixie --root xen-4.20 \
          xen-hypervisor-4.20-arm64) ;;
*) echo "xen/fetch.sh: XEN_VERSION must be 4.17 or 4.20, not '$version'" >&2
   exit 2 ;;
esac
image=$root/boot/xen-$version-arm64
[ -s "$image" ] || { echo "xen/fetch.sh: $image missing" >&2; exit 1; }
echo "$image"
