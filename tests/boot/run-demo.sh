#!/usr/bin/env bash
# run-demo.sh WORK_DIR: the README's first command, scripts/run.sh, as a
# new user sees it: Xen with the Linux dom0, `xl create -c zephyr.conf`
# with the seed's config, the sample on the guest's console; then Ctrl-]
# to the dom0 shell, `xl list` showing the guest, `xl shutdown zephyr`,
# and `exit`, which powers the host off.  Keys are typed into QEMU's stdin
# through a FIFO; the console is read from the log run.sh keeps.
set -uo pipefail
here=$(dirname "$0")
# shellcheck source=tests/boot/lib.sh
. "$here/lib.sh"
work=$1
limit=${BOOT_TIMEOUT:-180}
suite=run
mkdir -p "$work"
log=build/run-xl/console.log err=$work/run.err fifo=$work/keys
rm -f "$fifo" "$log"
mkfifo "$fifo"
# Kept open for writing so that QEMU does not see end of input.
exec 3<>"$fifo"
setsid timeout -k 5 "$limit" scripts/run.sh GIC="${GIC:-3}" <"$fifo" \
    >"$work/run.out" 2>"$err" &
run_pid=$!
stop_run() {
    kill -TERM -- "-$run_pid" 2>/dev/null
    wait "$run_pid" 2>/dev/null
}
trap 'stop_run' EXIT

# until SECS REGEX [FILE]: wait for REGEX in FILE (default the console).
until_seen() {
    local end=$((SECONDS + $1))
    while [ "$SECONDS" -lt "$end" ]; do
        grep -Eq -- "$2" "${3:-$log}" 2>/dev/null && return 0
        kill -0 "$run_pid" 2>/dev/null || return 1
        sleep 0.2
    done
    return 1
}
keys() { printf '%b' "$1" >&3; }

why=
if ! until_seen "$limit" '^thread_a: Hello World from cpu [0-9]+ on xenvm!'; then
    why="no sample line on the console"
elif ! until_seen 10 '^thread_b: Hello World from cpu [0-9]+ on xenvm!'; then
    why="the sample did not go on"
elif ! until_seen 5 "run.sh: the guest's first line came [0-9.]+ s after QEMU started" "$err"; then
    why="run.sh did not say when the guest's first line came"
else
    keys '\035'
    if ! until_seen 15 'dom0: the zephyr guest keeps running'; then
        why="Ctrl-] did not leave the console"
    else
        keys 'xl list\n'
        if ! until_seen 15 '^zephyr +[0-9]+ +16 +1 '; then
            why="xl list does not show the guest"
        else
            keys 'xl shutdown zephyr\n'
            if ! until_seen 20 '^Shutting down domain [0-9]+'; then
                why="xl shutdown zephyr was not taken"
            else
                keys 'sleep 3; xl list; exit\n'
                if ! until_seen 60 '^dom0: power off'; then
                    why="exit did not power the host off"
                elif grep -Eq '^zephyr +[0-9]+' <(sed -n '/Shutting down domain/,$p' "$log"); then
                    why="the guest is still listed after xl shutdown"
                fi
            fi
        fi
    fi
fi
sed -i 's/\r$//' "$log" 2>/dev/null
cat "$err" >>"$log" 2>/dev/null
result "xl-create-console-gicv${GIC:-3}" "$log" "$why"
summary
