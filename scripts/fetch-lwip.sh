#!/usr/bin/env bash
# fetch-lwip.sh: lwIP's source from Debian 13's `lwip` source package, with
# Debian's patches applied (dpkg-source -x), into $XENGUEST_CACHE/lwip.
# The kernel builds lwIP's own files from there (Makefile, LWIP_DIR); no
# lwIP code is ever committed here.  Debian's binary packages are built for
# Linux user space and do not fit a freestanding kernel.
# Idempotent: a stamp naming the unpacked version marks a finished unpack;
# an interrupted one is redone.  Prints the directory.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cache=${XENGUEST_CACHE:-$HOME/.cache/xenguest}
dest=$cache/lwip
stamp=$dest/.osprey-unpacked
die() { echo "fetch-lwip.sh: $*" >&2; exit 1; }

if [ -f "$stamp" ] && [ -d "$dest/src/core" ]; then
    echo "$dest"
    exit 0
fi
command -v dpkg-source >/dev/null || die "dpkg-source missing: run scripts/setup.sh"
work=$(mktemp -d "$cache/lwip-fetch.XXXXXX")
trap 'rm -rf "$work"' EXIT
(cd "$work" && "$here/apt-trixie.sh" source --download-only lwip >&2)
dsc=$(find "$work" -maxdepth 1 -name 'lwip_*.dsc' | head -n 1)
[ -n "$dsc" ] || die "apt-get source left no lwip_*.dsc"
# The archive's signature is checked by apt (the Release file); the .dsc's
# own is by a maintainer key we do not carry, hence --no-check.
(cd "$work" && dpkg-source --no-check -x "$dsc" unpacked >&2)
[ -f "$work/unpacked/src/core/init.c" ] || die "unexpected layout in $dsc"
version=$(sed -n 's/^Version: //p' "$dsc")
rm -rf "$dest"
mv "$work/unpacked" "$dest"
echo "$version" >"$stamp"
echo "fetch-lwip.sh: lwIP $version in $dest" >&2
echo "$dest"
