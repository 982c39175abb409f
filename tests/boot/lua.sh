#!/usr/bin/env bash
# lua.sh BUILD_DIR: samples/lua, Lua 5.4 built unchanged (make samples puts
# it in BUILD_DIR/samples/lua.bin), on QEMU's virt machine without Xen,
# GICv2 and GICv3, its keys typed into the serial console:
#
#   repl-gicvN    no arguments: Lua's REPL shows its banner and prompt;
#                 `print(6*7)` is echoed and answers 42, a line mended
#                 with Backspace runs as mended (print(6*8)), and Ctrl-D
#                 ends Lua, which powers the guest off
#   script-gicvN  bootargs "-- -": tests/data/lua/script.lua fed to
#                 `lua -` on stdin, ended with Ctrl-D; what it prints,
#                 from its first marker line to its last, is exactly
#                 what the host's `lua5.4 -` prints for it (TZ=UTC), and
#                 the guest powers off (main returned 0)
#
# A failure names what differed: the missing line, or the diff between
# the host's output and the guest's.
set -uo pipefail
here=$(dirname "$0")
# shellcheck source=tests/boot/lib.sh
. "$here/lib.sh"
build=${1:?usage: lua.sh BUILD_DIR}
image=$build/samples/lua.bin
script=$(cd "$here/../data/lua" && pwd)/script.lua
logs=${BOOT_LOGS:-$build/tests/logs}
limit=${BOOT_TIMEOUT:-60}
mkdir -p "$logs"
suite=lua
begin_re='^=== lua script ===$' end_re='^=== end ===$'

# The keys go through a FIFO: QEMU reads them as the guest's UART takes
# them, and sees no end of input while this script holds it open.
work=$(mktemp -d "${TMPDIR:-/tmp}/osprey-lua.XXXXXX") || exit 1
keys_fifo=$work/keys
mkfifo "$keys_fifo" || exit 1
keys=
stop_all() {
    [ -z "$keys" ] || exec {keys}>&-
    keys=
    cleanup
    rm -rf "$work"
}
trap stop_all EXIT

# A failure's details: the diff when the outputs differed, else the log.
failure_details=lua_details
lua_details() { # NAME LOG
    if [ -s "$work/$1.diff" ]; then
        echo "---- host lua5.4 (<) against the guest (>) ----"
        head -n 40 "$work/$1.diff"
        echo "---- the guest's console: $2"
    else
        log_tail "$1" "$2"
    fi
}

# boot LOG GIC APPEND: QEMU started, its console input open as $keys.
boot() {
    # shellcheck disable=SC2046
    qemu_start_input "$limit" "$1" "$keys_fifo" \
        $(qemu_machine "$2" off 128M 1) -kernel "$image" -append "$3"
    exec {keys}>"$keys_fifo"
}

# finish LOG: wait until the guest has stopped (or the time is up), then
# QEMU is stopped and the input closed.  0 if the guest stopped.
finish() {
    local rc=0
    qemu_wait "$limit" seen "$1" '^(stop|PANIC):' 1 || rc=$?
    exec {keys}>&-
    keys=
    sed -i 's/\r$//' "$1"
    [ "$rc" = 0 ] || echo "TIMEOUT after ${limit}s waiting for the guest to stop" >>"$1"
    return "$rc"
}

# wait_for LOG REGEX: until REGEX is in the log (QEMU still running),
# whose lines end in CR LF until finish.
wait_for() {
    local end=$((SECONDS + limit))
    until sed 's/\r$//' "$1" | grep -Eq -- "$2"; do
        qemu_running && [ "$SECONDS" -lt "$end" ] || return 1
        sleep 0.2
    done
}

# missing LOG REGEX...: the first REGEX not in LOG, or nothing.
missing() {
    local log=$1 re
    shift
    for re in "$@"; do
        grep -Eq -- "$re" "$log" || { echo "$re"; return; }
    done
}

repl() { # GIC
    local name=repl-gicv$1 log=$logs/lua-repl-gicv$1.log why='' re=''
    : >"$log"
    boot "$log" "$1" ""
    # The second line is mended: 9 erased with DEL, as Backspace sends it.
    if wait_for "$log" '^> ?$'; then
        printf 'print(6*7)\r' >&"$keys"
        wait_for "$log" '^42$' &&
            printf 'print(6*9\1778)\r' >&"$keys" &&
            wait_for "$log" '^48$' && printf '\004' >&"$keys"
    fi
    if ! finish "$log"; then
        why="the guest did not stop within ${limit}s"
    fi
    re=$(missing "$log" '^app: lua on dummy-virt$' \
        '^Lua 5\.4\.[0-9]+  Copyright \(C\) 1994-20[0-9]+ Lua\.org, PUC-Rio$' \
        '^> print\(6\*7\)$' '^42$' '^48$' '^stop: poweroff via psci$')
    [ -z "$re" ] || why="no line /$re/${why:+ ($why)}"
    result "$name" "$log" "$why"
}

script_matches() { # GIC
    local name=script-gicv$1 log=$logs/lua-script-gicv$1.log why=
    local out=$work/$name.out
    : >"$log"
    boot "$log" "$1" "-- -"
    cat "$script" >&"$keys"
    printf '\004' >&"$keys"
    finish "$log" || why="the guest did not stop within ${limit}s"
    sed -n "/$begin_re/,/$end_re/p" "$log" >"$out"
    if ! grep -Eq "$end_re" "$out"; then
        why="no output from the first marker to the last${why:+ ($why)}"
        grep -q '^PANIC: ' "$log" && why+=", $(grep -m 1 '^PANIC: ' "$log")"
    elif ! diff "$host_out" "$out" >"$work/$name.diff"; then
        why="the output differs from the host's lua5.4 in $(grep -c '^[<>]' "$work/$name.diff") lines, first: $(grep -m 1 '^[<>]' "$work/$name.diff")"
    elif [ -z "$why" ] && ! grep -q '^stop: poweroff via psci$' "$log"; then
        why="lua did not return 0 (no poweroff)"
    fi
    result "$name" "$log" "$why"
}

host_out=$work/host.out
if [ ! -f "$image" ]; then
    result build /dev/null "no image $image (make samples)"
elif ! command -v lua5.4 >/dev/null; then
    result host-lua /dev/null "no lua5.4 on the host to compare with (scripts/setup.sh installs it)"
elif ! (cd "$work" && TZ=UTC lua5.4 - <"$script" >"$host_out" 2>&1) ||
    ! grep -Eq "$end_re" "$host_out"; then
    result host-lua "$host_out" "the host's lua5.4 failed on $script"
else
    for gic in 2 3; do
        repl "$gic"
        script_matches "$gic"
    done
fi

summary
