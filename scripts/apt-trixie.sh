#!/usr/bin/env bash
# apt-trixie.sh APT-GET-ARGS...: run apt-get against Debian 13 (trixie)
# through a private configuration in $XENGUEST_CACHE/apt/trixie, for the
# packages Debian 12 does not have (libfdt 1.7, Xen 4.20, lwIP's source).
# The system's own apt sources and lists are never read or changed.
# The lists are fetched on first use; `apt-trixie.sh update` refreshes them.
set -euo pipefail
cache=${XENGUEST_CACHE:-$HOME/.cache/xenguest}
dir=$cache/apt/trixie
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
die() { echo "apt-trixie.sh: $*" >&2; exit 1; }
[ -r "$keyring" ] || die "$keyring missing: install debian-archive-keyring"
mkdir -p "$dir/lists/partial" "$dir/cache/archives/partial"
cat >"$dir/sources.list" <<SOURCES
deb [arch=amd64,arm64 signed-by=$keyring] $mirror trixie main
deb-src [signed-by=$keyring] $mirror trixie main
SOURCES
opts=(-o "Dir::Etc::sourcelist=$dir/sources.list"
      -o Dir::Etc::sourceparts=/nonexistent
      -o "Dir::State::Lists=$dir/lists"
      -o "Dir::State::status=/dev/null"
      -o "Dir::Cache=$dir/cache"
      -o APT::Architectures::=amd64 -o APT::Architectures::=arm64
      -q)
# As root, apt drops to _apt to fetch, and _apt cannot enter root's home
# (mode 700), where the cache lives: fetch as root, as apt itself falls
# back to with a warning.
[ "$(id -u)" -ne 0 ] || opts+=(-o APT::Sandbox::User=root)
if [ "${1:-}" != update ] && ! compgen -G "$dir/lists/*_Packages*" >/dev/null; then
    apt-get "${opts[@]}" update >&2
fi
exec apt-get "${opts[@]}" "$@"
