#!/usr/bin/env bash
# fetch-lua.sh: Lua 5.4's source from Debian 13's `lua5.4` source package,
# with Debian's patches applied (dpkg-source -x), into
# $XENGUEST_CACHE/lua5.4.  samples/lua builds Lua's own files from there,
# unchanged (samples/lua/app.mk); no Lua code is ever committed here.
# Debian's patch 0002 makes luaconf.h include lua5.4-deb-multiarch.h,
# which debian/rules writes before building: this script writes it the
# same way, for the architecture Lua runs on here (arm64).
# Idempotent: a stamp naming the unpacked version marks a finished unpack;
# an interrupted one is redone.  Prints the directory.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cache=${XENGUEST_CACHE:-$HOME/.cache/xenguest}
dest=$cache/lua5.4
stamp=$dest/.osprey-unpacked
multiarch=aarch64-linux-gnu
die() { echo "fetch-lua.sh: $*" >&2; exit 1; }

if [ -f "$stamp" ] && [ -f "$dest/src/lua.c" ]; then
    echo "$dest"
    exit 0
fi
command -v dpkg-source >/dev/null || die "dpkg-source missing: run scripts/setup.sh"
mkdir -p "$cache"
work=$(mktemp -d "$cache/lua-fetch.XXXXXX")
trap 'rm -rf "$work"' EXIT
(cd "$work" && "$here/apt-trixie.sh" source --download-only lua5.4 >&2)
dsc=$(find "$work" -maxdepth 1 -name 'lua5.4_*.dsc' | head -n 1)
[ -n "$dsc" ] || die "apt-get source left no lua5.4_*.dsc"
# The archive's signature is checked by apt (the Release file); the .dsc's
# own is by a maintainer key we do not carry, hence --no-check.
(cd "$work" && dpkg-source --no-check -x "$dsc" unpacked >&2)
[ -f "$work/unpacked/src/lua.c" ] || die "unexpected layout in $dsc"
# As debian/rules' override_dh_auto_configure writes it.
printf '%s\n' '#ifndef _LUA_DEB_MULTIARCH_' '#define _LUA_DEB_MULTIARCH_' \
    "#define DEB_HOST_MULTIARCH \"$multiarch\"" '#endif' \
    >"$work/unpacked/src/lua5.4-deb-multiarch.h"
version=$(sed -n 's/^Version: //p' "$dsc")
rm -rf "$dest"
mv "$work/unpacked" "$dest"
echo "$version" >"$stamp"
echo "fetch-lua.sh: Lua $version in $dest" >&2
echo "$dest"
