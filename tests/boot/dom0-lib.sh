# Helpers for a suite's steps inside the dom0 test host (busybox sh, see
# scripts/dom0/init), about guests by name and their consoles, which
# xenconsoled writes to one file each.  Sourced by tests/boot/flood-dom0.sh
# and net-dom0.sh (copied next to them as /test/dom0-lib.sh).  blk-dom0.sh
# predates it and carries its own, on one guest's log rather than by name.
# Every wait has a time limit and every xl command runs under timeout(1).
# shellcheck shell=sh

log_dir=/var/log/xen/console

now() { cut -d' ' -f1 /proc/uptime; }
since() { awk -v a="$(now)" -v b="$1" 'BEGIN { printf "%.2f", a - b }'; }
ok() { echo "STEP $1 OK ($(now)s)"; }
fail() {
    step=$1
    shift
    echo "STEP $step FAIL $* ($(now)s)"
}

# logof NAME: guest NAME's console log (xenconsoled --log=guest).
logof() { echo "$log_dir/guest-$1.log"; }

# console NAME FROM: NAME's console from line FROM, less the shell
# prompts that begin a line: what a shell guest prints by itself (a link
# coming up) follows the prompt on its line.
console() {
    [ -f "$(logof "$1")" ] || return 0
    tail -n +"$2" "$(logof "$1")" | tr -d '\r' | sed 's/^\(osprey> \)*//'
}

# count NAME REGEX [FROM]: NAME's console lines (from FROM) that match.
count() { console "$1" "${3:-1}" | grep -Ec -- "$2"; }

# lines NAME REGEX [FROM]: NAME's console lines (from FROM) that match.
lines() { console "$1" "${3:-1}" | grep -E -- "$2"; }

# mark NAME: the line of NAME's console log the next output starts at.
mark() {
    [ -f "$(logof "$1")" ] || { echo 1; return; }
    echo $(($(wc -l <"$(logof "$1")") + 1))
}

# centis: /proc/uptime in hundredths of a second, in $centis (no fork: a
# wait's limit must not stretch with the cost of each check under TCG).
centis() {
    read -r centis _ </proc/uptime
    centis=${centis%.*}${centis#*.}
    centis=${centis#0}
}

# state NAME: NAME's state letters in xl list, empty if it is gone.
state() {
    timeout 5 xl list "$1" 2>/dev/null | awk -v n="$1" '$1 == n { print $5 }'
}

# wait_for NAME REGEX N SECS [FROM]: until N of NAME's console lines
# (from FROM) match, at most SECS; gives up early if it crashed or left.
wait_for() {
    centis
    end=$((centis + $4 * 100)) next=$((centis + 100))
    while [ "$(count "$1" "$2" "${5:-1}")" -lt "$3" ]; do
        centis
        [ "$centis" -le "$end" ] || return 1
        if [ "$centis" -ge "$next" ]; then
            next=$((centis + 100))
            case $(state "$1") in
            *c*) echo "INFO $1 crashed"; return 1 ;;
            "") echo "INFO $1 is gone"; return 1 ;;
            esac
        fi
        sleep 0.1
    done
}

# show STEP NAME FROM [LABEL]: NAME's console from line FROM as
# "CON STEP| LABEL LINE", the lines tests/boot/lib.sh shows for a failed
# step.
show() {
    f=$(logof "$2")
    [ -f "$f" ] || { echo "INFO $1: no $f"; return; }
    # awk: the last line (a prompt) gets its newline too.
    tail -n +"$3" "$f" | tr -d '\r' |
        awk -v p="CON $1| ${4:+$4 }" '{ print p $0 }'
}

# gone NAME SECS: NAME has left xl list within SECS.
gone() {
    centis
    end=$((centis + $2 * 100))
    while timeout 5 xl domid "$1" >/dev/null 2>&1; do
        centis
        [ "$centis" -le "$end" ] || return 1
        sleep 0.1
    done
}

destroy() {
    timeout 10 xl destroy "$1" >/dev/null 2>&1
    gone "$1" 5
}

# type_in NAME LINE: type LINE and Enter into NAME's PV console, through
# the pty xenconsoled serves.
type_in() {
    id=$(timeout 5 xl domid "$1") &&
        tty=$(timeout 5 xenstore-read "/local/domain/$id/console/tty") &&
        printf '%s\r' "$2" >"$tty"
}
