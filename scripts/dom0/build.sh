#!/usr/bin/env bash
# Build the dom0 test host from Debian's arm64 packages: Debian's Linux
# kernel Image and an initramfs holding busybox, Xen's xl toolstack with the
# shared libraries it needs, Xen's dom0 driver modules and scripts/dom0/init.
# Prints the directory holding "Image" and "initramfs.cpio.gz".
#
# Usage: scripts/dom0/build.sh
# Env: XENGUEST_CACHE (default ~/.cache/xenguest), XEN_VERSION (4.17, the
#      default: Debian 12's packages and Linux 6.1; 4.20: Debian 13's,
#      through scripts/apt-trixie.sh, and Linux 6.12), DOM0_KERNEL_ABI
#      (e.g. 6.1.0-56 or 6.12.117+deb13; default: the one Debian's
#      linux-image-arm64 depends on now, since the archive drops older ABIs).
#
# The packages are unpacked into their own root ($XENGUEST_CACHE/dom0root,
# dom0root-4.20 for 4.20; see scripts/fetch-deb.sh --root), nothing is
# installed system-wide.  Debian 13's packages are usr-merged and its
# kernel modules xz-compressed: both handled here.
# The result is cached under $XENGUEST_CACHE/dom0/KEY, where KEY hashes this
# script, init and the exact .deb files: changing any of them builds anew.
#
# What a test adds (the guest image, its config, /test/run.sh) goes into a
# second archive concatenated to this one (Linux unpacks them in turn), so
# changing a test does not rebuild this.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
die() { echo "dom0/build.sh: $*" >&2; exit 1; }

version=${XEN_VERSION:-4.17}
# From /work/shared/xen-qemu.md, "A Linux dom0 with the xl toolstack" and
# "A Debian 13 dom0": the same list but for Debian 13's names.
case $version in
4.17) fetch=(--root dom0root) ext2fs=libext2fs2 crypto=() ;;
# Debian 13's cksum (coreutils) links libcrypto, which links libzstd.
4.20) fetch=(--suite trixie --root dom0root-4.20) ext2fs=libext2fs2t64
      crypto=(libssl3t64 libzstd1) ;;
*) die "XEN_VERSION must be 4.17 or 4.20, not '$version'" ;;
esac
packages=("xen-utils-$version" xen-utils-common xenstore-utils
          "libxenmisc$version"
          libxenstore4 libxentoolcore1 libxencall1 libxenevtchn1
          libxenforeignmemory1 libxengnttab1 libxentoollog1 libxendevicemodel1
          libxenhypfs1 libyajl2 libc6 libgcc-s1 libncurses6 libtinfo6
          "$ext2fs" libcom-err2 libfdt1 libuuid1 zlib1g busybox-static
          bash util-linux mount libsmartcols1 coreutils "${crypto[@]}"
          dmsetup libdevmapper1.02.1 libselinux1 libpcre2-8-0 libudev1 libcap2)
# Xen's dom0 drivers (modules in Debian's kernel), and the binaries the
# init and the tests run: xenstore is one program answering to many names.
# The PV backends (/work/shared/xen-qemu.md, "PV block and network backends
# in the Linux dom0"): blkback serves files through loop devices the block
# hotplug script sets up, netback's vifs join the bridge xenbr0.
# Device-mapper: a disk the block tests can suspend, so that blkback never
# answers a flush (dmsetup, below).
modules=(xen-evtchn xen-privcmd xenfs xen-gntdev xen-gntalloc
         xen-blkback xen-netback loop bridge dm-mod)
xen_bin=usr/lib/xen-$version/bin
# init-dom0less gives dom0less domains with xen,enhanced their XenStore.
# vchan-socket-proxy (libxenvchan, in libxenmisc) is the peer of the
# guests' vchans (samples/vchan-echo).
binaries=("$xen_bin/xl" "$xen_bin/xenstored" "$xen_bin/xenconsoled"
          "$xen_bin/xenconsole" "$xen_bin/xen-init-dom0"
          "$xen_bin/init-dom0less" "$xen_bin/vchan-socket-proxy"
          usr/bin/xenstore)
# xen-9pfsd (Xen 4.19 on) is the backend libxl starts for p9= entries of
# type xen_9pfsd: the files suite's share (tests/boot/xl-dom0.sh).
[ "$version" = 4.17 ] || binaries+=("$xen_bin/xen-9pfsd")
# What libxl's hotplug scripts (/etc/xen/scripts, bash) run that busybox
# lacks or does differently: bash itself, flock (locking.sh; busybox has
# none) and util-linux's losetup, whose --sector-size the tests use for a
# 4096-byte disk (in the "mount" package); cksum, which the block
# tests compare disks with and Debian 13's busybox lacks; and dmsetup,
# with which they stall a disk's backend (busybox has none). Found
# wherever the suite puts them (Debian 13 is usr-merged).
tools=(bash flock losetup cksum dmsetup)
xenstore_names=(xenstore-read xenstore-write xenstore-ls xenstore-list
                xenstore-watch xenstore-rm xenstore-exists xenstore-chmod)
libdirs=(lib/aarch64-linux-gnu usr/lib/aarch64-linux-gnu lib usr/lib)

command -v cpio >/dev/null || die "cpio not found (scripts/setup.sh installs it)"
command -v readelf >/dev/null || die "readelf not found (binutils)"
command -v xz >/dev/null || die "xz not found (scripts/setup.sh installs xz-utils)"

cache=${XENGUEST_CACHE:-$HOME/.cache/xenguest}
root=$("$here/../fetch-deb.sh" "${fetch[@]}" "${packages[@]}")
stamps=$cache/stamps/${root##*/}
# The kernel ABI the metapackage depends on, read from the .deb itself:
# the suite's apt lists are not the system's.
if [ -z "${DOM0_KERNEL_ABI:-}" ]; then
    "$here/../fetch-deb.sh" "${fetch[@]}" linux-image-arm64 >/dev/null
    meta=$(cat "$stamps/linux-image-arm64:arm64")
    debs=$cache/debs
    [ "$version" = 4.17 ] || debs+=-trixie
    DOM0_KERNEL_ABI=$(dpkg-deb -f "$debs/$meta" Depends | tr ',' '\n' |
        sed -n 's/^ *linux-image-\(.*\)-arm64 .*/\1/p' | head -n 1)
fi
abi=$DOM0_KERNEL_ABI
[ -n "$abi" ] || die "no kernel ABI in linux-image-arm64's Depends: set DOM0_KERNEL_ABI"
# The same Image as the signed package, without the EFI signature.
kernel_pkg=linux-image-$abi-arm64-unsigned
kver=$abi-arm64
packages+=("$kernel_pkg")
"$here/../fetch-deb.sh" "${fetch[@]}" "$kernel_pkg" >/dev/null
key=$( {
    cat "$0" "$here/init"
    for p in "${packages[@]}"; do cat "$stamps/$p:arm64"; done
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

# find_tool NAME: the path of program NAME under ROOT, relative to ROOT.
find_tool() {
    local d
    for d in bin sbin usr/bin usr/sbin; do
        [ ! -e "$root/$d/$1" ] || { echo "$d/$1"; return; }
    done
    return 1
}
tool_paths=()
for t in "${tools[@]}"; do
    path=$(find_tool "$t") || die "$t missing from the unpacked packages"
    tool_paths+=("$path")
done

# Every binary's libraries, then theirs, until nothing new turns up.
# libgcc_s is not NEEDED by anyone but glibc dlopens it for unwinding
# (pthread_cancel): without it detaching from `xl console` aborts.
declare -A have=()
queue=("${binaries[@]}" "${tool_paths[@]}" "$(find_lib libgcc_s.so.1)")
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
# The interpreter path the binaries carry, wherever the packages put it
# (Debian 13's are usr-merged: usr/lib/aarch64-linux-gnu).
ln -s "../$(find_lib ld-linux-aarch64.so.1)" "$stage/lib/ld-linux-aarch64.so.1"

for name in "${xenstore_names[@]}"; do ln -s xenstore "$stage/usr/bin/$name"; done
busybox=bin/busybox
[ -e "$root/$busybox" ] || busybox=usr/bin/busybox
cp "$root/$busybox" "$stage/bin/busybox"
# /init is a script: its interpreter must exist before --install runs.
ln -s busybox "$stage/bin/sh"
# busybox --install (in init) replaces programs of its applets' names
# (it has bash and losetup) in /bin, /sbin and /usr/...: the tools live
# apart and init links them in afterwards, from this list.
mkdir -p "$stage/usr/lib/osprey/bin"
for path in "${tool_paths[@]}"; do
    mv "$stage/$path" "$stage/usr/lib/osprey/bin/"
    echo "/usr/lib/osprey/bin/${path##*/}" >>"$stage/etc/osprey/tools"
done
cp "$root/etc/xen/xl.conf" "$stage/etc/xen/xl.conf"
# libxl runs these for every vbd and vif (block, vif-bridge and the
# files they source): the whole directory, as the package installs it.
cp -a "$root/etc/xen/scripts" "$stage/etc/xen/scripts"
install -m 755 "$here/init" "$stage/init"

# Modules in load order: each after the ones its "depends=" names.  Debian's
# package has no modules.dep (depmod makes it at install time), so read the
# .modinfo strings themselves.
moddir=$root/lib/modules/$kver/kernel
[ -d "$moddir" ] || moddir=$root/usr/lib/modules/$kver/kernel
declare -A loaded=()
# load NAME: queue module NAME (dashes or underscores) after its deps.
# Debian 13 ships NAME.ko.xz, which busybox's insmod cannot read: stored
# decompressed.
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
