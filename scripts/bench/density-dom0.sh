#!/bin/sh
# The dom0 side of scripts/bench/density.sh, run inside the dom0 test host
# (busybox sh, scripts/dom0/init) as /test/run.sh, next to zephyr.bin,
# linux/Image, linux/initrd.cpio and "params" (N, LINUX_N, MEMORY, BOUND,
# LINUX_BOUND, BUDGET, LINUX_MEMS, PROBE_EVERY, XL_ARGS).
#
# First Linux: its smallest memory= (LINUX_MEMS, largest first, until one
# fails), then LINUX_N Linux guests at once, then all destroyed.  Then
# zephyr.bin guests at memory=MEMORY, one `xl create` after another, until
# N run, an `xl create` fails, or BUDGET seconds have passed.
#
# It prints, on the console Xen's serial shows (times in s of dom0 uptime):
#   BASE FREE_MB                      Xen's free memory before any guest
#   LMEM MB ok|fail SECS              a Linux memory= tried; SECS to its init
#   L I CREATE_S FIRST_S FREE_MB      Linux guest I (zephyr.bin: Z), the time
#   Z I CREATE_S FIRST_S FREE_MB      `xl create` took, from its return to
#                                     the guest's first line in its console
#                                     log ("-": not within BOUND s, Linux:
#                                     LINUX_BOUND s) and
#                                     Xen's free memory after it
#   PROBE I NOW XS_DOMAINS XS_LIST_S XS_NODES XL_LIST_S XENSTORED_KB
#         XENCONSOLED_KB
#         XENCONSOLED_FDS DOM0_FREE_KB GUESTS_CPU_S DOM0_CPU_S XL_PROCS
#         XL_RSS_KB
#                                     every PROBE_EVERY guests: what grows
#                                     (XS_NODES: the newest domain's)
#   STOP WHY                          why the sweep ended
#   INFO ...                          anything else worth seeing in a log
# shellcheck disable=SC1091,SC2153 # params comes from density.sh
. ./params
log_dir=/var/log/xen/console
sample='^thread_[ab]: Hello World'
linux_marker='^linux-init: started'

now() { cut -d' ' -f1 /proc/uptime; }
# since T0: seconds from T0 (a now() value) to now.
since() { awk -v a="$(now)" -v b="$1" 'BEGIN { printf "%.2f", a - b }'; }
free_mb() { timeout 30 xl info 2>/dev/null | awk '$1 == "free_memory" { print $3 }'; }

# first FILE REGEX SECS: print the seconds until a line of FILE matches
# REGEX, checked every 0.05 s; false after SECS.
first() {
    t0=$(now)
    while :; do
        if [ -f "$1" ] && tr -d '\r' <"$1" | grep -Eq -- "$2"; then
            since "$t0"
            return 0
        fi
        awk -v s="$(since "$t0")" -v b="$3" 'BEGIN { exit !(s > b) }' &&
            return 1
        sleep 0.05
    done
}

# create I KIND CONF ARG...: `xl create CONF ARG...` timed; prints
# "KIND I CREATE_S FIRST_S FREE_MB", waiting for the first line matching
# the kind's regex in guest-NAME.log.  False when xl create fails.
create() {
    i=$1 kind=$2 conf=$3 name=$4
    shift 4
    t0=$(now)
    # shellcheck disable=SC2086 # XL_ARGS: options, split on purpose
    out=$(timeout 120 xl create $XL_ARGS "$conf" "name=\"$name\"" "$@" 2>&1)
    rc=$?
    c=$(since "$t0")
    if [ "$rc" -ne 0 ]; then
        echo "$out" | tail -n 5 | sed "s/^/INFO xl create $name| /"
        return 1
    fi
    re=$sample bound=$BOUND
    [ "$kind" = Z ] || re=$linux_marker bound=$LINUX_BOUND
    f=$(first "$log_dir/guest-$name.log" "$re" "$bound") || f=-
    echo "$kind $i $c $f $(free_mb)"
}

pid_of() { cat "/run/$1.pid" 2>/dev/null; }
rss_kb() { awk '$1 == "VmRSS:" { print $2 }' "/proc/$1/status" 2>/dev/null; }

# probe I: what may grow with the number of guests.
probe() {
    # xenstore-ls of the whole tree takes seconds at 10 guests (a round
    # trip per node): list the domains instead, and walk only the newest.
    t0=$(now)
    timeout 120 xenstore-list /local/domain >/tmp/xs-domains 2>/dev/null
    ls_s=$(since "$t0")
    doms=$(wc -l </tmp/xs-domains)
    nodes=$(timeout 60 xenstore-ls -f "/local/domain/$(tail -n 1 /tmp/xs-domains)" \
        2>/dev/null | wc -l)
    t0=$(now)
    timeout 120 xl list >/tmp/xl-list 2>/dev/null
    list_s=$(since "$t0")
    cpu=$(awk 'NR > 1 { if ($2 == 0) d += $6; else g += $6 }
        END { printf "%.1f %.1f", g, d }' /tmp/xl-list)
    xs=$(pid_of xenstored) xc=$(pid_of xenconsoled)
    fds=$(find "/proc/$xc/fd" -mindepth 1 2>/dev/null | wc -l)
    mem=$(awk '$1 == "MemAvailable:" { print $2 }' /proc/meminfo)
    # xl create leaves one xl per guest behind, waiting for its death.
    xls=0 xl_kb=0
    for pid in $(pidof xl); do
        xls=$((xls + 1)) xl_kb=$((xl_kb + $(rss_kb "$pid" || echo 0)))
    done
    echo "PROBE $1 $(now) $doms $ls_s $nodes $list_s $(rss_kb "$xs") $(rss_kb "$xc") $fds $mem $cpu $xls $xl_kb"
}

# The configs: names and memory= come on xl's command line.
cat >linux.conf <<EOF
kernel="/test/linux/Image"
ramdisk="/test/linux/initrd.cpio"
extra="console=hvc0 rdinit=/init"
vcpus=1
EOF
cat >zephyr.conf <<EOF
kernel="/test/zephyr.bin"
vcpus=1
memory=$MEMORY
EOF

echo "INFO density: dom0 up at $(now)s, $(nproc) vCPU, params: $(tr '\n' ' ' <params)"
echo "BASE $(free_mb)"

# 1. Linux: the smallest memory= that reaches init, then LINUX_N of them.
lmem=
for m in $LINUX_MEMS; do
    t0=$(now)
    if timeout 120 xl create linux.conf "name=\"lprobe$m\"" "memory=$m" >/dev/null 2>&1 &&
        first "$log_dir/guest-lprobe$m.log" "$linux_marker" "$LINUX_BOUND" >/dev/null; then
        echo "LMEM $m ok $(since "$t0")"
        lmem=$m
    else
        echo "LMEM $m fail $(since "$t0")"
        tail -n 3 "$log_dir/guest-lprobe$m.log" 2>/dev/null | tr -d '\r' |
            sed "s/^/INFO lprobe$m| /"
    fi
    timeout 60 xl destroy "lprobe$m" >/dev/null 2>&1
    [ "$lmem" = "$m" ] || break
done
if [ -n "$lmem" ]; then
    i=1
    while [ "$i" -le "$LINUX_N" ]; do
        create "$i" L linux.conf "linux$i" "memory=$lmem" || {
            echo "INFO linux: xl create $i failed"
            break
        }
        i=$((i + 1))
    done
    probe L
    j=1
    while [ "$j" -lt "$i" ]; do
        timeout 60 xl destroy "linux$j" >/dev/null 2>&1
        j=$((j + 1))
    done
fi
sleep 1
echo "BASE $(free_mb)"

# 2. zephyr.bin guests until N, a failure or the budget.
start=$(now)
i=1
probe 0
while :; do
    if [ "$i" -gt "$N" ]; then
        echo "STOP reached N=$N"
        break
    fi
    if awk -v s="$(since "$start")" -v b="$BUDGET" 'BEGIN { exit !(s > b) }'; then
        echo "STOP time budget of $BUDGET s spent"
        break
    fi
    if ! create "$i" Z zephyr.conf "z$i"; then
        echo "STOP xl create of guest $i failed"
        break
    fi
    [ $((i % PROBE_EVERY)) -ne 0 ] || probe "$i"
    i=$((i + 1))
done
[ $(((i - 1) % PROBE_EVERY)) -eq 0 ] || probe $((i - 1))
timeout 60 xl info 2>&1 | grep -E '^(total|free)_memory|^xen_version' | sed 's/^/INFO xl info| /'
echo "INFO density: done at $(now)s"
