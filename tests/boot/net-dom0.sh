#!/bin/sh
# The steps of tests/boot/net.sh, run inside the dom0 test host (busybox
# sh, see scripts/dom0/init) as /test/run.sh, next to zephyr.bin, a file
# "gic" with the host's GIC version and seed.bin, 1 MiB of fixed
# pseudo-random bytes (the 64 MiB sent to the guest is 64 copies), and
# echo-server.bin, samples/echo-server's image (make samples).
#
# Guests of zephyr.bin with one vif each on dom0's bridge xenbr0
# (10.0.0.1/24, Linux's xen-netback, libxl's vif-bridge script), DHCP
# from busybox's udhcpd with static leases:
#   net-none    app=shell without a vif: ifconfig finds no network, and
#               lwIP never started
#   net-dhcp    app=httpd by DHCP (10.0.0.2): the address, dom0's ping,
#               the page, 64 MiB each way over TCP, detach and attach
#   net-static  app=httpd ip=10.0.0.3/24 gw=10.0.0.1: the address, ping
#   net-shell   app=shell by DHCP (10.0.0.4), typed into: ifconfig, and
#               ping of net-static (guest to guest through the bridge);
#               then its vif is downed in dom0 while it sends: it
#               reconnects by itself and answers again
#   net-echo    echo-server.bin (POSIX sockets and pthreads, a program
#               built by make APP=samples/echo-server) with ip=10.0.0.5/24:
#               dom0 opens 10 connections at once with busybox nc, each
#               sending its own random data; each echo's cksum must be
#               what was sent, and the guest must print each
#               connection's byte count
# It prints, on the console Xen's serial shows:
#   STEP NAME OK                    a step passed
#   STEP NAME FAIL REASON           it did not
#   CON NAME| LINE                  the guest's console during step NAME
#   INFO ...                        anything else worth seeing in a log
# Every wait has a time limit and every xl command runs under timeout(1).
gic=$(cat gic)
guest_vcpus=$(cat vcpus 2>/dev/null || echo 1)
echo "INFO guests get $guest_vcpus vCPUs"
mac=00:16:3e:4e:00
mib=1048576
total=$((64 * mib))

# The helpers every dom0 suite shares: guests' consoles by name, waits.
# shellcheck source=tests/boot/dom0-lib.sh
. ./dom0-lib.sh

# start NAME MAC EXTRA [IMAGE]: guest NAME of IMAGE (zephyr.bin) with one
# vif on xenbr0 (none if MAC is empty).
start() {
    {
        echo "kernel=\"$PWD/${4:-zephyr.bin}\""
        echo "name=\"$1\""
        echo 'memory=32'
        echo "vcpus=$guest_vcpus"
        echo 'on_crash="preserve"'
        echo "extra=\"$3\""
        [ -z "$2" ] || echo "vif=['bridge=xenbr0,mac=$2']"
    } >"$1.conf"
    rm -f "$(logof "$1")"
    t0=$(now)
    out=$(timeout 30 xl create "$1.conf" 2>&1)
    rc=$?
    echo "$out" | sed "s/^/INFO xl create $1| /"
    echo "INFO $1: xl create took $(since "$t0") s (at $(now)s)"
    [ "$rc" -eq 0 ]
}

# pings STEP IP N: dom0 pings IP N times, all answered.
pings() {
    timeout 30 ping -c "$3" -i 0.2 -W 5 "$2" >"$1.ping" 2>&1
    sed "s/^/INFO $1 ping $2| /" "$1.ping"
    grep -q "^$3 packets transmitted, $3 packets received" "$1.ping" &&
        return
    diagnose "$1"
    return 1
}

# diagnose STEP: what dom0 and Xen know of every vif, for a step whose
# traffic failed: each vif's counters (rx: frames from the guest), the
# bridge's ports and MACs, dom0's neighbours and interrupts, and the
# event channels Xen has for the guests ('e' key).
diagnose() {
    for v in /sys/class/net/vif*; do
        [ -d "$v" ] || continue
        echo "INFO $1 diag: ${v##*/} $(cat "$v/operstate") $(cd "$v/statistics" && for c in rx_packets rx_dropped rx_errors tx_packets tx_dropped tx_errors; do printf '%s %s ' "$c" "$(cat $c)"; done)"
    done
    brctl showmacs xenbr0 2>&1 | sed "s/^/INFO $1 diag: macs| /"
    ip neigh 2>&1 | sed "s/^/INFO $1 diag: neigh| /"
    grep -iE 'vif|xen' /proc/interrupts | sed "s/^/INFO $1 diag: irq| /"
    timeout 5 xl debug-keys e >/dev/null 2>&1
    timeout 5 xl dmesg 2>/dev/null | tail -n 60 | sed "s/^/INFO $1 diag: xen| /"
}

# offloads OPTIONS: the offloads netfront negotiates with Linux's netback
# (which takes blank checksums, no feature-no-csum-offload, and offers
# feature-sg and feature-gso-tcpv4) when bootargs
# say netfront=OPTIONS, in the order its line names them.
offloads() {
    o=
    case ",$1," in *,no-csum,*) ;; *) o="$o csum-rx csum-tx" ;; esac
    case ",$1," in *,no-sg,*) ;; *) o="$o sg-rx" ;; esac
    case ",$1," in *,no-sg,* | *,no-gso,* | *,no-csum,*) ;; *) o="$o gso-rx gso-tx" ;; esac
    echo "${o:- none}"
}

# address STEP NAME IP MAC [OPTIONS]: guest NAME printed its MAC line from
# netfront, with the offloads netfront=OPTIONS leaves, and the address
# line from the net layer within 20 s.
address() {
    # A shell guest's lines may follow its prompt ("osprey> ").
    re="^(osprey> )?net: en[0-9]+ $3/24 gw 10\\.0\\.0\\.1 mac $4\$"
    nf="netfront: vif0: mac $4, backend d0, offloads$(offloads "$5")"
    if ! wait_for "$2" "^(osprey> )?$nf\$" 1 15; then
        fail "$1" "no '$nf' line"
    elif ! wait_for "$2" "$re" 1 20; then
        fail "$1" "no 'net: enN $3/24 gw 10.0.0.1 mac $4' line"
        diagnose "$1"
    else
        ok "$1"
    fi
    show "$1" "$2" 1
}

# type_in NAME LINE: type LINE and Enter into guest NAME's PV console.
type_in() {
    id=$(timeout 5 xl domid "$1") &&
        tty=$(timeout 5 xenstore-read "/local/domain/$id/console/tty") &&
        printf '%s\r' "$2" >"$tty"
}

# stream: the 64 MiB dom0 sends, 64 copies of seed.bin.
stream() {
    i=0
    while [ "$i" -lt 64 ]; do cat seed.bin; i=$((i + 1)); done
}

# costs WHEN: CPU seconds of each domain (xl list) and dom0's TCP
# retransmissions, for the log: who was busy, and was anything lost.
costs() {
    echo "INFO $1: cpu $(timeout 5 xl list | awk 'NR > 1 { printf "%s %ss ", $1, $6 }')"
    echo "INFO $1: dom0 $(awk '/^Tcp: [0-9]/ { print "RetransSegs " $13 ", InSegs " $11 ", OutSegs " $12 }' /proc/net/snmp)"
    for v in /sys/class/net/vif*; do
        [ -d "$v" ] || continue
        echo "INFO $1: ${v##*/} $(cd "$v/statistics" && for c in tx_packets tx_dropped rx_packets rx_dropped; do printf '%s %s ' "$c" "$(cat $c)"; done)"
    done
}

# rate SECS: MiB/s of 64 MiB in SECS, for the log.
rate() { awk -v s="$1" 'BEGIN { if (s > 0) printf "%.1f", 64 / s; else print "?" }'; }

# offload_counts GUEST FROM: "L C B G" from the guest's last "vif0
# offloads:" line since FROM (large frames in, checksums vouched,
# checksums left to the backend, large frames out).
offload_counts() {
    lines "$1" '^vif0 offloads: ' "$2" | tail -n 1 |
        sed -n 's/^vif0 offloads: rx \([0-9]*\) large frames, \([0-9]*\) checksums vouched; tx \([0-9]*\) checksums left to the backend, \([0-9]*\) large frames$/\1 \2 \3 \4/p'
}

# offload_check STEP GUEST FROM OPTIONS WHICH: the counter WHICH (1 large
# frames in, 2 checksums vouched, 3 checksums left to the backend, 4
# large frames out) of the guest's line after a transfer is above 0 if
# netfront=OPTIONS leaves that offload on (gso-rx, csum-rx, csum-tx,
# gso-tx), else 0.  Prints why not.
offload_check() {
    c=$(offload_counts "$2" "$3")
    [ -n "$c" ] || { echo "no 'vif0 offloads: ...' line"; return 1; }
    set -- "$1" "$2" "$3" "$4" "$5" $c
    n=$(eval echo "\${$(($5 + 5))}")
    feature=$(echo "gso-rx csum-rx csum-tx gso-tx" | cut -d' ' -f"$5")
    case " $(offloads "$4") " in
    *" $feature "*) [ "$n" -gt 0 ] && return
        echo "$feature negotiated, but its counter is 0 ($c)" ;;
    *) [ "$n" -eq 0 ] && return
        echo "$feature off, but its counter is $n ($c)" ;;
    esac
    return 1
}

# transfers STEP GUEST IP OPTIONS: 64 MiB from dom0 to the guest's sink
# (STEP-in: its cksum, the guest's, must be dom0's) and 64 MiB from its
# source (STEP-out: dom0's cksum must be what the guest sent), the guest
# started with netfront=OPTIONS; each also checks that the offloads it
# negotiated did work (large frames and vouched checksums in, blank
# checksums out) and that those it did not never did.
transfers() {
    from=$(mark "$2")
    costs "$1-in before"
    t0=$(now)
    stream | timeout 180 nc "$3" 5001 >sink.txt 2>&1
    secs=$(since "$t0")
    echo "INFO $1-in: nc said '$(cat sink.txt)' after $secs s ($(rate "$secs") MiB/s)"
    costs "$1-in after"
    want="sink $total bytes cksum $want_in"
    if ! wait_for "$2" "^$want\$" 1 5 "$from"; then
        fail "$1-in" "no '$want' line from the guest"
    elif [ "$(tr -d '\r' <sink.txt)" != "$want" ]; then
        fail "$1-in" "nc got '$(cat sink.txt)', want '$want'"
    elif ! wait_for "$2" '^vif0 offloads: ' 1 5 "$from"; then
        fail "$1-in" "no 'vif0 offloads: ...' line after the sink's"
    elif ! why=$(offload_check "$1-in" "$2" "$from" "$4" 1) ||
        ! why=$(offload_check "$1-in" "$2" "$from" "$4" 2); then
        fail "$1-in" "$why"
    else
        ok "$1-in"
    fi
    show "$1-in" "$2" "$from"

    from=$(mark "$2")
    t0=$(now)
    got=$(echo "send $total" | timeout 180 nc "$3" 5002 | cksum)
    secs=$(since "$t0")
    echo "INFO $1-out: dom0's cksum '$got' after $secs s ($(rate "$secs") MiB/s)"
    costs "$1-out after"
    if ! wait_for "$2" "^source $total bytes cksum [0-9]+\$" 1 5 "$from"; then
        fail "$1-out" "no 'source $total bytes cksum C' line from the guest"
    else
        sent=$(lines "$2" "^source $total bytes cksum " "$from" | head -n 1)
        if [ "$got" != "${sent##* } $total" ]; then
            fail "$1-out" "dom0 received '$got' (cksum, bytes), the guest sent '$sent'"
        elif ! wait_for "$2" '^vif0 offloads: ' 1 5 "$from"; then
            fail "$1-out" "no 'vif0 offloads: ...' line after the source's"
        elif ! why=$(offload_check "$1-out" "$2" "$from" "$4" 3) ||
            ! why=$(offload_check "$1-out" "$2" "$from" "$4" 4); then
            fail "$1-out" "$why"
        else
            ok "$1-out"
        fi
    fi
    show "$1-out" "$2" "$from"
}

echo "INFO host GICv$gic, dom0 up at $(now)s"
want_in=$(stream | cksum | cut -d' ' -f1)
echo "INFO the 64 MiB stream's cksum $want_in (at $(now)s)"

cat >udhcpd.conf <<EOF
start 10.0.0.100
end 10.0.0.199
interface xenbr0
lease_file $PWD/udhcpd.leases
option subnet 255.255.255.0
option router 10.0.0.1
option lease 3600
static_lease $mac:02 10.0.0.2
static_lease $mac:04 10.0.0.4
EOF
: >udhcpd.leases
udhcpd -f udhcpd.conf >udhcpd.log 2>&1 &
dhcpd=$!

# (0) No vif, no network: lwIP never starts.
n=net-none
if start $n "" "app=shell" && wait_for $n '^shell: ready' 1 10; then
    from=$(mark $n)
    type_in $n ifconfig
    if ! wait_for $n '^ifconfig: no network \(no vif\)$' 1 5 "$from"; then
        fail no-vif "no 'ifconfig: no network (no vif)' line"
    elif lines $n '^net: ' >/dev/null; then
        fail no-vif "a 'net: ' line without a vif"
    else
        ok no-vif
    fi
else
    fail no-vif "the shell guest without a vif did not start"
fi
show no-vif $n 1
destroy $n

# (a) DHCP, ping, the page, TCP both ways, detach and attach.
g=net-dhcp
if start $g $mac:02 "app=httpd"; then
    address dhcp $g 10.0.0.2 $mac:02
else
    fail dhcp "xl create failed"
fi
from=$(mark $g)
if pings ping 10.0.0.2 20; then ok ping; else fail ping "dom0's 20 pings of 10.0.0.2 not all answered"; fi
show ping $g "$from"

from=$(mark $g)
if ! timeout 20 wget -qO page.txt http://10.0.0.2/ 2>wget.err; then
    fail http "wget http://10.0.0.2/ failed: $(cat wget.err)"
else
    sed 's/^/INFO page| /' page.txt
    # The platform lines: after the page's first blank line, up to the
    # next; at boot, between "boot: image at" and "console:".
    awk 'n == 1 && /^$/ { exit } n == 1 { print } /^$/ { n++ }' \
        page.txt >page-platform.txt
    tr -d '\r' <"$(logof $g)" | awk '/^console: / { exit }
        p { print } /^boot: image at / { p = 1 }' >boot-platform.txt
    if [ ! -s page-platform.txt ]; then
        fail http "no platform lines on the page"
    elif ! cmp -s page-platform.txt boot-platform.txt; then
        fail http "the page's platform lines differ from the boot log's: $(diff boot-platform.txt page-platform.txt | grep '^[-+][^-+]' | head -n 4 | tr '\n' ' ')"
    elif ! grep -Eq "^xen 4\\.[0-9]+ domid [0-9]+ name $g\$" page.txt; then
        fail http "no 'xen 4.N domid D name $g' line on the page"
    else
        ok http
    fi
fi
show http $g "$from"

transfers tcp $g 10.0.0.2 ""
# The vif goes and comes back while the guest runs; it goes while pings
# come in, so that the guest is answering (sending) as its link goes.
from=$(mark $g)
timeout 10 ping -q -c 200 -i 0.02 -W 1 10.0.0.2 >flood.ping 2>&1 &
flood=$!
sleep 1
timeout 20 xl network-detach $g 0 2>&1 | sed 's/^/INFO xl network-detach| /'
wait "$flood"
sed 's/^/INFO detach flood| /' flood.ping
if ! wait_for $g '^net: vif0: link down$' 1 10 "$from"; then
    fail detach "no 'net: vif0: link down' line"
elif ping -c 1 -W 1 10.0.0.2 >/dev/null 2>&1; then
    fail detach "10.0.0.2 still answers after the detach"
else
    ok detach
fi
show detach $g "$from"
from=$(mark $g)
timeout 20 xl network-attach $g bridge=xenbr0 mac=$mac:02 2>&1 |
    sed 's/^/INFO xl network-attach| /'
if ! wait_for $g "^netfront: vif[0-9]+: mac $mac:02, backend d0, offloads$(offloads)\$" 1 15 "$from"; then
    fail attach "no netfront line for the vif attached again"
elif ! wait_for $g "^net: en[0-9]+ 10\\.0\\.0\\.2/24 gw 10\\.0\\.0\\.1 " 1 20 "$from"; then
    fail attach "no address line (DHCP) for the vif attached again"
elif ! pings attach 10.0.0.2 5; then
    fail attach "dom0's 5 pings after the attach not all answered"
else
    ok attach
fi
show attach $g "$from"
destroy $g
echo "INFO (a) done at $(now)s"

# (b) a static address from bootargs; (c) a guest's shell pings it.
s=net-static
if start $s $mac:03 "app=httpd ip=10.0.0.3/24 gw=10.0.0.1"; then
    address static $s 10.0.0.3 $mac:03
    lines $s '^net: en[0-9]+ mac .*, static address$' >/dev/null ||
        echo "INFO $s: no 'static address' line"
else
    fail static "xl create failed"
fi
from=$(mark $s)
if pings static-ping 10.0.0.3 20; then ok static-ping; else fail static-ping "dom0's 20 pings of 10.0.0.3 not all answered"; fi
show static-ping $s "$from"
c=net-shell
if start $c $mac:04 "app=shell" && wait_for $c '^shell: ready' 1 10; then
    address shell-dhcp $c 10.0.0.4 $mac:04
else
    fail shell-dhcp "the shell guest did not start"
fi
from=$(mark $c)
type_in $c ifconfig
if ! wait_for $c '^vif0 rx [0-9]+ frames' 1 5 "$from"; then
    fail ifconfig "no 'vif0 rx N frames ...' line"
elif ! lines $c "^en[0-9]+ 10\\.0\\.0\\.4/24 gw 10\\.0\\.0\\.1 mac $mac:04\$" "$from" >/dev/null; then
    fail ifconfig "no 'enN 10.0.0.4/24 gw 10.0.0.1 mac $mac:04' line"
else
    ok ifconfig
fi
show ifconfig $c "$from"
from=$(mark $c)
type_in $c 'ping 10.0.0.3 10'
if ! wait_for $c '^ping 10\.0\.0\.3: [0-9]+/10 replies$' 1 20 "$from"; then
    fail guest-ping "no 'ping 10.0.0.3: N/10 replies' line"
elif ! lines $c '^ping 10\.0\.0\.3: 10/10 replies$' "$from" >/dev/null; then
    fail guest-ping "$(lines $c '^ping 10\.0\.0\.3: ' "$from" | tail -n 1), want 10/10"
else
    ok guest-ping
fi
show guest-ping $c "$from"

# (d) A backend that stops taking the guest's frames (dom0 downs the
# guest's vif: netback masks its event channel and reads no more of the
# TX ring, as a stuck netback does): the guest notifies it again, then
# rebuilds its rings, keeping its address; once the vif is up again it
# answers pings.
from=$(mark $c)
cid=$(timeout 5 xl domid $c)
ip link set "vif$cid.0" down
type_in $c 'ping 10.0.0.3 3'
if ! wait_for $c '^(osprey> )?netfront: vif0: backend took no frame for [0-9]+ ms: notifying it again$' 1 15 "$from"; then
    fail stall "no 'netfront: vif0: backend took no frame ... notifying it again' line"
elif ! wait_for $c '^(osprey> )?netfront: vif0: backend took no frame for [0-9]+ ms: reconnecting$' 1 15 "$from"; then
    fail stall "no 'netfront: vif0: backend took no frame ... reconnecting' line"
elif ! wait_for $c '^(osprey> )?netfront: vif0: reconnected, backend d0$' 1 20 "$from"; then
    ip link set "vif$cid.0" up
    fail stall "no 'netfront: vif0: reconnected, backend d0' line"
else
    ip link set "vif$cid.0" up
    if ! pings stall 10.0.0.4 5; then
        fail stall "dom0's 5 pings of 10.0.0.4 after the reconnection not all answered"
    elif lines $c '^(osprey> )?net: vif0: link down$' "$from" >/dev/null; then
        fail stall "the guest's link went down (it should keep its address)"
    else
        ok stall
    fi
fi
ip link set "vif$cid.0" up 2>/dev/null
show stall $c "$from"
destroy $c
destroy $s

# (e) A program: samples/echo-server with a static address.  dom0 opens
# 10 connections at once, each with its own random data (sizes differ),
# and checks what came back against what it sent, and the guest's line
# for each connection (its byte count) against the sizes sent.
e=net-echo
echo_ip=10.0.0.5
echo_n=10
if ! start $e $mac:05 "ip=$echo_ip/24 gw=10.0.0.1 -- 7" echo-server.bin; then
    fail echo-listen "xl create of echo-server.bin failed"
elif ! wait_for $e '^echo-server: listening on port 7$' 1 20; then
    fail echo-listen "no 'echo-server: listening on port 7' line"
else
    address echo-listen $e $echo_ip $mac:05
fi
from=$(mark $e)
i=1 pids='' sizes=''
while [ "$i" -le "$echo_n" ]; do
    size=$((30000 + i * 7919))
    sizes="$sizes $size"
    head -c "$size" /dev/urandom >"echo-in.$i"
    i=$((i + 1))
done
t0=$(now)
i=1
while [ "$i" -le "$echo_n" ]; do
    timeout 60 nc "$echo_ip" 7 <"echo-in.$i" >"echo-out.$i" 2>"echo-err.$i" &
    pids="$pids $!"
    i=$((i + 1))
done
# Only these: udhcpd runs in the background too.
for p in $pids; do wait "$p"; done
echo "INFO echo-10: $echo_n connections done in $(since "$t0") s"
bad=
i=1
while [ "$i" -le "$echo_n" ]; do
    want=$(cksum <"echo-in.$i") got=$(cksum <"echo-out.$i")
    [ "$want" = "$got" ] ||
        bad="$bad conn$i: sent '$want', back '$got' $(head -c 80 "echo-err.$i");"
    i=$((i + 1))
done
done_re='^echo-server: 10\.0\.0\.1:[0-9]+ closed after [0-9]+ bytes$'
if [ -n "$bad" ]; then
    fail echo-10 "$bad"
elif ! wait_for $e "$done_re" "$echo_n" 20 "$from"; then
    fail echo-10 "$(count $e "$done_re" "$from") of $echo_n 'closed after N bytes' lines"
else
    counted=$(lines $e "$done_re" "$from" | sed 's/.* after \([0-9]*\) bytes$/\1/' | sort -n | tr '\n' ' ')
    sent=$(for s in $sizes; do echo "$s"; done | sort -n | tr '\n' ' ')
    if [ "$counted" != "$sent" ]; then
        fail echo-10 "the guest counted '$counted', dom0 sent '$sent'"
    else
        ok echo-10
    fi
fi
show echo-10 $e "$from"
destroy $e

# (f) Offloads switched off, one guest each (file "offloads": words of
# netfront= options, e.g. "no-csum no-sg no-gso"; tests/boot/net.sh
# writes it): the same 64 MiB each way, steps tcp-OPTIONS-in and -out.
# A guest's and a step's name have "_" for the options' commas.
for o in $(cat offloads 2>/dev/null); do
    n=$(echo "$o" | tr , _)
    # Not f: show() keeps its log's path there.
    vg=net-$n
    if start "$vg" $mac:06 "app=httpd ip=10.0.0.6/24 gw=10.0.0.1 netfront=$o"; then
        address "addr-$n" "$vg" 10.0.0.6 $mac:06 "$o"
        transfers "tcp-$n" "$vg" 10.0.0.6 "$o"
    else
        fail "tcp-$n-in" "xl create failed"
    fi
    destroy "$vg"
done

kill "$dhcpd" 2>/dev/null
sed 's/^/INFO udhcpd| /' udhcpd.log | tail -n 20
echo "INFO all steps done at $(now)s"
