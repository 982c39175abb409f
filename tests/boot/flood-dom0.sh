#!/bin/sh
# The steps of tests/boot/flood.sh, run inside the dom0 test host (busybox
# sh, see scripts/dom0/init) as /test/run.sh, next to zephyr.bin, a file
# "gic" with the host's GIC version, "params" (the durations below),
# seed.bin (1 MiB of fixed pseudo-random bytes), dom0-lib.sh and the tools
# of tests/tools/flood.
#
# Two guests of zephyr.bin on dom0's bridge xenbr0 (10.0.0.1/24, Linux's
# xen-netback), static addresses:
#   flood-httpd  app=httpd at 10.0.0.2: the page on 80, the TCP sink on
#                5001 and source on 5002, UDP echo on 7; the target
#   flood-shell  app=shell at 10.0.0.4 with a 16 MiB disk (16 copies of
#                seed.bin, xen-blkback): the neighbour whose `disk-sum`
#                must complete
# For each flood from dom0 (a UDP flood, a SYN flood, one spoofed echo
# datagram, slow clients on 80, 5001 and 5002, a UDP flood of the shell
# guest): DURING it dom0 pings the target, fetches the page and checks
# the flooded service, and the shell guest sums its disk, all at once;
# AFTER it, the same must answer within RECOVER_OK seconds (the time to
# recover is measured, up to RECOVER_SECS).  A guest that did not recover
# is destroyed and created again, so that the next flood meets a guest
# that works.  At the end, xl shutdown must end both guests.
# It prints, on the console Xen's serial shows:
#   STEP NAME OK                    a step passed
#   STEP NAME FAIL REASON           it did not
#   CON NAME| LINE                  a guest's console during step NAME
#   INFO figure NAME: ...           a figure: rates, what was served,
#                                   recovery times, memory
#   INFO ...                        anything else worth seeing in a log
# shellcheck source=tests/boot/dom0-lib.sh
. ./dom0-lib.sh
gic=$(cat gic)
# FLOOD_SECS, SLOW_N, SLOW_GAP_MS, SLOW_SECS, RECOVER_SECS, RECOVER_OK,
# PING_COUNT, PING_MIN, SPOOF_CPU_MAX: see tests/boot/flood.sh.
# shellcheck disable=SC1091 # written by flood.sh
. ./params
mac=00:16:3e:4e:00
h=flood-httpd hip=10.0.0.2
s=flood-shell sip=10.0.0.4
# SYNs come from 10.0.0.200-249: nothing on the bridge answers for them.
syn_src=10.0.0.200 syn_count=50
disk=/tmp/flood-disk.img
sum_line="$(cksum <seed.bin | cut -d' ' -f1,2)"

# start NAME MAC IP [DISK]: a guest of zephyr.bin at IP with a vif (and
# DISK, an xl disk spec), up when its address line is out (20 s).
start() {
    rm -f "$(logof "$1")"
    app=httpd
    [ -z "${4:-}" ] || app=shell
    {
        echo "kernel=\"$PWD/zephyr.bin\""
        echo "name=\"$1\""
        echo 'memory=32'
        echo 'vcpus=1'
        echo 'on_crash="preserve"'
        echo "extra=\"app=$app ip=$3/24 gw=10.0.0.1\""
        echo "vif=['bridge=xenbr0,mac=$2']"
        [ -z "${4:-}" ] || echo "disk=['$4']"
    } >"$1.conf"
    t0=$(now)
    out=$(timeout 30 xl create "$1.conf" 2>&1)
    rc=$?
    echo "$out" | sed "s/^/INFO xl create $1| /"
    echo "INFO $1: xl create took $(since "$t0") s (at $(now)s)"
    [ "$rc" -eq 0 ] &&
        wait_for "$1" "^net: en[0-9]+ $3/24 gw 10\\.0\\.0\\.1 mac $2\$" 1 20
}

start_httpd() { start $h $mac:02 $hip; }
start_shell() {
    start $s $mac:04 $sip "format=raw,vdev=xvda,access=ro,target=$disk" &&
        wait_for $s '^shell: ready' 1 10
}

# restart NAME: NAME did not recover: its console so far, then anew.
restart() {
    show restart "$1" 1
    echo "INFO restarting $1 (at $(now)s)"
    destroy "$1"
    if [ "$1" = $h ]; then start_httpd; else start_shell; fi ||
        echo "INFO $1 did not come back"
}

# vif NAME: NAME's vif in dom0 (netback's tx is to the guest).
vif() {
    id=$(timeout 5 xl domid "$1" 2>/dev/null) &&
        echo "/sys/class/net/vif$id.0/statistics"
}

# frames NAME: "to-guest dropped from-guest" frame counts of NAME's vif.
frames() {
    if ! v=$(vif "$1") || [ ! -d "$v" ]; then
        echo "0 0 0"
        return
    fi
    echo "$(cat "$v/tx_packets") $(cat "$v/tx_dropped") $(cat "$v/rx_packets")"
}

# frames_since TAG NAME BEFORE T0: a figure, NAME's vif traffic since
# BEFORE (frames' output) at T0.
frames_since() {
    # shellcheck disable=SC2046,SC2086 # BEFORE and frames: three numbers
    set -- "$1" "$2" "$4" $3 $(frames "$2")
    awk -v t="$1" -v n="$2" -v s="$(since "$3")" -v a="$4" -v b="$5" \
        -v c="$6" -v d="$7" -v e="$8" -v f="$9" 'BEGIN {
        printf "INFO figure %s: the vif of %s in %.1f s: %d frames to it (%.0f/s), %d dropped by netback, %d from it (%.0f/s)\n",
            t, n, s, d - a, (d - a) / s, e - b, f - c, (f - c) / s }'
}

# cpu NAME: NAME's CPU seconds so far (xl list), 0 if it is gone.
cpu() {
    timeout 5 xl list "$1" 2>/dev/null |
        awk -v n="$1" '$1 == n { t = $6 } END { print t + 0 }'
}

# cpu_since TAG NAME BEFORE T0: a figure, NAME's share of a CPU since
# BEFORE (cpu's output) at T0, in $cpu_pct.
cpu_since() {
    cpu_pct=$(awk -v a="$3" -v b="$(cpu "$2")" -v s="$(since "$4")" \
        'BEGIN { printf "%.0f", (b - a) * 100 / s }')
    echo "INFO figure $1: $2 used $cpu_pct % of a CPU over $(since "$4") s"
}

# disk_sum TAG SECS: the shell guest's disk-sum of xvda within SECS;
# sets $disk_why ('' if it completed with the right sums).
disk_sum() {
    sum_from=$(mark $s)
    sum_t0=$(now)
    disk_why=
    type_in $s 'disk-sum xvda'
    if ! wait_for $s '^disk-sum xvda: (done|error)' 1 "$2" "$sum_from"; then
        disk_why="no 'disk-sum xvda: done' within $2 s"
    elif ! lines $s '^disk-sum xvda: done 16 MiB' "$sum_from" >/dev/null; then
        disk_why="$(lines $s '^disk-sum xvda: ' "$sum_from" | head -n 1)"
    elif [ "$(lines $s '^disk-sum xvda [0-9]+: ' "$sum_from" |
        grep -vc ": $sum_line\$")" -ne 0 ]; then
        disk_why="a MiB's sum is not seed.bin's ($sum_line)"
    fi
    echo "INFO figure $1: disk-sum: $(lines $s '^disk-sum xvda: ' \
        "$sum_from" | head -n 1) (dom0 saw $(since "$sum_t0") s)"
    show "$1" $s "$sum_from" shell:
}

# service TAG PORT IP: the flooded service itself, answered within 15 s;
# its verdict ('' or why not) in TAG.svc.
service() {
    case $2 in
    5001)
        want="sink 100000 bytes cksum $(head -c 100000 seed.bin | cksum |
            cut -d' ' -f1)"
        got=$(head -c 100000 seed.bin | timeout 15 nc "$3" 5001 |
            tr -d '\r')
        [ "$got" = "$want" ] ||
            echo "the sink said '$got' within 15 s, want '$want'" ;;
    5002)
        got=$(echo 'send 100000' | timeout 15 nc "$3" 5002 | wc -c)
        [ "$got" -eq 100000 ] ||
            echo "the source sent $got bytes within 15 s, want 100000" ;;
    7)
        out=$(./udp-echo "$3" 7 5) || echo "$out" ;;
    *) ;;
    esac >"$1.svc" 2>/dev/null
}

# mem TAG PAGE: the guest's lwIP memory line (one starting "mem") if the
# page has one.
mem() {
    grep -E '^mem' "$2" 2>/dev/null | sed "s/^/INFO figure $1: /"
}

# probe TAG TARGET [PORT]: all at once: dom0 pings TARGET PING_COUNT
# times, fetches flood-httpd's page (15 s) and checks service PORT of
# TARGET; the shell guest sums its disk (20 s).  Sets $why ('' if all
# answered, else what did not).
probe() {
    why=
    timeout $((PING_COUNT * 2 + 5)) ping -c "$PING_COUNT" -i 1 -W 2 "$2" \
        >"$1.ping" 2>&1 &
    ping_pid=$!
    (
        t=$(now)
        timeout 15 wget -qO "$1.page" "http://$hip/" 2>"$1.wget"
        rc=$?
        echo "$rc $(since "$t")" >"$1.wget-rc"
    ) &
    page_pid=$!
    rm -f "$1.svc"
    svc_pid=
    if [ -n "${3:-}" ] && [ "$3" != 80 ]; then
        service "$1" "$3" "$2" &
        svc_pid=$!
    fi
    disk_sum "$1" 20
    wait "$ping_pid"
    wait "$page_pid"
    [ -z "$svc_pid" ] || wait "$svc_pid"

    got=$(sed -n 's/.* \([0-9]*\) packets received.*/\1/p' "$1.ping")
    echo "INFO figure $1: $2 answered ${got:-0}/$PING_COUNT pings ($(grep -o 'min/avg/max.*' "$1.ping"))"
    [ "${got:-0}" -ge "$PING_MIN" ] ||
        why="$why; ${got:-0}/$PING_COUNT pings of $2 answered (want $PING_MIN)"
    read -r rc secs <"$1.wget-rc"
    if [ "$rc" -eq 0 ] && grep -q '^xen 4\.' "$1.page"; then
        echo "INFO figure $1: the page served in $secs s"
        mem "$1" "$1.page"
    else
        echo "INFO figure $1: no page (wget: $rc after $secs s: $(head -c 200 "$1.wget" | tr '\n' ' '))"
        why="$why; no page from $hip within 15 s"
    fi
    if [ -n "$svc_pid" ]; then
        if [ -s "$1.svc" ]; then
            echo "INFO figure $1: port $3: $(head -n 1 "$1.svc")"
            why="$why; port $3: $(head -n 1 "$1.svc")"
        else
            echo "INFO figure $1: port $3 answered"
        fi
    fi
    [ -z "$disk_why" ] || why="$why; $disk_why"
    why=${why#; }
}

# recover TAG TARGET [PORT]: after a flood: the seconds until TARGET
# answers a ping and flood-httpd its page, in $recovered (empty if not
# within RECOVER_SECS); then the full probe.  The step TAG says OK if
# that took at most RECOVER_OK seconds and the probe found all well.
recover() {
    rec_t0=$(now)
    centis
    end=$((centis + RECOVER_SECS * 100))
    recovered=
    while :; do
        if ping -c 1 -W 1 "$2" >/dev/null 2>&1 &&
            timeout 5 wget -qO "$1.page" "http://$hip/" 2>/dev/null; then
            recovered=$(since "$rec_t0")
            break
        fi
        centis
        [ "$centis" -le "$end" ] || break
        sleep 0.2
    done
    if [ -z "$recovered" ]; then
        echo "INFO figure $1: no ping and page within $RECOVER_SECS s"
        fail "$1" "$2 and the page did not answer within $RECOVER_SECS s after the flood"
        return 1
    fi
    echo "INFO figure $1: recovered in $recovered s"
    mem "$1" "$1.page"
    probe "$1" "$2" "${3:-}"
    if awk -v r="$recovered" -v m="$RECOVER_OK" 'BEGIN { exit !(r > m) }'; then
        why="answered again only after $recovered s (want $RECOVER_OK)${why:+; $why}"
    fi
    if [ -n "$why" ]; then fail "$1" "$why"; else ok "$1"; fi
}

# ran NAME: why flood NAME's tool did not do what it should have ('' if
# it did): a flood sent nothing, slow clients did not all connect.
ran() {
    case $1 in
    slow-*)
        grep -Eq "^slow-clients: $((SLOW_N + 1)) of $((SLOW_N + 1)) connected" \
            "$1.out" || echo "not all slow clients connected" ;;
    *)
        grep -Eq '^[a-z-]+: [1-9][0-9]* [A-Za-z]+ in ' "$1.out" ||
            echo "the flood sent nothing" ;;
    esac
}

# flood NAME TARGET_NAME TARGET DURING_PORT AFTER_PORT COMMAND...:
# COMMAND in the background, the flood NAME of TARGET; the steps
# NAME-during (the probe 3 s into it, with service DURING_PORT checked)
# and NAME-after (the recovery once it ended, with AFTER_PORT).  A target
# that did not recover starts anew, as does the shell guest if its
# disk-sum failed.
flood() {
    name=$1 target=$2 ip=$3 during_port=$4 after_port=$5
    shift 5
    echo "INFO flood $name: $* (at $(now)s)"
    fl_from=$(mark "$target")
    fl_before=$(frames "$target")
    fl_cpu=$(cpu "$target")
    fl_t0=$(now)
    "$@" >"$name.out" 2>&1 &
    fl_pid=$!
    sleep 3
    probe "$name-during" "$ip" "$during_port"
    kill -0 "$fl_pid" 2>/dev/null ||
        why="${why:+$why; }the flood ended before the probe did"
    wait "$fl_pid"
    sed "s/^/INFO figure $name-during: /" "$name.out"
    frames_since "$name-during" "$target" "$fl_before" "$fl_t0"
    cpu_since "$name-during" "$target" "$fl_cpu" "$fl_t0"
    fl_ran=$(ran "$name")
    why="$why${why:+${fl_ran:+; }}$fl_ran"
    if [ -n "$why" ]; then fail "$name-during" "$why"; else ok "$name-during"; fi
    show "$name-during" "$target" "$fl_from"
    fl_from=$(mark "$target")
    fl_cpu=$(cpu "$target")
    fl_t0=$(now)
    if recover "$name-after" "$ip" "$after_port"; then
        show "$name-after" "$target" "$fl_from"
        [ -z "$disk_why" ] || restart $s
    else
        cpu_since "$name-after" "$target" "$fl_cpu" "$fl_t0"
        show "$name-after" "$target" "$fl_from"
        restart "$target"
        if [ "$target" != $s ]; then
            disk_sum "$name-after" 20
            [ -z "$disk_why" ] || restart $s
        fi
    fi
}

echo "INFO host GICv$gic, dom0 up at $(now)s"
echo "INFO params: $(tr '\n' ' ' <params)"
i=0
while [ "$i" -lt 16 ]; do cat seed.bin; i=$((i + 1)); done >$disk

# Both guests, and everything answering before any flood.
if ! start_httpd; then
    fail start "flood-httpd did not print its address"
elif ! start_shell; then
    fail start "flood-shell did not print its address or start its shell"
else
    ok start
fi
show start $h 1
show start $s 1 shell:
cpu_before=$(cpu $h)
t0=$(now)
probe baseline $hip 7
cpu_since baseline $h "$cpu_before" "$t0"
for port in 5001 5002; do
    service baseline-$port $port $hip
    [ ! -s baseline-$port.svc ] ||
        why="${why:+$why; }port $port: $(head -n 1 baseline-$port.svc)"
done
if [ -n "$why" ]; then fail baseline "$why"; else ok baseline; fi

# A UDP flood of the echo port: every datagram is answered, if it can be.
flood udp $h $hip '' 7 ./udp-flood $hip 7 "$FLOOD_SECS"

# One datagram from the echo port of the guest's own address: the probe
# (and the echo) must answer for as long as a flood would last.
# A guest whose echo sends the datagram to itself over and over stays
# busy, even if it still answers: it must not use more of its CPU than
# the probe makes it (SPOOF_CPU_MAX %).
from=$(mark $h)
before=$(frames $h)
cpu_before=$(cpu $h)
t0=$(now)
./spoof-echo $hip 2>&1 | sed 's/^/INFO figure spoof: /'
sleep 2
probe spoof $hip 7
frames_since spoof $h "$before" "$t0"
cpu_since spoof $h "$cpu_before" "$t0"
[ "$cpu_pct" -le "$SPOOF_CPU_MAX" ] ||
    why="${why:+$why; }$h used $cpu_pct % of a CPU after one datagram (want at most $SPOOF_CPU_MAX %)"
if [ -n "$why" ]; then
    fail spoof "$why"
    show spoof $h "$from"
    restart $h
else
    ok spoof
    show spoof $h "$from"
fi

# Slow clients on each TCP service: SLOW_N send a byte every SLOW_GAP_MS
# (under the 5 s a receive may wait), one sends nothing, for SLOW_SECS.
for port in 80 5001 5002; do
    flood slow-$port $h $hip $port $port \
        ./slow-clients $hip $port "$SLOW_N" "$SLOW_SECS" "$SLOW_GAP_MS"
done

# A SYN flood of the page's port from addresses nobody answers for.
flood syn $h $hip '' 80 ./syn-flood $hip 80 "$FLOOD_SECS" $syn_src $syn_count

# A UDP flood of the shell guest: its own disk-sum must still complete.
flood udp-shell $s $sip '' '' ./udp-flood $sip 7 "$FLOOD_SECS"
from=$(mark $s)
type_in $s ifconfig
wait_for $s '^vif0 rx ' 1 5 "$from"
lines $s '^mem' "$from" | sed 's/^/INFO figure udp-shell-after: shell /'

# xl shutdown ends both guests within 10 s.
why=
for g in $h $s; do
    from=$(mark "$g")
    timeout 10 xl shutdown "$g" 2>&1 | sed "s/^/INFO xl shutdown $g| /"
    gone "$g" 10 || why="${why:+$why; }$g still there 10 s after xl shutdown"
    show shutdown "$g" "$from"
done
if [ -n "$why" ]; then fail shutdown "$why"; else ok shutdown; fi
destroy $h
destroy $s
echo "INFO all steps done at $(now)s"
