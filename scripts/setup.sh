#!/usr/bin/env bash
# setup.sh: install what building, running and testing need on Debian 12.
# Idempotent: installs only missing packages, runs apt-get update at most
# once, and fetches the packages the build links or boots into the cache
# without installing them: Debian 13's libfdt for the target and for the
# host, Debian 13's picolibc, Debian 12's and 13's arm64 Xen (4.17 and
# 4.20), and Debian 13's lwIP and Lua 5.4 sources (unpacked with their
# patches by fetch-lwip.sh and fetch-lua.sh).
set -euo pipefail
# libc6-dev-arm64-cross: the C library the flood suite's tools
# (tests/tools/flood) link statically for the arm64 dom0; only a
# recommendation of gcc-aarch64-linux-gnu, which --no-install-recommends
# skips.  lua5.4: the host's Lua, whose output tests/boot/lua.sh
# compares samples/lua's with.
packages=(make gcc libc6-dev pkg-config gcc-aarch64-linux-gnu
          binutils-aarch64-linux-gnu libc6-dev-arm64-cross libxen-dev
          qemu-system-arm check device-tree-compiler clang
          libclang-rt-14-dev clang-tidy cppcheck socat cpio xz-utils
          debian-archive-keyring dpkg-dev lua5.4)
sudo=
[ "$(id -u)" -eq 0 ] || sudo=sudo
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
        missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: installing ${missing[*]}" >&2
    $sudo apt-get update -q >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q \
        --no-install-recommends "${missing[@]}" >&2
fi
here=$(dirname "$0")
"$here/fetch-deb.sh" --root libfdt-arm64 --suite trixie libfdt-dev >/dev/null
"$here/fetch-deb.sh" --root "libfdt-$(dpkg --print-architecture)" \
    --suite trixie --arch "$(dpkg --print-architecture)" libfdt-dev >/dev/null
# Architecture: all: the same .deb whatever the host.
"$here/fetch-deb.sh" --root picolibc --suite trixie --arch all \
    picolibc-aarch64-linux-gnu >/dev/null
XEN_VERSION=4.17 "$here/xen/fetch.sh" >/dev/null
XEN_VERSION=4.20 "$here/xen/fetch.sh" >/dev/null
"$here/fetch-lwip.sh" >/dev/null
"$here/fetch-lua.sh" >/dev/null
