#!/usr/bin/env bash
# blk.sh IMAGE WORKDIR: IMAGE's PV block frontend against Linux's
# xen-blkback in the dom0 test host (scripts/dom0/build.sh), under Xen
# 4.17 (or 4.20 with XEN_VERSION=4.20) in QEMU: one boot per GIC version
# runs every step of tests/boot/blk-dom0.sh, which types commands into the
# guest's shell (disks, disk-sum, disk-write, disk-read, disk-flush) and
# checks the answers against the disk images in dom0, then runs
# samples/disk on a disk of its own; here each step must have said OK.
# Test names start with gicvN-xenX.Y.
#
# Env: XEN_VERSION (4.17 or 4.20, default 4.17), BOOT_LOGS (default
# build/tests/logs), BLK_BOOT_TIMEOUT (seconds per boot, default 240; a
# boot needs about 90 s), BLK_GICS (default "2 3"), XEN_IMAGE (Xen's
# Image), BLK_DOM0_SCRIPT (run in dom0 instead of tests/boot/blk-dom0.sh),
# BLK_GUEST_FILES (a directory copied next to it: with a guest.cfg there,
# blk-dom0.sh boots that guest instead, e.g. a Linux stand-in that prints
# the same lines, to check the suite itself, and skips samples/disk),
# DISK_SAMPLE (samples/disk's image, default build/samples/disk.bin:
# tests/boot/boot.mk builds it).
set -uo pipefail
here=$(dirname "$0")
top=$(cd "$here/../.." && pwd)
# shellcheck source=tests/boot/lib.sh
. "$here/lib.sh"
[ $# -eq 2 ] || { echo "usage: $0 IMAGE WORKDIR" >&2; exit 2; }
image=$1 work=$2
logs=${BOOT_LOGS:-build/tests/logs}
limit=${BLK_BOOT_TIMEOUT:-240}
version=${XEN_VERSION:-4.17}
mkdir -p "$logs" "$work"
suite=blk

# Every boot uses this one snapshot.
cp "$image" "$work/zephyr.bin" || exit 1
disk_sample=${DISK_SAMPLE:-$top/build/samples/disk.bin}

failure_details=dom0_step_details

setup_failed() {
    echo "FAIL: blk xen$version: $*"
    echo "blk boot tests (Xen $version): 0 passed, 1 failed"
    exit 1
}
command -v python3 >/dev/null || setup_failed "no python3 (scripts/setup.sh)"
cp "$disk_sample" "$work/disk.bin" ||
    setup_failed "no $disk_sample (make APP=samples/disk IMAGE=build/samples/disk build/samples/disk.bin)"
dom0_host_prepare
# The disk images' bytes: 1 MiB from a fixed-seed generator, so that every
# run sees the same disks (blk-dom0.sh makes the images from it).
fixed_seed "$work/seed.bin" || setup_failed "cannot write $work/seed.bin"

# host GIC: the host DTB for dom0, whose /init runs blk-dom0.sh.
host() {
    local t=$work/test-gicv$1
    rm -rf "$t"
    mkdir -p "$t/test"
    cp "$work/zephyr.bin" "$work/seed.bin" "$work/disk.bin" "$t/test/"
    install -m 755 "${BLK_DOM0_SCRIPT:-$here/blk-dom0.sh}" "$t/test/run.sh"
    echo "$1" >"$t/test/gic"
    # The guests' vCPUs (GUEST_VCPUS, default 1): the suite once on 2.
    echo "${GUEST_VCPUS:-1}" >"$t/test/vcpus"
    [ -z "${BLK_GUEST_FILES:-}" ] || cp -r "$BLK_GUEST_FILES/." "$t/test/"
    "$top/scripts/dom0/host-dtb.sh" --gic "$1" --test "$t" \
        -o "$work/host-gicv$1.dtb"
}

run_gic() {
    local v=$1 tag=gicv$1-xen$version name
    local log=$logs/blk-$tag.log
    dom0_boot blk "$tag" "$v" "$log" || [ $? -ne 2 ] || return
    result "$tag platform" "$log" "$(dom0_platform "$log" "$v" boot-line)"
    # (a) sums, (b) write, read, flush and shutdown, (c) a read-only second
    # disk, (d) attach and detach while running, (e) 4096-byte sectors,
    # (f) xl shutdown with a backend that never answers the flush.
    for name in cksum boot-line sum write read flush write-shutdown \
        disks ro-sum ro-write ro-unchanged \
        hot-attach hot-sum hot-detach hot-alive detach-busy busy-alive \
        4k-line 4k-sum 4k-write 4k-file stall-line stall-stop stall-reason \
        $([ -n "${BLK_GUEST_FILES:-}" ] ||
            echo disk-sample disk-sample-unchanged); do
        result "$tag $name" "$log" "$(step "$log" "$name")"
    done
}

for v in ${BLK_GICS:-2 3}; do
    run_gic "$v"
done

suite="blk (Xen $version)"
summary
