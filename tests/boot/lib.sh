# Shared by the boot tests: run QEMU with a hard time limit, its serial
# console captured to a log, and stop it as soon as the log has what the
# test waits for.  QEMU runs in its own process group, killed on every exit.
# shellcheck shell=bash

QEMU=${QEMU:-qemu-system-aarch64}
qemu_pgid=

qemu_kill() {
    if [ -n "$qemu_pgid" ]; then
        kill -TERM -- "-$qemu_pgid" 2>/dev/null || true
        sleep 0.2
        kill -KILL -- "-$qemu_pgid" 2>/dev/null || true
        qemu_pgid=
    fi
}

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
    qemu_kill
    stop_boot
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT TERM HUP

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
    local limit=$1 log=$2 done_re=$3 count=$4 start now
    shift 5
    : >"$log"
    setsid "$QEMU" "$@" </dev/null >"$log" 2>&1 &
    qemu_pgid=$!
    start=$(date +%s)
    while :; do
        if seen "$log" "$done_re" "$count"; then
            qemu_kill
            break
        fi
        if ! kill -0 "$qemu_pgid" 2>/dev/null; then
            qemu_pgid=
            break
        fi
        now=$(date +%s)
        if [ $((now - start)) -ge "$limit" ]; then
            qemu_kill
            echo "TIMEOUT after ${limit}s waiting for /$done_re/" >>"$log"
            break
        fi
        sleep 0.2
    done
    # The UARTs send CRLF; tests match whole lines.
    sed -i 's/\r$//' "$log"
    seen "$log" "$done_re" "$count"
}

# qemu_exits SECONDS LOG -- QEMU ARGS...: boot and wait for QEMU to exit by
# itself (PSCI SYSTEM_OFF).  Returns 0 if it did within the limit.
qemu_exits() {
    local limit=$1 log=$2
    shift 3
    qemu_expect "$limit" "$log" '^\$\$never\$\$' 1 -- "$@"
    ! grep -q '^TIMEOUT' "$log"
}

fail_with_log() {
    local log=$1
    shift
    echo "FAIL: $*"
    echo "---- console log ($log) ----"
    tail -n 60 "$log"
    echo "----"
    return 1
}

# Results: a suite sets suite=NAME, calls result once per test, and ends
# with summary (its last line and exit status).
suite=${suite:-boot} passed=0 failed=0

result() { # NAME LOG WHY-IF-FAILED ('' = passed)
    if [ -z "$3" ]; then
        echo "PASS: $suite $1"
        passed=$((passed + 1))
    else
        fail_with_log "$2" "$suite $1: $3"
        # What a helper (scripts/xen/boot.sh) said on stderr, less its
        # copy of the log's tail.
        [ ! -s "$2.err" ] ||
            grep -v -e '^| ' -e ': last lines of ' "$2.err" | sed 's/^/  /'
        failed=$((failed + 1))
    fi
}

summary() {
    echo "$suite boot tests: $passed passed, $failed failed"
    [ "$failed" -eq 0 ]
}
