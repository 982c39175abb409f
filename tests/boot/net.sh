#!/usr/bin/env bash
# net.sh IMAGE WORKDIR: IMAGE's PV network (netfront and lwIP) against
# Linux's xen-netback in the dom0 test host (scripts/dom0/build.sh), under
# Xen 4.17 (or 4.20 with XEN_VERSION=4.20) in QEMU: one boot per GIC
# version runs every step of tests/boot/net-dom0.sh (guests on dom0's
# bridge xenbr0: DHCP from udhcpd and a static address, dom0's pings, the
# httpd page, 64 MiB over TCP each way with cksums, a guest's shell
# pinging another guest, xl network-detach and network-attach, and
# samples/echo-server with 10 connections at once); here each
# step must have said OK.  QEMU has no network card: all traffic stays
# between the emulated machine's domains.  Test names start with
# gicvN-xenX.Y.
#
# Env: ECHO_IMAGE (samples/echo-server's image, default
# build/samples/echo-server.bin next to IMAGE's folder: make samples),
# XEN_VERSION (4.17 or 4.20, default 4.17), BOOT_LOGS (default
# build/tests/logs), NET_BOOT_TIMEOUT (seconds per boot, default 480; a
# boot needs 1 to 3 minutes), NET_GICS (default "2 3"), XEN_IMAGE (Xen's
# Image), NET_DOM0_SCRIPT (run in dom0 instead of tests/boot/net-dom0.sh),
# NET_OFFLOADS (netfront= options, one guest each doing the 64 MiB each
# way again; default "no-csum,no-sg": every offload off at once).
set -uo pipefail
here=$(dirname "$0")
top=$(cd "$here/../.." && pwd)
# shellcheck source=tests/boot/lib.sh
. "$here/lib.sh"
[ $# -eq 2 ] || { echo "usage: $0 IMAGE WORKDIR" >&2; exit 2; }
image=$1 work=$2
logs=${BOOT_LOGS:-build/tests/logs}
limit=${NET_BOOT_TIMEOUT:-480}
version=${XEN_VERSION:-4.17}
mkdir -p "$logs" "$work"
suite=net
offloads=${NET_OFFLOADS-no-csum,no-sg}

# Every boot uses this one snapshot.
cp "$image" "$work/zephyr.bin" || exit 1
echo_image=${ECHO_IMAGE:-$(dirname "$image")/samples/echo-server.bin}

failure_details=dom0_step_details

setup_failed() {
    echo "FAIL: net xen$version: $*"
    echo "net boot tests (Xen $version): 0 passed, 1 failed"
    exit 1
}
command -v python3 >/dev/null || setup_failed "no python3 (scripts/setup.sh)"
cp "$echo_image" "$work/echo-server.bin" 2>/dev/null ||
    setup_failed "no $echo_image (make samples)"
dom0_host_prepare
# 1 MiB from a fixed-seed generator: dom0 sends 64 copies of it to the
# guest, so that every run sends the same bytes.
fixed_seed "$work/seed.bin" || setup_failed "cannot write $work/seed.bin"

# host GIC: the host DTB for dom0, whose /init runs net-dom0.sh.
host() {
    local t=$work/test-gicv$1
    rm -rf "$t"
    mkdir -p "$t/test"
    cp "$work/zephyr.bin" "$work/echo-server.bin" "$work/seed.bin" \
        "$here/dom0-lib.sh" "$t/test/"
    install -m 755 "${NET_DOM0_SCRIPT:-$here/net-dom0.sh}" "$t/test/run.sh"
    echo "$1" >"$t/test/gic"
    # The guests' vCPUs (GUEST_VCPUS, default 1): the suite once on 2.
    echo "${GUEST_VCPUS:-1}" >"$t/test/vcpus"
    echo "$offloads" >"$t/test/offloads"
    "$top/scripts/dom0/host-dtb.sh" --gic "$1" --test "$t" \
        -o "$work/host-gicv$1.dtb"
}

run_gic() {
    local v=$1 tag=gicv$1-xen$version name
    local log=$logs/net-$tag.log
    dom0_boot net "$tag" "$v" "$log" || [ $? -ne 2 ] || return
    result "$tag platform" "$log" "$(dom0_platform "$log" "$v" dhcp)"
    # (0) no vif, no lwIP; (a) DHCP, ping, the page, TCP each way,
    # detach and attach; (b) a static address; (c) a shell guest's
    # ifconfig and ping of (b); (d) its backend stalls, it reconnects;
    # (e) echo-server, 10 connections at once; (f) each NET_OFFLOADS
    # guest's address line and 64 MiB each way.
    local extra=
    for name in $(echo "$offloads" | tr , _); do
        extra="$extra addr-$name tcp-$name-in tcp-$name-out"
    done
    for name in no-vif dhcp ping http tcp-in tcp-out detach attach \
        static static-ping shell-dhcp ifconfig guest-ping stall \
        echo-listen echo-10 $extra; do
        result "$tag $name" "$log" "$(step "$log" "$name")"
    done
}

for v in ${NET_GICS:-2 3}; do
    run_gic "$v"
done

suite="net (Xen $version)"
summary
