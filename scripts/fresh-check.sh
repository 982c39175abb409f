#!/usr/bin/env bash
# fresh-check.sh [COMMAND]: run the README's test command (scripts/check.sh,
# or COMMAND) in a clean clone of this repository's HEAD inside a minimal
# Debian 12 (debootstrap --variant=minbase bookworm), as a new user's
# machine would be.  It catches what CI on a used machine can hide: a
# package that setup.sh forgets to install, a file fetched by hand.
#
# The minimal root is built once and kept as a tarball in
# $XENGUEST_CACHE/fresh (default ~/.cache/xenguest); every run unpacks a
# new copy, so no run sees what an earlier one installed.  /proc, /sys and
# /dev are mounted for the command and unmounted after, even on failure.
# Needs root (debootstrap, chroot, mount).  Commits only: uncommitted
# changes are not in the clone.
set -euo pipefail
repo=$(git -C "$(dirname "$0")/.." rev-parse --show-toplevel)
cache=${XENGUEST_CACHE:-$HOME/.cache/xenguest}/fresh
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
command=${1:-scripts/check.sh}
die() { echo "fresh-check: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || die "needs root (debootstrap, chroot, mount)"

if ! command -v debootstrap >/dev/null; then
    apt-get update -q >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
        --no-install-recommends debootstrap >&2
fi

mkdir -p "$cache"
tarball=$cache/bookworm-minbase.tar
if [ ! -s "$tarball" ]; then
    echo "fresh-check: debootstrap --variant=minbase bookworm (once)" >&2
    rm -rf "$cache/build"
    debootstrap --variant=minbase bookworm "$cache/build" "$mirror" >&2
    tar -C "$cache/build" -cf "$tarball.tmp" .
    mv "$tarball.tmp" "$tarball"
    rm -rf "$cache/build"
fi

root=$cache/root
mounted=()
cleanup() {
    local m i
    for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
        m=${mounted[i]}
        umount -R "$m" 2>/dev/null || umount -lR "$m" 2>/dev/null || true
    done
    mounted=()
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT TERM HUP

# A leftover root from a killed run may still have mounts: never delete
# through them.
for m in proc sys dev; do
    if mountpoint -q "$root/$m" 2>/dev/null; then
        umount -R "$root/$m" 2>/dev/null || umount -lR "$root/$m"
    fi
done
rm -rf "$root"
mkdir -p "$root"
tar -C "$root" -xf "$tarball"
cp /etc/resolv.conf "$root/etc/resolv.conf"
git clone -q "$repo" "$root/root/osprey"

mount -t proc proc "$root/proc"; mounted+=("$root/proc")
# rbind for /dev/pts and /dev/shm; rslave so that unmounting here never
# unmounts anything on the host.
mount --rbind /sys "$root/sys"; mount --make-rslave "$root/sys"
mounted+=("$root/sys")
mount --rbind /dev "$root/dev"; mount --make-rslave "$root/dev"
mounted+=("$root/dev")

echo "fresh-check: $(git -C "$repo" log -1 --format='%h %s' | cut -c1-70)" >&2
echo "fresh-check: running '$command' in a minimal Debian 12" >&2
start=$(date +%s)
rc=0
chroot "$root" /usr/bin/env -i HOME=/root TERM=dumb LANG=C.UTF-8 \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    /bin/bash -c "cd /root/osprey && $command" || rc=$?
secs=$(($(date +%s) - start))
cleanup
if [ "$rc" -eq 0 ]; then
    echo "fresh-check: passed in $((secs / 60)) min $((secs % 60)) s"
else
    echo "fresh-check: FAILED (exit $rc) after $((secs / 60)) min $((secs % 60)) s"
fi
exit "$rc"
