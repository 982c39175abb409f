#!/usr/bin/env bash
# fetch-arm64.sh PKG... : download Debian arm64 packages and unpack them
# under $XENGUEST_CACHE/arm64root without installing anything system-wide.
# Prints the root directory.  Idempotent: a package already unpacked (its
# .deb is in the cache) is not fetched again.
set -euo pipefail
cache=${XENGUEST_CACHE:-$HOME/.cache/xenguest}
root=$cache/arm64root
mkdir -p "$cache/debs" "$root"
cd "$cache/debs"
for pkg in "$@"; do
    if compgen -G "${pkg}_*_arm64.deb" >/dev/null; then
        continue
    fi
    if ! dpkg --print-foreign-architectures | grep -qx arm64; then
        dpkg --add-architecture arm64
        apt-get update -qq
    fi
    # apt-get download wants a directory its _apt user can write to.
    chmod 0777 "$cache/debs"
    if ! apt-get download -qq "$pkg:arm64" 2>/dev/null; then
        apt-get update -qq
        apt-get download -qq "$pkg:arm64"
    fi
    dpkg-deb -x "$(compgen -G "${pkg}_*_arm64.deb" | head -n 1)" "$root"
done
echo "$root"
