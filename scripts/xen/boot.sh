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
# its own session under timeout(1), killed on every exit path of this script.
# Determinism: '-- -icount shift=0,sleep=off' with --smp 1 makes runs
# repeatable; with -smp 2 Xen hangs under -icount.
set -euo pipefail

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
    while read -r key value; do
        case $key in
        gic|mem|smp) set_machine "$key" "$value" ;;
        module) modules+=("$value") ;;
        esac
    done <"$dtb.boot"
fi
: "${gic:=3}" "${mem:=2G}" "${smp:=2}"
[ -n "$xen" ] || xen=$("$(dirname "$0")/fetch.sh")

args=(-machine "virt,virtualization=on,gic-version=$gic" -cpu cortex-a57
      -smp "$smp" -m "$mem" -nographic -nic none -no-reboot -kernel "$xen" -dtb "$dtb")
for m in "${modules[@]}"; do
    addr=${m%% *} file=${m#* }
    [ -f "$file" ] || die "module file not found: $file"
    args+=(-device "loader,file=$file,addr=$addr,force-raw=on")
done

temp_log=0
[ -n "$log" ] || { log=$(mktemp "${TMPDIR:-/tmp}/xen-boot.XXXXXX.log"); temp_log=1; }
: >"$log"

qemu_pid='' tail_pid=''
cleanup() {
    # $qemu_pid is timeout(1), leader of QEMU's session: it passes TERM on
    # to QEMU, reaps it, and sends KILL 2 s later if QEMU is still there.
    # The group KILL after that catches anything left in the session.
    if [ -n "$qemu_pid" ]; then
        kill -TERM "$qemu_pid" 2>/dev/null || true
        wait "$qemu_pid" 2>/dev/null || true
        kill -KILL -- "-$qemu_pid" 2>/dev/null || true
        qemu_pid=''
    fi
    # tail(1) copies what is left of the log, then sees QEMU gone and stops.
    [ -z "$tail_pid" ] || wait "$tail_pid" 2>/dev/null || true
    tail_pid=''
}
trap cleanup EXIT
trap 'echo "boot.sh: interrupted" >&2; exit 130' INT TERM HUP

# timeout(1) bounds QEMU even if this script is killed with SIGKILL.
setsid timeout -k 2 "$((limit + 5))" qemu-system-aarch64 "${args[@]}" "$@" \
    </dev/null >"$log" 2>&1 &
qemu_pid=$!
if [ "$echo" = 1 ]; then
    tail -s 0.1 -n +1 -f --pid="$qemu_pid" "$log" &
    tail_pid=$!
fi

# all_seen: every --wait pattern has matched somewhere in the log.
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

# Microseconds, from bash's EPOCHREALTIME whatever the locale's decimal mark.
now_us() { echo "${EPOCHREALTIME//[!0-9]/}"; }
deadline=$(($(now_us) + limit * 1000000))
while :; do
    [ ${#waits[@]} -gt 0 ] && all_seen && finish 0 ""
    for re in "${fails[@]}"; do
        grep -Eq -- "$re" "$log" && finish 1 "failure pattern '$re' appeared"
    done
    if ! kill -0 "$qemu_pid" 2>/dev/null; then
        rc=0; wait "$qemu_pid" || rc=$?
        qemu_pid=''
        # QEMU may have printed the last awaited line just before exiting.
        if [ ${#waits[@]} -gt 0 ]; then
            all_seen && finish 0 ""
            finish 1 "QEMU exited (status $rc) before all --wait patterns appeared"
        fi
        [ "$rc" -eq 0 ] && finish 0 ""
        finish 1 "QEMU exited with status $rc"
    fi
    what="all --wait patterns appeared"
    [ ${#waits[@]} -gt 0 ] || what="QEMU exited"
    [ "$(now_us)" -lt "$deadline" ] || finish 1 "timeout: ${limit}s passed before $what"
    sleep 0.1
done
