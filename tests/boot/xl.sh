#!/usr/bin/env bash
# xl.sh IMAGE WORKDIR: run IMAGE the way users do, `xl create zephyr.conf`
# from a real Linux dom0 with Xen's xl toolstack (scripts/dom0/build.sh),
# under Xen 4.17 (or 4.20 with XEN_VERSION=4.20: Debian 13's Xen, xl and
# Linux 6.12) in QEMU: one boot per GIC version runs every step of
# tests/boot/xl-dom0.sh, then this checks what it printed.  Test names
# start with gicvN-xenX.Y, so that a failure says which host it was.
#
# The dom0 steps print "STEP NAME OK|FAIL ...", the guest's console lines
# ("CON NAME| ...") and libxl's guest DTBs ("XLDTB NAME ..."). Here each
# step must have said OK, and the guest's platform lines must be exactly
# what build/host/dtb-probe reads from the DTB libxl built for that guest
# (the kernel prints in the probe's format).
#
# Env: SAMPLES_DIR (make samples' images, default build/samples),
# XEN_VERSION (4.17 or 4.20, default 4.17: the hypervisor, dom0's
# packages, and the stored DTBs, tests/data/xl or tests/data/xl-4.20),
# BOOT_LOGS (default build/tests/logs), XL_BOOT_TIMEOUT (seconds per
# boot, default 180 for 4.17 and 330 for 4.20; a boot took 64-71 s with
# Xen 4.17 and over 110 s with 4.20 before the 9pfs steps, here),
# XL_GICS (default "2 3"),
# XEN_IMAGE (Xen's Image), DTB_PROBE (default build/host/dtb-probe),
# XL_DOM0_SCRIPT (run in dom0 instead of tests/boot/xl-dom0.sh, to explore),
# XL_DTB_OUT (a directory: keep the guest DTBs there, named
# gicvN[-vuart].dtb; scripts/gen-xl-dtbs.sh uses it).
set -uo pipefail
here=$(dirname "$0")
top=$(cd "$here/../.." && pwd)
# shellcheck source=tests/boot/lib.sh
. "$here/lib.sh"
[ $# -eq 2 ] || { echo "usage: $0 IMAGE WORKDIR" >&2; exit 2; }
image=$1 work=$2
logs=${BOOT_LOGS:-build/tests/logs}
probe=${DTB_PROBE:-$top/build/host/dtb-probe}
version=${XEN_VERSION:-4.17}
# 4.20's boots also run the 9pfs steps (16 MiB each way: about 80 s).
if [ "$version" = 4.17 ]; then limit=${XL_BOOT_TIMEOUT:-180}; else limit=${XL_BOOT_TIMEOUT:-330}; fi
data=$top/tests/data/xl
[ "$version" = 4.17 ] || data+=-$version
mkdir -p "$logs" "$work"
suite=xl
# smp-test's runs under xl, VCPUS:PINGPONG-ROUNDS (xl-dom0.sh section 11).
xl_smp=${XL_SMP:-2:10000}

# Every boot uses this one snapshot (host-dtb.sh records module sizes).
cp "$image" "$work/zephyr.bin" || exit 1
# The test guests xl-dom0.sh also runs, in GUEST_DIR: snapshots as well.
for g in faults xs-test net-test libc osapi smp-test; do
    cp "$(guest "$g")" "$work/$g.bin" || exit 1
done
# And a program as users build it (make samples).
samples=${SAMPLES_DIR:-$top/build/samples}
for s in hello lua philosophers vchan-echo files; do
    cp "$samples/$s.bin" "$work/$s.bin" ||
        { echo "no $samples/$s.bin (make samples)" >&2; exit 1; }
done

# After a FAIL line, lib.sh's result calls this instead of showing the
# log's tail: one log holds every step of a boot, so show the failed step's
# guest consoles and Xen's last lines once per log.  NAME is "gicvN-xenX.Y STEP".
failure_details=xl_failure_details
xl_failure_details() { # NAME LOG
    [ ! -s "$2" ] || failure_log "$2" "${1#* }"
}

# failure_log LOG STEP: what dom0 noted and the guest printed in STEP, and
# the last lines Xen printed (the whole log holds dom0's too).  A guest's
# console is shown under the name of the step that created it, which may
# be a prefix of STEP's ("vif" for vif-ping, "xs-test" for xs-test-write).
failure_log() {
    local con=$2
    while [ "$(grep -Ec "^(CON|VUART|XLCON|VLOG) $con\| " "$1")" -eq 0 ] &&
        [ "${con%-*}" != "$con" ]; do
        con=${con%-*}
    done
    echo "  ---- dom0's notes in step $2 ----"
    grep -E "^INFO $2[ :]" "$1" | tail -n 30 | sed 's/^/  /'
    echo "  ---- the guest's consoles in step $con ----"
    grep -E "^(CON|VUART|XLCON|VLOG) $con\| " "$1" | tail -n 30 | sed 's/^/  /'
    if [ "$xen_shown" != "$1" ]; then
        xen_shown=$1
        echo "  ---- Xen's last lines ----"
        grep -E '^\((XEN|d[0-9]+)\)' "$1" | tail -n 10 | sed 's/^/  /'
    fi
    echo "  ---- the whole log, with dom0's lines: $1"
}
xen_shown=

setup_failed() {
    echo "FAIL: xl xen$version: $*"
    echo "xl boot tests (Xen $version): 0 passed, 1 failed"
    exit 1
}
[ -x "$probe" ] || setup_failed "no $probe (make tools)"
dom0_host_prepare

# boot.sh runs in the background as $boot_pid; lib.sh stops it on exit.

# host GIC: the host DTB for dom0 (scripts/dom0/host-dtb.sh), whose
# /init runs the test (xl-dom0.sh) with the images it boots beside it.
host() {
    local t=$work/test-gicv$1
    rm -rf "$t"
    mkdir -p "$t/test"
    cp "$work/zephyr.bin" "$t/test/zephyr.bin"
    cp "$work/faults.bin" "$work/xs-test.bin" "$work/net-test.bin" \
        "$work/libc.bin" "$work/hello.bin" "$work/lua.bin" \
        "$work/osapi.bin" "$work/smp-test.bin" "$work/philosophers.bin" \
        "$work/vchan-echo.bin" "$work/files.bin" "$t/test/"
    install -m 755 "${XL_DOM0_SCRIPT:-$here/xl-dom0.sh}" "$t/test/run.sh"
    echo "$1" >"$t/test/gic"
    echo "$xl_smp" >"$t/test/smp"
    "$top/scripts/dom0/host-dtb.sh" --gic "$1" --test "$t" \
        -o "$work/host-gicv$1.dtb"
}

# undump LOG NAME OUT: rebuild the guest DTB dom0 printed for step NAME.
undump() {
    local lines=$work/undump.txt
    sed -n "s/^XLDTB $2 //p" "$1" >"$lines"
    "$top/tests/tools/dtbdump/undump.sh" "$lines" 0 "$3" 2>&1
}


# guest_lines LOG NAME: the guest's PV console lines in step NAME.
guest_lines() { sed -n "s/^CON $2| //p" "$1"; }

# check_platform LOG NAME GIC: the guest of step NAME printed every line the
# probe reads from its DTB, drove GICvGIC, and ran the sample on xenvm.
check_platform() {
    local log=$1 name=$2 gic=$3 dtb=$work/guest-$2.dtb want line out virt
    if ! out=$(undump "$log" "$name" "$dtb"); then
        echo "no guest DTB for $name: $out"
        return
    fi
    if ! want=$("$probe" "$dtb" 2>&1); then
        echo "dtb-probe refuses libxl's DTB: $want"
        return
    fi
    out=$(guest_lines "$log" "$name")
    while IFS= read -r line; do
        grep -Fxq -- "$line" <<<"$out" || echo "guest did not print '$line'"
    done <<<"$want"
    virt=$(sed -n 's/^timer phys [0-9]* virt \([0-9]*\) .*/\1/p' <<<"$want")
    grep -Eq "^drivers: gicv$gic, timer [1-9][0-9]* Hz on INTID $virt," <<<"$out" ||
        echo "no 'drivers: gicv$gic, timer N Hz on INTID $virt' line"
    grep -Fxq "console: xen-pv-console" <<<"$out" ||
        echo "no 'console: xen-pv-console' line"
    grep -E '^thread_[ab]: ' <<<"$out" | head -n 4 | awk '
        { want = (NR % 2) ? "thread_a" : "thread_b"
          if ($0 !~ ("^" want ": Hello World from cpu [0-9]+ on xenvm!$")) bad = 1 }
        END { exit (NR == 4 && !bad) ? 0 : 1 }' ||
        echo "the first 4 sample lines do not alternate thread_a/thread_b on xenvm"
}

# unseeded IN OUT: IN without /chosen/rng-seed (libxl writes 128 random
# bytes there on every xl create).
unseeded() {
    cp "$1" "$2" && fdtput -d "$2" /chosen rng-seed
}

# keep_dtb NAME GIC FILE: step NAME's guest DTB, copied to XL_DTB_OUT/FILE
# and compared with $data/FILE (see its README): but for the seed,
# libxl's output is stable for a given host.
keep_dtb() {
    local src=$work/guest-$1.dtb
    [ -s "$src" ] || { echo "no DTB from step $1"; return; }
    [ -z "${XL_DTB_OUT:-}" ] || cp "$src" "$XL_DTB_OUT/$3"
    [ -f "$data/$3" ] || { echo "no $data/$3"; return; }
    if ! unseeded "$src" "$work/new.dtb" || ! unseeded "$data/$3" "$work/old.dtb"; then
        echo "cannot remove /chosen/rng-seed from $src or $data/$3"
    elif ! cmp -s "$work/new.dtb" "$work/old.dtb"; then
        echo "libxl's DTB differs from ${data#"$top/"}/$3 (XEN_VERSION=$version scripts/gen-xl-dtbs.sh regenerates it):"
        diff <(dtc -q -I dtb -O dts "$work/old.dtb") <(dtc -q -I dtb -O dts "$work/new.dtb")
    fi
}

# note WHY: add a reason to the caller's $why.
note() { [ -z "$1" ] || why+=${why:+$'\n'}$1; }

run_gic() {
    local v=$1 tag=gicv$1-xen$version why
    local log=$logs/xl-$tag.log
    rm -f "$work"/guest-*.dtb
    dom0_boot xl "$tag" "$v" "$log" || [ $? -ne 2 ] || return

    for name in "create-gicv$v" create-default; do
        why=$(step "$log" "$name")
        note "$(check_platform "$log" "$name" "$v")"
        result "$tag $name" "$log" "$why"
    done
    # Without gic_version, xl picks the host's: the same DTB.
    if unseeded "$work/guest-create-gicv$v.dtb" "$work/a.dtb" 2>/dev/null &&
        unseeded "$work/guest-create-default.dtb" "$work/b.dtb" 2>/dev/null &&
        ! cmp -s "$work/a.dtb" "$work/b.dtb"; then
        echo "NOTE: xl $tag: the DTBs with and without gic_version differ"
    fi
    result "$tag destroy" "$log" "$(step "$log" destroy)"
    why=$(step "$log" "vuart-gicv$v")
    note "$(check_platform "$log" "vuart-gicv$v" "$v")"
    result "$tag vuart-gicv$v" "$log" "$why"
    result "$tag panic" "$log" "$(step "$log" panic)"
    result "$tag program-args" "$log" "$(step "$log" program-args)"
    result "$tag program-lua" "$log" "$(step "$log" program-lua)"
    result "$tag program-exit3" "$log" "$(step "$log" program-exit3)"
    result "$tag guest DTB as stored" "$log" \
        "$(keep_dtb "create-gicv$v" "$v" "gicv$v.dtb")"
    result "$tag guest DTB with vuart as stored" "$log" \
        "$(keep_dtb "vuart-gicv$v" "$v" "gicv$v-vuart.dtb")"
    for name in create-c xenstore-name console-reattach shutdown reboot \
        xs-test-write xs-test-watch xs-test-checks xenbus console-input \
        vif-connect vif-ping vif-reattach osapi-time osapi-identity \
        osapi-xenstore osapi-watch osapi-checks osapi-poweroff \
        vcpu-set-down vcpu-set-up maxvcpus vchan-server-cksum \
        vchan-server-close vchan-client-cksum vchan-client-close; do
        result "$tag $name" "$log" "$(step "$log" "$name")"
    done
    # Files over 9pfs: xen-9pfsd is in Xen 4.19 on, so in 4.20's dom0
    # only; under 4.17 dom0 says it has none, and that is checked too.
    if [ "$version" != 4.17 ]; then
        for name in 9pfs-ls 9pfs-read 9pfs-write-16m 9pfs-remove-guest \
            9pfs-mkdir 9pfs-rmdir-refused 9pfs-remove-dom0 \
            9pfs-rename-refused 9pfs-done 9pfs-shell 9pfs-lua; do
            result "$tag $name" "$log" "$(step "$log" "$name")"
        done
    else
        grep -q '^INFO no xen-9pfsd in this dom0' "$log" &&
            why= || why="dom0 did not say it has no xen-9pfsd"
        result "$tag no 9pfs backend in 4.17" "$log" "$why"
    fi
    for spec in $xl_smp; do
        result "$tag smp-vcpus${spec%%:*}" "$log" \
            "$(step "$log" "smp-vcpus${spec%%:*}")"
    done
}

for v in ${XL_GICS:-2 3}; do
    run_gic "$v"
done

suite="xl (Xen $version)"
summary
