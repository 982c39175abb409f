#!/bin/sh
# The dom0 side of scripts/bench/blk.sh, run inside the dom0 test host
# (busybox sh, scripts/dom0/init) as /test/run.sh, next to zephyr.bin,
# linux/Image and linux/initrd.gz (scripts/domu/build.sh's domU with
# /bin/blkbench added) and "params" (MIB, SEQ_KIB, SEQ_MIB, SEQ_DEPTH,
# RAND_KIB, RAND_MIB, RAND_DEPTH, REPS, CONFIGS, GUEST_MEMORY,
# LINUX_MEMORY, LINUX: 0 leaves Linux out, LINUX_ARGS: added to its
# command line, e.g. " xen_blkfront.feature_persistent=0", and ORDER_0
# .. ORDER_REPS: each round's order, see below).
#
# The guests: the Linux domU (guest 1, unless LINUX=0), then zephyr.bin
# once per CONFIGS entry (LABEL:OPTIONS, OPTIONS a blkfront= list or "-"
# for none; the guest is named osprey-LABEL), numbered in that order.
# All of them are started first and stay up to the end, each with its
# own loop device on one image file of MIB MiB in dom0's RAM, served by
# xen-blkback as xvda.  Then a warm-up round (0) and REPS rounds of the
# figures: sequential read, write, random read.  For each figure of
# round R the guests take their turn in the order ORDER_R (guest
# numbers; blk.sh shuffles them with a recorded seed), one at a time,
# so that every configuration meets the same conditions at about the
# same time and a figure can be set against Linux's of the same round.
# An Osprey guest is paused (xl pause) but for its turns: its shell
# polls the console every 20 ms, which would load the others' turns.
# Linux is left running, idle: paused, it would report soft lockups
# when resumed (its clock runs on), and an idle Linux wakes rarely.
# Each guest's console is a pty xenconsoled serves: the commands are
# typed into it, Linux's busybox shell running blkbench, Osprey's shell
# running disk-bench, the same measurement (see blkbench.c).
#
# It prints, on the console Xen's serial shows:
#   USE GUEST KEY=VALUE...       what the frontend and backend agreed on
#   ORDER REP GUEST...           the order of round REP
#   R GUEST FIGURE REP KBPS IOPS MS REQS SECTORS KICKS OO
#                                one measurement (REP 0: the warm-up
#                                round, not a figure): the guest's KB/s and
#                                IOPS, and blkback's counts over it
#                                (statistics/{rd,wr}_req, {rd,wr}_sect,
#                                the "blkif-backend" interrupts, i.e. the
#                                frontends' notifications: the idle
#                                guests send none, and oo_req)
#   FAIL GUEST WHY               a guest or a figure failed
#   CON GUEST| LINE              an Osprey guest's console, at its end
#   INFO ...                     anything else worth seeing in a log
# Every wait has a time limit and every xl command runs under timeout(1).
# shellcheck disable=SC1091,SC2153 # params comes from blk.sh
. ./params
log_dir=/var/log/xen/console
vdev=51712	# xvda
# busybox sh runs its own losetup applet for a bare "losetup":
# util-linux's, which init links in /bin, as the hotplug scripts use.
losetup=/bin/losetup

now() { cut -d' ' -f1 /proc/uptime; }
since() { awk -v a="$(now)" -v b="$1" 'BEGIN { printf "%.2f", a - b }'; }

# centis: /proc/uptime in hundredths of a second, in $centis (no fork).
centis() {
    read -r centis _ </proc/uptime
    centis=${centis%.*}${centis#*.}
    centis=${centis#0}
}

# count REGEX FROM: console lines of $log from line FROM matching REGEX.
count() {
    [ -f "$log" ] || { echo 0; return; }
    tail -n +"$2" "$log" | tr -d '\r' | grep -Ec -- "$1"
}

# mark: the console log line the next command's output starts at.
mark() {
    [ -f "$log" ] || { echo 1; return; }
    echo $(($(wc -l <"$log") + 1))
}

# wait_for REGEX SECS FROM: a line from FROM matches, within SECS.
wait_for() {
    centis
    end=$((centis + $2 * 100))
    while [ "$(count "$1" "$3")" -lt 1 ]; do
        centis
        [ "$centis" -le "$end" ] || return 1
        sleep 0.1
    done
}

# line REGEX FROM: the first such line.
line() { tail -n +"$2" "$log" | tr -d '\r' | grep -E -- "$1" | head -n 1; }

# stats: blkback's counters for the current guest's xvda and the
# frontends' notifications so far: "REQS SECTORS KICKS OO".
stats() {
    s=/sys/bus/xen-backend/devices/vbd-$id-$vdev/statistics
    r=$(($(cat "$s/rd_req") + $(cat "$s/wr_req")))
    c=$(($(cat "$s/rd_sect") + $(cat "$s/wr_sect")))
    k=$(awk '/blkif-backend/ { for (i = 2; i <= NF; i++)
        if ($i ~ /^[0-9]+$/) n += $i; else break } END { print n + 0 }' \
        /proc/interrupts)
    echo "$r $c $k $(cat "$s/oo_req")"
}

# start NAME CONF READY: xl create CONF as NAME, its pty in $tty, its
# console log in $log; fails unless READY (a regex) shows within 60 s.
start() {
    name=$1
    log=$log_dir/guest-$name.log
    rm -f "$log"
    t0=$(now)
    out=$(timeout 60 xl create "$2" "name=\"$name\"" 2>&1)
    rc=$?
    echo "$out" | sed "s/^/INFO xl create $name| /"
    [ "$rc" -eq 0 ] || return 1
    id=$(timeout 5 xl domid "$name") || return 1
    tty=$(timeout 5 xenstore-read "/local/domain/$id/console/tty") ||
        return 1
    wait_for "$3" 60 1 || return 1
    echo "INFO $name: ready $(since "$t0") s after xl create began"
}

# negotiated NAME: what the frontend wrote and the backend offered.
negotiated() {
    fe=/local/domain/$id/device/vbd/$vdev
    be=/local/domain/0/backend/vbd/$id/$vdev
    rd() { timeout 5 xenstore-read "$1" 2>/dev/null || echo -; }
    echo "USE $1 ring-page-order=$(rd "$fe/ring-page-order")" \
        "fe-persistent=$(rd "$fe/feature-persistent")" \
        "be-persistent=$(rd "$be/feature-persistent")" \
        "be-max-indirect=$(rd "$be/feature-max-indirect-segments")" \
        "be-max-ring-order=$(rd "$be/max-ring-page-order")"
}

# measure NAME FIGURE REP COMMAND RESULT-REGEX SECS: type COMMAND, wait
# for the RESULT line (or an error line); print its R line.
measure() {
    before=$(stats)
    from=$(mark)
    printf '%s\r' "$4" >"$tty"
    if ! wait_for "$5|: error|^usage:" "$6" "$from"; then
        echo "FAIL $1 no '$5' line within $6 s after '$4'"
        tail -n +"$from" "$log" | tr -d '\r' | tail -n 5 | sed "s/^/INFO $1| /"
        return 1
    fi
    got=$(line "$5" "$from")
    if [ -z "$got" ]; then
        echo "FAIL $1 '$4': $(line ': error|^usage:' "$from")"
        return 1
    fi
    echo "INFO $1| $got"
    after=$(stats)
    # "... N requests in MS ms, X KB/s, Y IOPS"
    set -- "$1" "$2" "$3" "$(echo "$got" | awk '{ for (i = 1; i <= NF; i++) {
        if ($i == "ms,") ms = $(i - 1); if ($i == "KB/s,") kb = $(i - 1)
        if ($i == "IOPS") io = $(i - 1) } print kb, io, ms }')"
    echo "R $1 $2 $3 $4 $(echo "$before $after" |
        awk '{ print $5 - $1, $6 - $2, $7 - $3, $8 - $4 }')"
}

# figure NAME FIGURE REP PREFIX RESULT: one figure in the current
# guest; PREFIX is the command before "MODE KIB MIB DEPTH", RESULT the
# result line's start.
figure() {
    if [ "$2" = randread ]; then
        size="$RAND_KIB $RAND_MIB $RAND_DEPTH"
    else
        size="$SEQ_KIB $SEQ_MIB $SEQ_DEPTH"
    fi
    measure "$1" "$2" "$3" "$4 $2 $size" "^$5 $2: " 120
}

# xl_run VERB NAME: xl pause or unpause NAME; a FAIL line if it fails.
xl_run() {
    out=$(timeout 20 xl "$1" "$2" 2>&1) && return 0
    echo "FAIL $2 xl $1: $out"
    return 1
}

# Each guest's state, by its number K: name_K, id_K, tty_K, log_K,
# loop_K, kind_K (linux or osprey), opts_K, up_K (1 while it measures).
# pick K: that guest's name, id, tty and log as the current ones.
pick() {
    eval "name=\$name_$1 id=\$id_$1 tty=\$tty_$1 log=\$log_$1"
}

destroy() {
    timeout 20 xl destroy "$1" >/dev/null 2>&1
}

echo "INFO blk: dom0 up at $(now)s, params: $(tr '\n' ' ' <params)"
t0=$(now)
dd if=/dev/zero of=/tmp/disk.img bs=1048576 count="$MIB" 2>/dev/null
echo "INFO image of $MIB MiB made in $(since "$t0") s"

n=0
if [ "$LINUX" = 0 ]; then
    echo "INFO linux: not asked for"
else
    n=1
    eval "name_1=linux kind_1=linux"
fi
for c in $CONFIGS; do
    n=$((n + 1))
    opts=
    [ "${c#*:}" = - ] || opts=" blkfront=${c#*:}"
    eval "name_$n=osprey-\${c%%:*} kind_$n=osprey opts_$n=\"\$opts\""
done

# Start them all.  A loop device each: libxl's block script refuses a
# file that another guest has open for writing, not a device.
k=1
while [ "$k" -le "$n" ]; do
    eval "name=\$name_$k kind=\$kind_$k opts=\$opts_$k"
    if ! loop=$($losetup -f --show /tmp/disk.img 2>&1); then
        echo "FAIL $name losetup: $loop"
        k=$((k + 1))
        continue
    fi
    eval "loop_$k=$loop"
    id= tty=
    disk="disk=['format=raw,vdev=xvda,access=rw,target=$loop']"
    if [ "$kind" = linux ]; then
        cat >"$name.conf" <<EOC
kernel="$PWD/linux/Image"
ramdisk="$PWD/linux/initrd.gz"
extra="console=hvc0 rdinit=/init quiet$LINUX_ARGS"
vcpus=1
memory=$LINUX_MEMORY
$disk
EOC
        if start "$name" "$name.conf" '^domu: ready .*xvda'; then
            negotiated "$name"
            eval "up_$k=1"
        else
            echo "FAIL $name the domU did not come up with xvda"
            tail -n 20 "$log" | tr -d '\r' | sed "s/^/INFO $name| /"
        fi
    else
        cat >"$name.conf" <<EOC
kernel="$PWD/zephyr.bin"
vcpus=1
memory=$GUEST_MEMORY
extra="app=shell$opts"
$disk
EOC
        if start "$name" "$name.conf" '^shell: ready' &&
            wait_for '^blkfront: xvda: ring ' 10 1; then
            echo "INFO $name| $(line '^blkfront: xvda: ring ' 1)"
            negotiated "$name"
            ! xl_run pause "$name" || eval "up_$k=1"
        else
            echo "FAIL $name the guest did not come up with xvda"
            tail -n 20 "$log" | tr -d '\r' | sed "s/^/INFO $name| /"
        fi
    fi
    eval "id_$k=\${id:-} tty_$k=\${tty:-} log_$k=\$log"
    k=$((k + 1))
done
echo "INFO blk: $n guests started by $(now)s"

# The rounds.  Round 0 is a warm-up, left out of the figures: under TCG
# the first pass through a code path pays for its translation.
rep=0
while [ "$rep" -le "$REPS" ]; do
    eval "order=\$ORDER_$rep"
    names=
    for k in $order; do eval "names=\"\$names \$name_$k\""; done
    echo "ORDER $rep$names"
    for fig in read write randread; do
        for k in $order; do
            eval "up=\${up_$k:-0} kind=\$kind_$k"
            [ "$up" = 1 ] || continue
            pick "$k"
            if [ "$kind" = linux ]; then
                figure "$name" "$fig" "$rep" 'blkbench /dev/xvda' \
                    'blkbench xvda'
            elif xl_run unpause "$name"; then
                figure "$name" "$fig" "$rep" 'disk-bench xvda' \
                    'disk-bench xvda'
                st=$?
                xl_run pause "$name" && [ "$st" -eq 0 ]
            else
                false
            fi || { echo "INFO $name: stopped"; eval "up_$k=0"; }
        done
    done
    rep=$((rep + 1))
done

k=1
while [ "$k" -le "$n" ]; do
    pick "$k"
    eval "kind=\$kind_$k loop=\${loop_$k:-}"
    # An Osprey guest's console (short: the shell echoes the commands).
    [ "$kind" != osprey ] || [ ! -f "$log" ] ||
        tr -d '\r' <"$log" | sed "s/^/CON $name| /"
    destroy "$name"
    k=$((k + 1))
done
# Their loop devices and blkbacks go with them.
sleep 1
k=1
while [ "$k" -le "$n" ]; do
    eval "loop=\${loop_$k:-}"
    [ -z "$loop" ] || $losetup -d "$loop" 2>/dev/null
    k=$((k + 1))
done
echo "INFO blk: done at $(now)s"
