#!/usr/bin/env bash
# Build a Linux domU for comparisons with Osprey on the dom0 test host
# (scripts/dom0/build.sh): Debian's kernel, the very Image dom0 runs, and
# an initramfs holding busybox, the Xen PV frontend modules of that kernel
# (xen-blkfront, xen-netfront) and scripts/domu/init.  Prints the directory
# holding "Image" and "initramfs.cpio.gz".
#
# Usage: scripts/domu/build.sh
# Env: as scripts/dom0/build.sh (XENGUEST_CACHE, XEN_VERSION,
#      DOM0_KERNEL_ABI): the domU follows the dom0 built with them.
#
# A benchmark's own files (a tool, /test/run.sh) go into a second archive
# concatenated to this one, as for dom0 (scripts/dom0/host-dtb.sh), so
# that changing them does not rebuild this.  Without /test/run.sh the
# domU's init runs a shell on its console (hvc0): a test in dom0 drives it
# by typing into the pty xenconsoled serves, as it drives Osprey's shell.
# Cached under $XENGUEST_CACHE/domu/KEY, KEY hashing this script, the
# init, the Image and the modules.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
die() { echo "domu/build.sh: $*" >&2; exit 1; }

version=${XEN_VERSION:-4.17}
case $version in
4.17) fetch=(--root dom0root) ;;
4.20) fetch=(--suite trixie --root dom0root-4.20) ;;
*) die "XEN_VERSION must be 4.17 or 4.20, not '$version'" ;;
esac
modules=(xen-blkfront xen-netfront)
command -v cpio >/dev/null || die "cpio not found (scripts/setup.sh installs it)"
command -v xz >/dev/null || die "xz not found (scripts/setup.sh installs xz-utils)"

cache=${XENGUEST_CACHE:-$HOME/.cache/xenguest}
dom0=$("$here/../dom0/build.sh") || die "scripts/dom0/build.sh failed"
# The kernel release the dom0 Image carries: its modules are the ones
# that load into it (vermagic).  Debian 13's Image may be gzipped.
image=$dom0/Image
if gzip -t "$image" 2>/dev/null; then cat_image=(zcat); else cat_image=(cat); fi
# (grep stops early: the reader's SIGPIPE is no failure.)
kver=$( ("${cat_image[@]}" "$image" || true) |
    grep -a -o -m 1 'Linux version [^ ]*' | cut -d' ' -f3)
[ -n "$kver" ] || die "no 'Linux version' string in $image"
root=$("$here/../fetch-deb.sh" "${fetch[@]}" busybox-static)
moddir=$root/lib/modules/$kver/kernel
[ -d "$moddir" ] || moddir=$root/usr/lib/modules/$kver/kernel
[ -d "$moddir" ] || die "no modules for $kver under $root (did scripts/dom0/build.sh fetch its kernel?)"
busybox=$root/bin/busybox
[ -e "$busybox" ] || busybox=$root/usr/bin/busybox

tmp=$(mktemp -d "${TMPDIR:-/tmp}/domu.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
stage=$tmp/root
mkdir -p "$stage"/{bin,etc/osprey,lib/modules}

# Modules in load order, each after the ones its "depends=" names (the
# package has no modules.dep), decompressed when shipped as .ko.xz
# (busybox's insmod reads no xz).  As scripts/dom0/build.sh does.
declare -A loaded=()
load() {
    local name=${1//_/-} ko dep file
    [ -z "${loaded[$name]:-}" ] || return 0
    ko=$(find "$moddir" \( -name "$name.ko" -o -name "${name//-/_}.ko" \
        -o -name "$name.ko.xz" -o -name "${name//-/_}.ko.xz" \) | head -n 1)
    [ -n "$ko" ] || die "module $name not found under $moddir"
    file=${ko##*/}
    file=${file%.xz}
    case $ko in
    *.xz) xz -dc "$ko" >"$stage/lib/modules/$file" ;;
    *) cp "$ko" "$stage/lib/modules/$file" ;;
    esac
    for dep in $(tr '\0' '\n' <"$stage/lib/modules/$file" |
        sed -n 's/^depends=//p' | tr ',' ' '); do
        load "$dep"
    done
    loaded[$name]=1
    echo "$file" >>"$stage/etc/osprey/modules"
}
for m in "${modules[@]}"; do load "$m"; done
cp "$busybox" "$stage/bin/busybox"
ln -s busybox "$stage/bin/sh"
install -m 755 "$here/init" "$stage/init"

key=$( {
    cat "$0" "$here/init" "$image" "$busybox"
    while read -r m; do cat "$stage/lib/modules/$m"; done \
        <"$stage/etc/osprey/modules"
} | sha256sum | cut -c1-16)
out=$cache/domu/$key
if [ -s "$out/Image" ] && [ -s "$out/initramfs.cpio.gz" ]; then
    echo "$out"
    exit 0
fi
(cd "$stage" && find . -mindepth 1 | LC_ALL=C sort |
    cpio -o -H newc -R 0:0 --quiet) | gzip -9n >"$tmp/initramfs.cpio.gz"
# Pad to 4 bytes: an archive appended later must start 4-byte aligned.
size=$(stat -c %s "$tmp/initramfs.cpio.gz")
[ $((size % 4)) -eq 0 ] ||
    head -c $((4 - size % 4)) /dev/zero >>"$tmp/initramfs.cpio.gz"
"${cat_image[@]}" "$image" >"$tmp/Image"
mkdir -p "$cache/domu"
rm -rf "$out"
mkdir -p "$out"
mv "$tmp/Image" "$tmp/initramfs.cpio.gz" "$out/"
echo "domu/build.sh: built $out for Linux $kver ($(du -k "$out/initramfs.cpio.gz" | cut -f1) KiB initramfs)" >&2
echo "$out"
