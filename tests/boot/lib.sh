# Shared by the boot tests: run QEMU (scripts/qemu.sh) with a hard time
# limit, its serial console captured to a log, and stop it as soon as the
# log has what the test waits for; and the suites' PASS/FAIL lines.
# shellcheck shell=bash

# shellcheck source=scripts/qemu.sh
. "$(dirname "${BASH_SOURCE[0]}")/../../scripts/qemu.sh"

# A background scripts/xen/boot.sh, for the Xen suites: it owns its QEMU
# (own session, timeout(1), killed on each of its exits), so stopping it
# stops QEMU.
boot_pid=
stop_boot() {
    if [ -n "$boot_pid" ]; then
        kill -TERM "$boot_pid" 2>/dev/null || true
        wait "$boot_pid" 2>/dev/null || true
        boot_pid=
    fi
}

cleanup() {
    qemu_stop
    stop_boot
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT TERM HUP

# guest NAME: the path of test guest NAME's image (tests/guest/NAME/), in
# GUEST_DIR, where `make guests` puts them (tests/boot/boot.mk sets it).
guest() {
    local f=${GUEST_DIR:?is where make guests puts them}/$1.bin
    [ -f "$f" ] || { echo "no test guest $f (make guests)" >&2; return 1; }
    echo "$f"
}

# log_has_all LOG REGEX...: every regex matches some line of LOG.
log_has_all() {
    local log=$1 re
    shift
    for re in "$@"; do
        grep -Eq -- "$re" "$log" || return 1
    done
}

# seen LOG REGEX COUNT: REGEX matches at least COUNT lines of LOG.
seen() {
    [ "$(grep -Ec -- "$2" "$1")" -ge "$3" ]
}

# qemu_expect SECONDS LOG DONE_REGEX COUNT -- QEMU ARGS...
# Boots, waits until DONE_REGEX has matched COUNT lines of LOG (or QEMU
# exits, or the time runs out), then stops QEMU.  Returns 0 if it did.
qemu_expect() {
    local limit=$1 log=$2 done_re=$3 count=$4 verdict=0
    shift 5
    : >"$log"
    qemu_start "$limit" "$log" "$@"
    qemu_wait "$limit" seen "$log" "$done_re" "$count" || verdict=$?
    [ "$verdict" != 2 ] ||
        echo "TIMEOUT after ${limit}s waiting for /$done_re/" >>"$log"
    # The UARTs send CRLF; tests match whole lines.
    sed -i 's/\r$//' "$log"
    seen "$log" "$done_re" "$count"
}

# qemu_exits SECONDS LOG -- QEMU ARGS...: boot and wait for QEMU to exit by
# itself (PSCI SYSTEM_OFF).  Returns 0 if it did within the limit.
qemu_exits() {
    local limit=$1 log=$2
    shift 3
    # shellcheck disable=SC2016 # a regex no line matches
    qemu_expect "$limit" "$log" '^\$\$never\$\$' 1 -- "$@"
    ! grep -q '^TIMEOUT' "$log"
}

# Results: a suite sets suite=NAME, calls result once per test, and ends
# with summary (its last line and exit status).  After a FAIL line, result
# calls the suite's failure_details NAME LOG to show why (tests/boot/xl.sh
# sets its own; the default shows the log's tail).
suite=${suite:-boot} passed=0 failed=0 failure_details=log_tail

result() { # NAME LOG WHY-IF-FAILED ('' = passed)
    if [ -z "$3" ]; then
        echo "PASS: $suite $1"
        passed=$((passed + 1))
    else
        echo "FAIL: $suite $1: $3"
        "$failure_details" "$1" "$2"
        failed=$((failed + 1))
    fi
}

log_tail() { # NAME LOG
    echo "---- console log ($2) ----"
    tail -n 60 "$2"
    echo "----"
    # What a helper (scripts/xen/boot.sh) said on stderr, less its copy of
    # the log's tail.
    [ ! -s "$2.err" ] ||
        grep -v -e '^| ' -e ': last lines of ' "$2.err" | sed 's/^/  /'
}

summary() {
    echo "$suite boot tests: $passed passed, $failed failed"
    [ "$failed" -eq 0 ]
}

# The suites that boot Xen with the Linux dom0 (xl.sh, dom0less-xs.sh):

# dom0_host_prepare: Xen's Image in $xen (XEN_IMAGE, or what
# scripts/xen/fetch.sh fetches for XEN_VERSION), and the dom0 built (or
# found in the cache) once here, so that a failure is one clear setup
# failure and scripts/dom0/host-dtb.sh later finds it cached.  On failure
# it calls the suite's own setup_failed WHY, which does not return.
dom0_host_prepare() {
    local top
    top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
    xen=${XEN_IMAGE:-}
    if [ -z "$xen" ] && ! xen=$("$top/scripts/xen/fetch.sh"); then
        setup_failed "could not fetch Xen ${XEN_VERSION:-4.17} (scripts/xen/fetch.sh)"
    fi
    "$top/scripts/dom0/build.sh" >/dev/null ||
        setup_failed "scripts/dom0/build.sh failed"
}

# dom0_boot SUITE TAG GIC LOG: the suite's host GIC (its host DTB and dom0
# initramfs), then Xen and dom0 booted until dom0 powers off, the console
# in LOG; prints the boot's time and reports "TAG boot".  1 if
# the boot did not end with dom0's power off (its steps may still tell
# something), 2 if nothing booted: the host could not be built.
# $work, $xen (dom0_host_prepare's) and $limit are the suite's; it defines
# host() and sets boot_pid for lib.sh's cleanup.
# shellcheck disable=SC2154
dom0_boot() {
    local suite=$1 tag=$2 v=$3 log=$4 s t0 top
    top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
    : >"$log"
    if ! host "$v" >"$log.err" 2>&1; then
        result "$tag boot" "$log" "building the host DTB or initramfs failed: $(tail -n 3 "$log.err")"
        return 2
    fi
    t0=$(date +%s.%N)
    "$top/scripts/xen/boot.sh" --xen "$xen" --dtb "$work/host-gicv$v.dtb" \
        --log "$log" --timeout "$limit" --wait '^dom0: power off' \
        --fail 'Kernel panic' --fail '^dom0: FATAL' 2>"$log.err" &
    boot_pid=$!
    wait "$boot_pid"
    s=$?
    boot_pid=
    sed -i 's/\r*$//' "$log"
    echo "$suite $tag: boot took $(awk -v a="$(date +%s.%N)" -v b="$t0" \
        'BEGIN { printf "%.1f", a - b }') s; log $log"
    if [ "$s" -ne 0 ]; then
        result "$tag boot" "$log" "the boot did not reach 'dom0: power off' ($(grep -v '^| ' "$log.err" | head -n 2 | tr '\n' ' '))"
        echo "---- last lines of $log ----"
        tail -n 40 "$log"
        echo "----"
        return 1
    fi
    result "$tag boot" "$log" ""
}

# dom0_platform LOG GIC STEP: the guest of dom0 step STEP found its GIC
# and its PV console; else print what it lacked.
dom0_platform() {
    local out
    out=$(sed -n "s/^CON $3| //p" "$1")
    grep -Eq "^drivers: gicv$2, timer [1-9][0-9]* Hz" <<<"$out" ||
        echo "no 'drivers: gicv$2, timer N Hz' line"
    grep -Fxq "console: xen-pv-console" <<<"$out" ||
        echo "no 'console: xen-pv-console' line"
}

# step LOG NAME: the dom0 step NAME said OK; else print why not.
step() {
    local line
    line=$(grep -E "^STEP $2 (OK|FAIL)" "$1" | tail -n 1)
    case $line in
    "") echo "no 'STEP $2' line from dom0" ;;
    "STEP $2 OK"*) ;;
    *) echo "dom0 says: ${line#"STEP $2 "}" ;;
    esac
}

# dom0_step_details NAME LOG: a failure_details for the suites whose dom0
# script prints "CON STEP| ..." and "INFO xs|/xl ...| ..." lines (blk.sh,
# net.sh): the failed step's guest console, and Xen's last lines once per
# log (one log holds every step of a boot).  NAME is "gicvN-xenX.Y STEP".
dom0_xen_shown=
dom0_step_details() {
    local log=$2 step=${1#* }
    [ -s "$log" ] || return 0
    echo "  ---- the guest's console in step $step ----"
    grep -E "^CON $step\| " "$log" | tail -n 30 | sed 's/^/  /'
    grep -E '^INFO (xs|xl [a-z-]+)\| ' "$log" | tail -n 10 | sed 's/^/  /'
    if [ "$dom0_xen_shown" != "$log" ]; then
        dom0_xen_shown=$log
        echo "  ---- Xen's last lines ----"
        grep -E '^\((XEN|d[0-9]+)\)' "$log" | tail -n 10 | sed 's/^/  /'
    fi
    echo "  ---- the whole log, with dom0's lines: $log"
}

# fixed_seed FILE: 1 MiB from a fixed-seed generator, the bytes the PV
# suites' disks and transfers are made of, so that every run is alike.
fixed_seed() {
    python3 -c 'import random, sys
sys.stdout.buffer.write(random.Random(20261130).randbytes(1 << 20))' >"$1"
}
