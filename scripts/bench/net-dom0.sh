#!/bin/sh
# The dom0 side of scripts/bench/net.sh, run inside the dom0 test host
# (busybox sh, scripts/dom0/init) as /test/run.sh, next to zephyr.bin,
# linux/Image and linux/initrd.gz (scripts/domu/build.sh's domU with
# scripts/bench/net-domu.sh as its /test/run.sh) and "params" (PINGS,
# PING_INTERVAL, MIB, REPS, REQUESTS, GUEST_MEMORY, LINUX_MEMORY).
#
# One guest at a time on dom0's bridge xenbr0 (10.0.0.1/24, xen-netback,
# libxl's vif-bridge script), each with one vif and a static address:
# first zephyr.bin (app=httpd: the page on 80, the TCP sink on 5001, the
# source on 5002), then the Linux domU (busybox: httpd with a page of the
# size Osprey's had, nc listening on 5001 into /dev/null and on 5002
# sending what "send N" asks for).  dom0 measures both the same way:
#   ping     PINGS echo requests PING_INTERVAL s apart, the median reply
#   tcp-in   MIB MiB of zeros from dom0 to port 5001, timed in dom0
#   tcp-out  "send N" to port 5002, MIB MiB back, timed in dom0
#   http     REQUESTS sequential `wget -qO- http://GUEST/`, requests/s
# after a warm-up round that does not count (TCG translates code on its
# first run), then REPS rounds of tcp-in, tcp-out, http.
#
# It prints, on the console Xen's serial shows:
#   R GUEST FIGURE REP VALUE SECS DOM0CPU GUESTCPU TXP TXB RXP RXB OUT RETR
#                       one measurement (REP 0: the warm-up): VALUE is ms
#                       (ping: the median reply), MiB/s or requests/s;
#                       the CPU seconds dom0 (/proc/stat) and the guest
#                       (xl list) used over it, the guest's vif in dom0:
#                       packets and bytes dom0 sent to the guest (TX) and
#                       received from it (RX), and dom0's TCP: segments
#                       sent (OutSegs: TX frames fewer than these are
#                       GSO) and retransmitted
#   PING GUEST MIN MEDIAN P90 MAX N   the replies' times in ms
#   USE GUEST KEY=VALUE...            what frontend and backend wrote
#   FAIL GUEST WHY                    a guest or a figure failed
#   CON GUEST| LINE                   an Osprey guest's console
#   INFO ...                          anything else worth seeing
# Every wait has a time limit and every xl command runs under timeout(1).
# shellcheck disable=SC1091,SC2153 # params comes from net.sh
. ./params
log_dir=/var/log/xen/console
mib=1048576

now() { cut -d' ' -f1 /proc/uptime; }
since() { awk -v a="$(now)" -v b="$1" 'BEGIN { printf "%.2f", a - b }'; }

# centis: /proc/uptime in hundredths of a second, in $centis (no fork).
centis() {
    read -r centis _ </proc/uptime
    centis=${centis%.*}${centis#*.}
    centis=${centis#0}
}

count() {
    [ -f "$log" ] || { echo 0; return; }
    tail -n +"$2" "$log" | tr -d '\r' | grep -Ec -- "$1"
}

# wait_for REGEX SECS: a line of the guest's console matches, within SECS.
wait_for() {
    centis
    end=$((centis + $2 * 100))
    while [ "$(count "$1" 1)" -lt 1 ]; do
        centis
        [ "$centis" -le "$end" ] || return 1
        sleep 0.1
    done
}

# tcp: dom0's TCP counters "OUTSEGS RETRANSSEGS" (/proc/net/snmp).
tcp() {
    awk '$1 == "Tcp:" && $2 ~ /^[0-9]/ { print $12, $13; exit }' /proc/net/snmp
}

# busy: dom0's busy CPU time in hundredths of a second (/proc/stat:
# all but idle, iowait and steal), cheap enough to read around a transfer.
busy() {
    awk '$1 == "cpu" { print $2 + $3 + $4 + $7 + $8; exit }' /proc/stat
}

# sample: "GUESTCPU TXP TXB RXP RXB" now (the guest is $name): its CPU
# seconds (xl list) and its vif's counters in dom0.
sample() {
    cpu=$(timeout 5 xl list | awk -v n="$name" '$1 == n { g = $6 }
        END { print g + 0 }')
    s=/sys/class/net/vif$id.0/statistics
    echo "$cpu $(cat "$s/tx_packets" "$s/tx_bytes" "$s/rx_packets" \
        "$s/rx_bytes" 2>/dev/null | tr '\n' ' ')"
}

# begin: the samples before a measurement, then its start time ($t0).
begin() {
    before=$(sample)
    busy0=$(busy)
    tcp0=$(tcp)
    t0=$(now)
}

# record FIGURE REP VALUE SECS: an R line; dom0's CPU over the
# measurement alone, the guest's over it and the xl list around it (the
# guest idles meanwhile).
record() {
    busy1=$(busy)
    tcp1=$(tcp)
    after=$(sample)
    echo "R $name $1 $2 $3 $4 $(echo "$busy0 $busy1 $before $after" | awk '{
        printf "%.2f %.2f %d %d %d %d", ($2 - $1) / 100, $8 - $3,
            $9 - $4, $10 - $5, $11 - $6, $12 - $7 }')" \
        "$(echo "$tcp0 $tcp1" | awk '{ print $3 - $1, $4 - $2 }')"
}

# rate MIB SECS
rate() { awk -v m="$1" -v s="$2" 'BEGIN { if (s > 0) printf "%.2f", m / s; else print 0 }'; }

# start NAME CONF READY: xl create CONF; READY (a regex) within 90 s.
start() {
    name=$1
    log=$log_dir/guest-$name.log
    rm -f "$log"
    t0=$(now)
    out=$(timeout 60 xl create "$2" 2>&1)
    rc=$?
    echo "$out" | sed "s/^/INFO xl create $name| /"
    [ "$rc" -eq 0 ] || return 1
    id=$(timeout 5 xl domid "$name") || return 1
    wait_for "$3" 90 || return 1
    echo "INFO $name: ready $(since "$t0") s after xl create began"
}

# negotiated: what the frontend and the backend wrote in XenStore.
negotiated() {
    fe=/local/domain/$id/device/vif/0
    be=/local/domain/0/backend/vif/$id/0
    rd() { timeout 5 xenstore-read "$1" 2>/dev/null || echo -; }
    l="USE $name"
    for k in feature-sg feature-gso-tcpv4 feature-gso-tcpv6 \
        feature-no-csum-offload feature-ipv6-csum-offload \
        feature-rx-notify request-rx-copy multi-queue-num-queues; do
        l="$l fe-$k=$(rd "$fe/$k")"
    done
    for k in feature-sg feature-gso-tcpv4 feature-rx-copy \
        feature-rx-flip multi-queue-max-queues feature-split-event-channels; do
        l="$l be-$k=$(rd "$be/$k")"
    done
    echo "$l"
}

# ping_round REP: PINGS echo requests, the median reply in ms.
ping_round() {
    round=$1
    begin
    timeout $((PINGS + 30)) ping -c "$PINGS" -i "$PING_INTERVAL" -W 2 \
        "$ip" >ping.out 2>&1
    secs=$(since "$t0")
    sed -n 's/.*time=\([0-9.]*\) ms.*/\1/p' ping.out | sort -n >ping.ms
    n=$(wc -l <ping.ms)
    if [ "$n" -eq 0 ]; then
        echo "FAIL $name no ping replies: $(tail -n 2 ping.out | tr '\n' ' ')"
        return 1
    fi
    [ "$n" -eq "$PINGS" ] || echo "INFO $name: $n of $PINGS pings answered"
    stats=$(awk '{ v[NR] = $1 } END {
        m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
        p = int(NR * 0.9 + 0.5); if (p < 1) p = 1
        printf "%s %.3f %s %s %d", v[1], m, v[p], v[NR], NR }' ping.ms)
    echo "PING $name $stats"
    # shellcheck disable=SC2086 # the five numbers
    set -- $stats
    record ping "$round" "$2" "$secs"
}

# tcp_in REP: MIB MiB of zeros to the sink.
tcp_in() {
    begin
    head -c $((MIB * mib)) /dev/zero | timeout 120 nc "$ip" 5001 >sink.out 2>&1
    rc=$?
    secs=$(since "$t0")
    [ "$rc" -eq 0 ] || { echo "FAIL $name tcp-in: nc status $rc: $(head -c 200 sink.out)"; return 1; }
    echo "INFO $name tcp-in $1: ${secs}s $(tr -d '\r' <sink.out)"
    record tcp-in "$1" "$(rate "$MIB" "$secs")" "$secs"
}

# tcp_out REP: "send N" to the source, N bytes back.
tcp_out() {
    begin
    got=$(echo "send $((MIB * mib))" | timeout 120 nc "$ip" 5002 | wc -c)
    secs=$(since "$t0")
    if [ "$got" -ne $((MIB * mib)) ]; then
        echo "FAIL $name tcp-out: $got bytes, not $((MIB * mib))"
        return 1
    fi
    record tcp-out "$1" "$(rate "$MIB" "$secs")" "$secs"
}

# http REP: REQUESTS sequential page fetches.
http() {
    begin
    i=0
    while [ "$i" -lt "$REQUESTS" ]; do
        timeout 10 wget -qO- "http://$ip/" >page.out 2>wget.err || {
            echo "FAIL $name http: wget of request $((i + 1)): $(cat wget.err)"
            # What dom0 knew of the connection and the vif, for the log.
            netstat -tn 2>&1 | grep -F "$ip" | sed "s/^/INFO $name http| /"
            for v in /sys/class/net/vif*; do
                [ -d "$v" ] && echo "INFO $name http| ${v##*/} $(cd "$v/statistics" && for c in tx_packets tx_dropped rx_packets rx_dropped; do printf '%s %s ' "$c" "$(cat $c)"; done)"
            done
            return 1
        }
        i=$((i + 1))
    done
    secs=$(since "$t0")
    record http "$1" "$(rate "$REQUESTS" "$secs")" "$secs"
}

# figures: the warm-up round, then REPS rounds; ping once (PINGS replies).
figures() {
    ping -c 3 -W 2 "$ip" >/dev/null 2>&1
    rep=0
    while [ "$rep" -le "$REPS" ]; do
        tcp_in "$rep" || return 1
        sleep 0.5	# the Linux domU's nc listens again
        tcp_out "$rep" || return 1
        sleep 0.5
        http "$rep" || return 1
        rep=$((rep + 1))
    done
    ping_round 1
}

destroy() {
    timeout 20 xl destroy "$1" >/dev/null 2>&1
    sleep 1
}

echo "INFO net: dom0 up at $(now)s, params: $(tr '\n' ' ' <params)"

# osprey_conf NAME EXTRA: the config of our guest NAME, with EXTRA after
# its bootargs.
osprey_conf() {
    cat <<EOF
name="$1"
kernel="$PWD/zephyr.bin"
vcpus=1
memory=$GUEST_MEMORY
extra="app=httpd ip=$ip/24 gw=10.0.0.1$2"
vif=['bridge=xenbr0,mac=00:16:3e:4e:01:02']
EOF
}

# Osprey first: its page's size is the Linux page's.
ip=10.0.0.2
osprey_conf osprey "" >zephyr.conf
page=
if start osprey zephyr.conf '^httpd: serving on port 80' &&
    wait_for "^net: en[0-9]+ $ip/24 " 20; then
    negotiated
    if timeout 20 wget -qO page.txt "http://$ip/" 2>wget.err; then
        page=$(wc -c <page.txt)
        echo "INFO osprey: the page is $page bytes"
    else
        echo "FAIL osprey http: $(cat wget.err)"
    fi
    figures || echo "INFO osprey: stopped"
    tr -d '\r' <"$log" | sed "s/^/CON osprey| /"
else
    echo "FAIL osprey the guest did not come up with its address"
    tail -n 20 "$log" | tr -d '\r' | sed 's/^/INFO osprey| /'
fi
destroy osprey

# The same guest with each offload off (netfront= in bootargs), one
# after another, named osprey-OPTION.
for v in $VARIANTS; do
    osprey_conf "osprey-$v" " netfront=$v" >variant.conf
    if start "osprey-$v" variant.conf '^httpd: serving on port 80' &&
        wait_for "^net: en[0-9]+ $ip/24 " 20; then
        negotiated
        figures || echo "INFO osprey-$v: stopped"
        tr -d '\r' <"$log" | grep -E '^(netfront|vif0)' |
            sed "s/^/CON osprey-$v| /"
    else
        echo "FAIL osprey-$v the guest did not come up with its address"
        tail -n 20 "$log" | tr -d '\r' | sed "s/^/INFO osprey-$v| /"
    fi
    destroy "osprey-$v"
done

ip=10.0.0.3
cat >linux.conf <<EOF
name="linux"
kernel="$PWD/linux/Image"
ramdisk="$PWD/linux/initrd.gz"
extra="console=hvc0 rdinit=/init quiet bench.ip=$ip bench.page=${page:-600}"
vcpus=1
memory=$LINUX_MEMORY
vif=['bridge=xenbr0,mac=00:16:3e:4e:01:03']
EOF
if start linux linux.conf '^bench: ready'; then
    negotiated
    tr -d '\r' <"$log" | grep '^bench: ' | sed 's/^/INFO linux| /'
    figures || echo "INFO linux: stopped"
    tr -d '\r' <"$log" | grep -v '^\[' | tail -n 20 | sed 's/^/INFO linux| /'
else
    echo "FAIL linux the domU did not come up (no 'bench: ready')"
    tail -n 20 "$log" | tr -d '\r' | sed 's/^/INFO linux| /'
fi
destroy linux
echo "INFO net: done at $(now)s"
