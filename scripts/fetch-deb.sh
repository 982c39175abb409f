#!/usr/bin/env bash
# fetch-deb.sh [--root NAME] [--suite trixie] [--arch ARCH] PKG...:
# download Debian packages (arm64 unless --arch says otherwise) and unpack
# them under $XENGUEST_CACHE/arm64root (default ~/.cache/xenguest),
# printing that directory.  Nothing is installed system-wide: an arm64
# package installed on an x86 host would drag in a foreign dependency
# chain, and a Debian 13 package does not belong on Debian 12 at all.
# Idempotent and offline once a package is unpacked (a stamp marks it).
# --root NAME unpacks into $XENGUEST_CACHE/NAME instead, with its own
# stamps (the .debs are shared): e.g. a dom0 root file system kept apart
# from the build's packages.
# --suite trixie takes the packages from Debian 13 through the private apt
# configuration of scripts/apt-trixie.sh; the default is the system's own
# (Debian 12) sources.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cache=${XENGUEST_CACHE:-$HOME/.cache/xenguest}
root=$cache/arm64root stamps=$cache/stamps
suite='' arch=arm64
die() { echo "fetch-deb.sh: $*" >&2; exit 1; }
while [ $# -gt 0 ]; do
    case $1 in
    --root)
        [[ ${2:-} =~ ^[A-Za-z0-9][A-Za-z0-9._-]*$ ]] ||
            die "--root needs a plain NAME"
        root=$cache/$2 stamps=$cache/stamps/$2
        shift 2 ;;
    --suite)
        [ "${2:-}" = trixie ] || die "--suite: only trixie is configured"
        suite=$2
        shift 2 ;;
    --arch)
        [[ ${2:-} =~ ^[a-z0-9]+$ ]] || die "--arch needs a Debian architecture"
        arch=$2
        shift 2 ;;
    *) break ;;
    esac
done
sudo=
[ "$(id -u)" -eq 0 ] || sudo=sudo
# Each suite keeps its own .debs: a package's file name does not say
# which release it came from.
debs=$cache/debs${suite:+-$suite}
mkdir -p "$debs" "$stamps" "$root"

download() { # DIR PKG:ARCH
    if [ -n "$suite" ]; then
        (cd "$1" && "$here/apt-trixie.sh" download "$2") >&2
    else
        (cd "$1" && apt-get download -q "$2") >&2
    fi
}

update() {
    if [ -n "$suite" ]; then
        "$here/apt-trixie.sh" update >&2
    else
        $sudo apt-get update -q >&2
    fi
}

fetch_one() {
    local pkg=$1 deb dl
    deb=$(find "$debs" -maxdepth 1 -name "${pkg}_*_$arch.deb" | sort | tail -n 1)
    if [ -z "$deb" ]; then
        command -v apt-get >/dev/null || die "apt-get not found: needs Debian"
        if [ -z "$suite" ] && [ "$arch" != "$(dpkg --print-architecture)" ] &&
            ! dpkg --print-foreign-architectures | grep -qx "$arch"; then
            $sudo dpkg --add-architecture "$arch"
            $sudo apt-get update -q >&2
        fi
        # As root, apt-get download drops to _apt, which must own the
        # directory it writes (root's home is mode 700).
        dl=$(mktemp -d)
        if [ "$(id -u)" -eq 0 ] && id _apt >/dev/null 2>&1; then
            chown _apt "$dl"
        fi
        # apt-get update only when needed: it is slow even when current.
        if ! download "$dl" "$pkg:$arch"; then
            update
            download "$dl" "$pkg:$arch" ||
                { rm -rf "$dl"; die "cannot download $pkg:$arch${suite:+ from $suite}"; }
        fi
        deb=$(find "$dl" -maxdepth 1 -name "${pkg}_*_$arch.deb" | head -n 1)
        [ -n "$deb" ] || die "apt-get download produced no .deb for $pkg"
        mv "$deb" "$debs/"
        rm -rf "$dl"
        deb=$debs/${deb##*/}
    fi
    dpkg-deb -x "$deb" "$root"
    # Written last: its presence means the unpack completed.
    echo "${deb##*/}" >"$stamps/$pkg:$arch"
}

for pkg in "$@"; do
    [ -s "$stamps/$pkg:$arch" ] || fetch_one "$pkg"
done
echo "$root"
