#!/usr/bin/env bash
# fetch-arm64.sh [--root NAME] PKG...: download Debian arm64 packages and
# unpack them under $XENGUEST_CACHE/arm64root (default ~/.cache/xenguest),
# printing that directory.  Nothing is installed system-wide: an arm64
# package installed on an x86 host would drag in a foreign dependency chain.
# Idempotent and offline once a package is unpacked (a stamp marks it).
# --root NAME unpacks into $XENGUEST_CACHE/NAME instead, with its own
# stamps (the .debs are shared): e.g. a dom0 root file system kept apart
# from the build's packages.
set -euo pipefail
cache=${XENGUEST_CACHE:-$HOME/.cache/xenguest}
root=$cache/arm64root stamps=$cache/stamps
die() { echo "fetch-arm64.sh: $*" >&2; exit 1; }
if [ "${1:-}" = --root ]; then
    [[ ${2:-} =~ ^[A-Za-z0-9][A-Za-z0-9._-]*$ ]] || die "--root needs a plain NAME"
    root=$cache/$2 stamps=$cache/stamps/$2
    shift 2
fi
sudo=
[ "$(id -u)" -eq 0 ] || sudo=sudo
mkdir -p "$cache/debs" "$stamps" "$root"

fetch_one() {
    local pkg=$1 deb dl
    deb=$(find "$cache/debs" -maxdepth 1 -name "${pkg}_*_arm64.deb" | sort | tail -n 1)
    if [ -z "$deb" ]; then
        command -v apt-get >/dev/null || die "apt-get not found: needs Debian"
        if ! dpkg --print-foreign-architectures | grep -qx arm64; then
            $sudo dpkg --add-architecture arm64
            $sudo apt-get update -q >&2
        fi
        # As root, apt-get download drops to _apt, which must own the
        # directory it writes (root's home is mode 700).
        dl=$(mktemp -d)
        if [ "$(id -u)" -eq 0 ] && id _apt >/dev/null 2>&1; then
            chown _apt "$dl"
        fi
        # apt-get update only when needed: it is slow even when current.
        if ! (cd "$dl" && apt-get download -q "$pkg:arm64") >&2; then
            $sudo apt-get update -q >&2
            (cd "$dl" && apt-get download -q "$pkg:arm64") >&2 ||
                { rm -rf "$dl"; die "cannot download $pkg:arm64"; }
        fi
        deb=$(find "$dl" -maxdepth 1 -name "${pkg}_*_arm64.deb" | head -n 1)
        [ -n "$deb" ] || die "apt-get download produced no .deb for $pkg"
        mv "$deb" "$cache/debs/"
        rm -rf "$dl"
        deb=$cache/debs/${deb##*/}
    fi
    dpkg-deb -x "$deb" "$root"
    # Written last: its presence means the unpack completed.
    echo "${deb##*/}" >"$stamps/$pkg"
}

for pkg in "$@"; do
    [ -s "$stamps/$pkg" ] || fetch_one "$pkg"
done
echo "$root"
