#!/usr/bin/env bash
# Boot Xen and its guests in QEMU (TCG), log the serial console, and stop
# once the expected output has appeared or a hard time limit has passed.
#
# Usage: scripts/xen/boot.sh --dtb HOST.dtb [options] [-- EXTRA-QEMU-ARGS...]
#   --dtb FILE        host DTB from host-dtb.sh; FILE.boot, if present, gives
#                     the machine (gic, mem, smp) and the modules to load
#   --xen IMAGE       Xen Image (default: what fetch.sh prints)
#   --gic N --mem SIZE --smp N   machine, when FILE.boot is absent
#                     (defaults 3, 2G, 2); must agree with FILE.boot if given
#   --module FILE:ADDR   load FILE raw at ADDR (repeatable, besides FILE.boot)
#   --log FILE        console log (default: a temporary file, kept only
#                     when the run fails)
#   --echo            also copy the console to stdout as it comes
#   --timeout SECS    hard limit on the whole run (default 60)
#   --wait REGEX      stop with success once every --wait ERE has matched a
#                     line of the log (repeatable); without one, run until
#                     QEMU exits (success) or the time limit (failure)
#   --fail REGEX      stop with failure as soon as this ERE matches
#                     (repeatable; Xen's "Panic on CPU" always counts)
# Example:
#   scripts/xen/boot.sh --dtb host.dtb --timeout 30 --wait '\(d1\) hello' --echo
#
# Exit: 0 when all --wait patterns appeared; 1 on timeout, a --fail match or
# QEMU exiting first (the log tail is printed); 2 on bad usage. QEMU runs in
# its own session under timeout(1) (scripts/qemu.sh), killed on every exit
# path of this script.
# Determinism: '-- -icount shift=0,sleep=off' with --smp 1 makes runs
# repeatable; with -smp 2 Xen hangs under -icount.
set -euo pipefail
# shellcheck source=scripts/qemu.sh
. "$(dirname "$0")/../qemu.sh"

die() { echo "boot.sh: $*" >&2; exit 2; }

dtb='' xen='' log='' echo=0 limit=60 gic='' mem='' smp=''
waits=() fails=('\(XEN\) Panic on CPU') modules=()
while [ $# -gt 0 ]; do
    case $1 in
    --echo) echo=1; shift; continue ;;
    --) shift; break ;;
    esac
    [ $# -ge 2 ] || die "$1 needs a value"
    case $1 in
    --dtb) dtb=$2 ;;
    --xen) xen=$2 ;;
    --gic) gic=$2 ;;
    --mem) mem=$2 ;;
    --smp) smp=$2 ;;
    --module) modules+=("${2##*:} ${2%:*}") ;;
    --log) log=$2 ;;
    --timeout) limit=$2 ;;
    --wait) waits+=("$2") ;;
    --fail) fails+=("$2") ;;
    *) die "unknown option $1 (see the header of $0)" ;;
    esac
    shift 2
done
[ -f "$dtb" ] || die "missing --dtb FILE (or no such file)"
[[ $limit =~ ^[1-9][0-9]*$ ]] || die "--timeout must be whole seconds"

# set_machine KEY VALUE: a value from FILE.boot; an explicit option must agree.
set_machine() {
    local -n var=$1
    [ -z "$var" ] || [ "$var" = "$2" ] ||
        die "--$1 $var, but $dtb was built for $1 $2 (rebuild it)"
    var=$2
}
if [ -f "$dtb.boot" ]; then
    qemu_boot_read "$dtb"
    [ -z "$boot_gic" ] || set_machine gic "$boot_gic"
    [ -z "$boot_mem" ] || set_machine mem "$boot_mem"
    [ -z "$boot_smp" ] || set_machine smp "$boot_smp"
    modules+=("${boot_modules[@]}")
fi
: "${gic:=3}" "${mem:=2G}" "${smp:=2}"
[ -n "$xen" ] || xen=$("$(dirname "$0")/fetch.sh")

for m in "${modules[@]}"; do
    [ -f "${m#* }" ] || die "module file not found: ${m#* }"
done
mapfile -t args < <(qemu_machine "$gic" on "$mem" "$smp"
    printf '%s\n' -kernel "$xen" -dtb "$dtb"
    for m in "${modules[@]}"; do qemu_loader "${m#* }" "${m%% *}"; done)

temp_log=0
[ -n "$log" ] || { log=$(mktemp "${TMPDIR:-/tmp}/xen-boot.XXXXXX.log"); temp_log=1; }
: >"$log"

tail_pid=''
cleanup() {
    qemu_stop
    # tail(1) copies what is left of the log, then sees QEMU gone and stops.
    [ -z "$tail_pid" ] || wait "$tail_pid" 2>/dev/null || true
    tail_pid=''
}
trap cleanup EXIT
trap 'echo "boot.sh: interrupted" >&2; exit 130' INT TERM HUP

qemu_start "$limit" "$log" "${args[@]}" "$@"
if [ "$echo" = 1 ]; then
    tail -s 0.1 -n +1 -f --pid="$qemu_pid" "$log" &
    tail_pid=$!
fi

# all_seen: every --wait pattern has matched somewhere in the log.
# shellcheck disable=SC2317 # called through qemu_wait
all_seen() {
    local re
    for re in "${waits[@]}"; do
        grep -Eq -- "$re" "$log" || return 1
    done
}

finish() {
    local status=$1 why=$2
    cleanup
    if [ "$status" -ne 0 ]; then
        echo "boot.sh: $why" >&2
        echo "boot.sh: last lines of $log:" >&2
        tail -n 25 "$log" | tr -d '\r' | sed 's/^/| /' >&2
    elif [ "$temp_log" = 1 ]; then
        rm -f "$log"
    fi
    exit "$status"
}

# decided: every --wait pattern appeared (verdict 0) or a --fail one did
# (verdict 1, why says which).
verdict='' why=''
# shellcheck disable=SC2317 # called through qemu_wait
decided() {
    local re
    [ ${#waits[@]} -gt 0 ] && all_seen && { verdict=0; return 0; }
    for re in "${fails[@]}"; do
        if grep -Eq -- "$re" "$log"; then
            verdict=1 why="failure pattern '$re' appeared"
            return 0
        fi
    done
    return 1
}

status=0
qemu_wait "$limit" decided || status=$?
case $status in
0) finish "$verdict" "$why" ;;
1) if [ ${#waits[@]} -gt 0 ]; then
       finish 1 "QEMU exited (status $qemu_status) before all --wait patterns appeared"
   fi
   [ "$qemu_status" -eq 0 ] && finish 0 ""
   finish 1 "QEMU exited with status $qemu_status" ;;
*) what="all --wait patterns appeared"
   [ ${#waits[@]} -gt 0 ] || what="QEMU exited"
   finish 1 "timeout: ${limit}s passed before $what" ;;
esac
