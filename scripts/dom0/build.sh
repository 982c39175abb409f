#!/usr/bin/env bash
# Build the dom0 test host from Debian's arm64 packages: Debian's Linux
# kernel Image and an initramfs holding busybox, Xen's xl toolstack with the
# shared libraries it needs, Xen's dom0 driver modules and scripts/dom0/init.
# Prints the directory holding "Image" and "initramfs.cpio.gz".
#
# Usage: scripts/dom0/build.sh
# Env: XENGUEST_CACHE (default ~/.cache/xenguest), DOM0_KERNEL_ABI (e.g.
#      6.1.0-56; default: the one Debian's linux-image-arm64 depends on now,
#      since the archive drops older ABIs; apt-cache search linux-image-6.1.0
#      lists them).
#
# The packages are unpacked into their own root ($XENGUEST_CACHE/dom0root,
# see scripts/fetch-deb.sh --root), nothing is installed system-wide.
# The result is cached under $XENGUEST_CACHE/dom0/KEY, where KEY hashes this
# script, init and the exact .deb files: changing any of them builds anew.
#
# What a test adds (the guest image, its config, /test/run.sh) goes into a
# second archive concatenated to this one (Linux unpacks them in turn), so
# changing a test does not rebuild this.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
die() { echo "dom0/build.sh: $*" >&2; exit 1; }

# From /work/shared/xen-qemu.md, "A Linux dom0 with the xl toolstack".
packages=(xen-utils-4.17 xen-utils-common xenstore-utils libxenmisc4.17
          libxenstore4 libxentoolcore1 libxencall1 libxenevtchn1
          libxenforeignmemory1 libxengnttab1 libxentoollog1 libxendevicemodel1
          libxenhypfs1 libyajl2 libc6 libgcc-s1 libncurses6 libtinfo6
          libext2fs2 libcom-err2 libfdt1 libuuid1 zlib1g busybox-static)
# Xen's dom0 drivers (modules in Debian's kernel), and the binaries the
# init and the tests run: xenstore is one program answering to many names.
modules=(xen-evtchn xen-privcmd xenfs xen-gntdev xen-gntalloc)
xen_bin=usr/lib/xen-4.17/bin
# init-dom0less gives dom0less domains with xen,enhanced their XenStore.
binaries=("$xen_bin/xl" "$xen_bin/xenstored" "$xen_bin/xenconsoled"
          "$xen_bin/xenconsole" "$xen_bin/xen-init-dom0"
          "$xen_bin/init-dom0less" usr/bin/xenstore)
xenstore_names=(xenstore-read xenstore-write xenstore-ls xenstore-list
                xenstore-watch xenstore-rm xenstore-exists xenstore-chmod)
libdirs=(lib/aarch64-linux-gnu usr/lib/aarch64-linux-gnu lib usr/lib)

command -v cpio >/dev/null || die "cpio not found (scripts/setup.sh installs it)"
command -v readelf >/dev/null || die "readelf not found (binutils)"

cache=${XENGUEST_CACHE:-$HOME/.cache/xenguest}
# First the rest: that also makes apt know arm64 packages, for apt-cache.
"$here/../fetch-deb.sh" --root dom0root "${packages[@]}" >/dev/null
abi=${DOM0_KERNEL_ABI:-$(apt-cache depends linux-image-arm64:arm64 2>/dev/null |
    sed -n 's/^ *Depends: linux-image-\(.*\)-arm64:arm64$/\1/p' | head -n 1)}
[ -n "$abi" ] || die "no kernel ABI from 'apt-cache depends linux-image-arm64:arm64': set DOM0_KERNEL_ABI"
# The same Image as the signed package, without the EFI signature.
kernel_pkg=linux-image-$abi-arm64-unsigned
kver=$abi-arm64
packages+=("$kernel_pkg")
root=$("$here/../fetch-deb.sh" --root dom0root "$kernel_pkg")
key=$( {
    cat "$0" "$here/init"
    for p in "${packages[@]}"; do cat "$cache/stamps/dom0root/$p:arm64"; done
} | sha256sum | cut -c1-16)
out=$cache/dom0/$key
if [ -s "$out/Image" ] && [ -s "$out/initramfs.cpio.gz" ]; then
    echo "$out"
    exit 0
fi

mkdir -p "$cache/dom0"
tmp=$(mktemp -d "$cache/dom0/.build.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
stage=$tmp/root
mkdir -p "$stage"/{bin,sbin,etc/xen,etc/osprey,lib/modules,usr/bin,$xen_bin}

# copy FILE: ROOT/FILE into the stage at the same path, links resolved.
copy() {
    mkdir -p "$stage/$(dirname "$1")"
    cp -L "$root/$1" "$stage/$1"
}

# needed FILE: the DT_NEEDED names of ROOT/FILE.
needed() {
    readelf -d "$root/$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]$/\1/p'
}

# find_lib NAME: the path of library NAME under ROOT, relative to ROOT.
find_lib() {
    local d
    for d in "${libdirs[@]}"; do
        [ ! -e "$root/$d/$1" ] || { echo "$d/$1"; return; }
    done
    return 1
}

# Every binary's libraries, then theirs, until nothing new turns up.
# libgcc_s is not NEEDED by anyone but glibc dlopens it for unwinding
# (pthread_cancel): without it detaching from `xl console` aborts.
declare -A have=()
queue=("${binaries[@]}" lib/aarch64-linux-gnu/libgcc_s.so.1)
while [ ${#queue[@]} -gt 0 ]; do
    file=${queue[0]}
    queue=("${queue[@]:1}")
    [ -z "${have[$file]:-}" ] || continue
    have[$file]=1
    [ -e "$root/$file" ] || die "$file missing from the unpacked packages"
    copy "$file"
    while read -r lib; do
        [ -n "$lib" ] || continue
        path=$(find_lib "$lib") ||
            die "$file needs $lib, found in none of the packages: add its package"
        queue+=("$path")
    done < <(needed "$file")
done
# The interpreter path the binaries carry.
ln -s aarch64-linux-gnu/ld-linux-aarch64.so.1 "$stage/lib/ld-linux-aarch64.so.1"

for name in "${xenstore_names[@]}"; do ln -s xenstore "$stage/usr/bin/$name"; done
cp "$root/bin/busybox" "$stage/bin/busybox"
# /init is a script: its interpreter must exist before --install runs.
ln -s busybox "$stage/bin/sh"
cp "$root/etc/xen/xl.conf" "$stage/etc/xen/xl.conf"
install -m 755 "$here/init" "$stage/init"

# Modules in load order: each after the ones its "depends=" names.  Debian's
# package has no modules.dep (depmod makes it at install time), so read the
# .modinfo strings themselves.
moddir=$root/lib/modules/$kver/kernel
declare -A loaded=()
# load NAME: queue module NAME (dashes or underscores) after its deps.
load() {
    local name=${1//_/-} ko dep
    [ -z "${loaded[$name]:-}" ] || return 0
    ko=$(find "$moddir" -name "$name.ko" -o -name "${name//-/_}.ko" | head -n 1)
    [ -n "$ko" ] || die "module $name not found under $moddir"
    for dep in $(tr '\0' '\n' <"$ko" | sed -n 's/^depends=//p' | tr ',' ' '); do
        load "$dep"
    done
    loaded[$name]=1
    cp "$ko" "$stage/lib/modules/"
    echo "${ko##*/}" >>"$stage/etc/osprey/modules"
}
for m in "${modules[@]}"; do load "$m"; done

cp "$root/boot/vmlinuz-$kver" "$tmp/Image"
# Pad to 4 bytes: an archive appended later must start 4-byte aligned.
(cd "$stage" && find . -mindepth 1 | LC_ALL=C sort |
    cpio -o -H newc -R 0:0 --quiet) | gzip -9n >"$tmp/initramfs.cpio.gz"
size=$(stat -c %s "$tmp/initramfs.cpio.gz")
[ $((size % 4)) -eq 0 ] ||
    head -c $((4 - size % 4)) /dev/zero >>"$tmp/initramfs.cpio.gz"

rm -rf "$out"
mkdir -p "$out"
mv "$tmp/Image" "$tmp/initramfs.cpio.gz" "$out/"
echo "dom0/build.sh: built $out ($(du -k "$out/initramfs.cpio.gz" | cut -f1) KiB initramfs)" >&2
echo "$out"
