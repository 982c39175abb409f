#!/bin/sh
# The steps of tests/boot/xl.sh, run inside the dom0 test host (busybox sh,
# see scripts/dom0/init) as /test/run.sh, next to zephyr.bin, the test
# guests it runs (faults.bin, xs-test.bin, net-test.bin, libc.bin,
# osapi.bin, smp-test.bin), the sample programs hello.bin, lua.bin,
# philosophers.bin, vchan-echo.bin and files.bin (make samples), a file "smp"
# (section 11)
# and a file "gic"
# holding the host's GIC version (2 or 3).
#
# It prints, on the console Xen's serial shows:
#   STEP NAME OK                    a step passed the checks made here
#   STEP NAME FAIL REASON           it did not
#   CON NAME| LINE                  the guest's PV console during step NAME
#   VUART NAME| LINE                `xl console -t vuart` during step NAME
#   VLOG NAME| LINE                 xenconsoled's log of the guest's vuart
#   XLCON NAME| LINE                `xl console` during step NAME
#   XLDTB NAME DTB...               the guest DTB libxl built, in the lines
#                                   tests/tools/dtbdump/undump.sh reads
#   INFO ...                        anything else worth seeing in a log
# The host checks the guest's lines against the DTBs; here only what needs
# waiting for or a dom0 tool is checked.  Every wait has a time limit, and
# every xl command runs under timeout(1).
gic=$(cat gic)
log_dir=/var/log/xen/console
log=$log_dir/guest-zephyr.log
sample='^thread_[ab]: Hello World'

now() { cut -d' ' -f1 /proc/uptime; }
# since T0: seconds from T0 (a now() value) to now.
since() { awk -v a="$(now)" -v b="$1" 'BEGIN { printf "%.2f", a - b }'; }
ok() { echo "STEP $1 OK ($(now)s)"; }
fail() {
    step=$1
    shift
    echo "STEP $step FAIL $* ($(now)s)"
    info
}
# info: what dom0 knows about the guest, for a failure's log.
info() {
    timeout 5 xl list 2>&1 | sed 's/^/INFO xl list| /'
    id=$(timeout 5 xl domid zephyr 2>/dev/null) &&
        timeout 5 xenstore-ls -f "/local/domain/$id" 2>&1 |
        grep -E '/(console|store|control|name|domid)' | sed 's/^/INFO xs| /'
}

# conf NAME LINE...: NAME.conf, the seed's config plus LINEs.
conf() {
    f=$1.conf
    shift
    {
        echo "kernel=\"${kernel:-zephyr.bin}\""
        echo 'name="zephyr"'
        echo "vcpus=${vcpus:-1}"
        echo 'memory=16'
        for line in "$@"; do echo "$line"; done
        echo 'on_crash="preserve"'
    } >"$f"
}

# count FILE REGEX: how many lines of FILE match (0 without FILE).
count() {
    [ -f "$1" ] || { echo 0; return; }
    tr -d '\r' <"$1" | grep -Ec -- "$2"
}

# wait_for FILE REGEX N SECS: until N lines of FILE match, at most SECS;
# gives up early, checked once a second, if the guest has crashed.  (Not
# when it is gone: during `xl reboot` it is, for a moment.)
wait_for() {
    i=0
    while [ "$(count "$1" "$2")" -lt "$3" ]; do
        i=$((i + 1))
        [ "$i" -le $(($4 * 10)) ] || return 1
        if [ $((i % 10)) -eq 0 ]; then
            case $(state) in
            *c*) echo "INFO the guest crashed"; return 1 ;;
            esac
        fi
        sleep 0.1
    done
}

# show TAG NAME FILE: FILE's lines as "TAG NAME| LINE".
show() {
    [ -f "$3" ] || { echo "INFO $2: no $3"; return; }
    tr -d '\r' <"$3" | sed "s/^/$1 $2| /"
}

# dump_dtb NAME FILE: FILE in undump.sh's lines, each prefixed "XLDTB NAME ".
dump_dtb() {
    [ -s "$2" ] || { echo "INFO $1: no DTB dumped at $2"; return; }
    size=$(wc -c <"$2")
    sum=$(od -An -v -tu1 "$2" | awk '{ for (i = 1; i <= NF; i++) s += $i }
        END { printf "%x", s % 4294967296 }')
    echo "XLDTB $1 DTB-BEGIN 0 $(printf %x "$size")"
    od -An -v -tx1 "$2" | tr -d ' \n' | fold -w 64 |
        awk -v n="$1" '{ printf "XLDTB %s DTB %x %s\n", n, (NR - 1) * 32, $0 }'
    echo "XLDTB $1 DTB-END $(printf %x "$size") $sum"
}

# crashed SECS: the zephyr domain's state once it shows crashed (c), or
# its last state after SECS.
crashed() {
    i=0
    while :; do
        s=$(state)
        case $s in *c*) break ;; esac
        i=$((i + 1))
        [ "$i" -le $(($1 * 10)) ] || break
        sleep 0.1
    done
    echo "$s"
}

# create NAME [LINE...]: start a guest from NAME.conf (the seed's config plus
# LINEs) with a fresh console log, dumping libxl's DTB for it to NAME.dtb.
create() {
    name=$1
    shift
    conf "$name" "$@"
    rm -f "$log" "$log_dir"/guest-zephyr*.log "$name.dtb"
    # To a file, not through $(...): a daemon xl starts (xen-9pfsd for
    # p9=) inherits its output and would keep the pipe open for good.
    LIBXL_DEBUG_DUMP_DTB=$PWD/$name.dtb timeout 20 xl create "$name.conf" \
        >"$name.create" 2>&1
    rc=$?
    sed "s/^/INFO xl create $name| /" "$name.create"
    [ "$rc" -eq 0 ]
}

# destroy: no zephyr domain left, whatever state it is in.
destroy() {
    timeout 10 xl destroy zephyr >/dev/null 2>&1
    gone 5
}

# gone SECS: the domain has left `xl list` within SECS.
gone() {
    i=0
    while timeout 5 xl domid zephyr >/dev/null 2>&1; do
        i=$((i + 1))
        [ "$i" -le $(($1 * 10)) ] || return 1
        sleep 0.1
    done
}

# state: the zephyr domain's state column in `xl list` (e.g. "-b----").
state() {
    timeout 5 xl list zephyr 2>/dev/null | awk '$1 == "zephyr" { print $5 }'
}

# sample_step NAME LINE...: the seed's config (plus LINEs) prints the
# sample's 4 alternating lines on its PV console.
sample_step() {
    name=$1
    shift
    t0=$(now)
    if ! create "$name" "$@"; then
        fail "$name" "xl create failed"
        return 1
    fi
    echo "INFO $name: xl create took $(since "$t0") s"
    wait_for "$log" . 1 10 && echo "INFO $name: first console line $(since "$t0") s after xl create began"
    if wait_for "$log" "$sample" 4 10; then
        ok "$name"
        echo "INFO $name: 4 sample lines $(since "$t0") s after xl create began"
    else
        fail "$name" "fewer than 4 sample lines on the PV console within 10 s"
    fi
    show CON "$name" "$log"
    dump_dtb "$name" "$name.dtb"
}

echo "INFO host GICv$gic, dom0 up at $(now)s"

# 1. The seed's config with the host's GIC version, then xl destroy.
if sample_step "create-gicv$gic" "gic_version=\"v$gic\""; then
    # Later: the guest reads its domid and name from XenStore.
    id=$(timeout 5 xl domid zephyr)
    if wait_for "$log" "^xenstore: domid $id name zephyr\$" 1 3; then
        ok xenstore-name
    else
        fail xenstore-name "no 'xenstore: domid $id name zephyr' line"
    fi
    show CON xenstore-name "$log"
    # xl console attaches to the pty xenconsoled serves: more output must
    # come through it (the sample prints every 0.5 s).
    timeout 3 xl console zephyr >console.out 2>&1 </dev/null
    if [ "$(count console.out "$sample")" -ge 1 ]; then
        ok console-reattach
    else
        fail console-reattach "no sample line through 'xl console' in 3 s"
    fi
    show XLCON console-reattach console.out
fi
if destroy; then ok destroy; else fail destroy "zephyr still in xl list 5 s after xl destroy"; fi

# 1b. The seed's very command, `xl create -c`: xl attaches to the console
# and copies it to its standard output (here a file, no terminal).
conf create-c "gic_version=\"v$gic\""
rm -f "$log"
timeout 8 xl create -c create-c.conf >create-c.out 2>&1 </dev/null &
attached=$!
if wait_for create-c.out "$sample" 4 7; then
    ok create-c
else
    fail create-c "fewer than 4 sample lines from 'xl create -c' within 7 s"
fi
destroy
wait "$attached"
show XLCON create-c create-c.out

# 2. The same without gic_version: xl picks the host's.
sample_step create-default
destroy

# 3. An emulated SBSA UART too, shown by `xl console -t vuart`.  The kernel
# prints its boot on the UART until the PV console is up, then on the PV
# console, which replays the boot, and keeps copying everything to the
# UART: both must show the banner, the UART line and the samples.
vuart=$log_dir/guest-zephyr-vuart0.log
if create "vuart-gicv$gic" "gic_version=\"v$gic\"" 'vuart="sbsa_uart"'; then
    wait_for "$log" "$sample" 2 10
    timeout 2 xl console -t vuart zephyr >vuart.out 2>&1 </dev/null
    uart='^uart sbsa-uart [^ ]* 0x22000000 '
    if [ "$(count vuart.out '^\*\*\* Booting ')" -lt 1 ] ||
        [ "$(count vuart.out "$uart")" -lt 1 ] ||
        [ "$(count vuart.out "$sample")" -lt 2 ]; then
        fail "vuart-gicv$gic" "no banner, 'uart sbsa-uart' line or samples from 'xl console -t vuart'"
    elif [ "$(count "$log" "$uart")" -lt 1 ] ||
        [ "$(count "$log" "$sample")" -lt 2 ]; then
        fail "vuart-gicv$gic" "no 'uart sbsa-uart' line or samples on the PV console"
    else
        ok "vuart-gicv$gic"
    fi
    echo "INFO vuart-gicv$gic: $(count vuart.out "$sample") sample lines on the vuart"
    show VUART "vuart-gicv$gic" vuart.out
    show CON "vuart-gicv$gic" "$log"
    show VLOG "vuart-gicv$gic" "$vuart"
    dump_dtb "vuart-gicv$gic" "vuart-gicv$gic.dtb"
else
    fail "vuart-gicv$gic" "xl create failed"
fi
destroy

# 4. A guest that panics stays, crashed, for on_crash="preserve".
if kernel=faults.bin create panic 'extra="app=panic"'; then
    s=$(crashed 5)
    echo "INFO panic: xl list state '$s'"
    case $s in
    *c*) ok panic ;;
    *) fail panic "state '$s' in xl list 5 s after xl create, want crashed (c)" ;;
    esac
    show CON panic "$log"
else
    fail panic "xl create failed"
fi
destroy

# 4b. A program's arguments and environment come from extra= (the words
# after "--", and KEY=VALUE before it); its return of 0 powers it off.
if kernel=hello.bin create program-args \
    'extra="GREETING=Hi -- from xl"' &&
    wait_for "$log" '^argv\[2\] = "xl"' 1 10; then
    if ! wait_for "$log" '^Hi from hello on xenvm' 1 1; then
        fail program-args "no 'Hi from hello on xenvm' line"
    elif ! gone 10; then
        fail program-args "still in xl list 10 s after main returned 0 (state '$(state)')"
    else
        ok program-args
    fi
else
    fail program-args "no 'argv[2] = \"xl\"' line within 10 s"
fi
show CON program-args "$log"
destroy

# 4b'. Lua (samples/lua, built unchanged) runs a line given in extra=
# and powers off.
if kernel=lua.bin create program-lua "extra=\"-- -e 'print(6*7)'\"" &&
    wait_for "$log" '^42' 1 15; then
    if gone 10; then
        ok program-lua
    else
        fail program-lua "still in xl list 10 s after printing 42 (state '$(state)')"
    fi
else
    fail program-lua "no '42' line within 15 s"
fi
show CON program-lua "$log"
destroy

# 4c. exit(3) is a crash with its status in the log, kept for
# on_crash="preserve".
if kernel=libc.bin create program-exit3 'extra="app=libc-exit"' &&
    wait_for "$log" 'PANIC: exit status 3$' 1 10; then
    s=$(crashed 5)
    case $s in
    *c*) ok program-exit3 ;;
    *) fail program-exit3 "state '$s' in xl list after exit(3), want crashed (c)" ;;
    esac
else
    fail program-exit3 "no line ending 'PANIC: exit status 3' within 10 s"
fi
show CON program-exit3 "$log"
destroy

# 5. xl shutdown: the guest is told why and powers off.
if create shutdown && wait_for "$log" "$sample" 2 10; then
    # What the guest advertises it handles (xen/control.c).
    ctl=/local/domain/$(timeout 5 xl domid zephyr)/control
    fp=$(timeout 5 xenstore-read "$ctl/feature-poweroff" 2>&1)
    fr=$(timeout 5 xenstore-read "$ctl/feature-reboot" 2>&1)
    t0=$(now)
    timeout 10 xl shutdown zephyr 2>&1 | sed 's/^/INFO xl shutdown| /'
    echo "INFO xl shutdown returned after $(since "$t0") s"
    if [ "$fp" != 1 ] || [ "$fr" != 1 ]; then
        fail shutdown "control/feature-poweroff '$fp', feature-reboot '$fr', want 1 and 1"
    elif ! wait_for "$log" '^control: shutdown requested' 1 5; then
        fail shutdown "no 'control: shutdown requested' line within 5 s"
    elif ! gone 5; then
        fail shutdown "still in xl list 5 s after the request (state '$(state)')"
    else
        ok shutdown
    fi
else
    fail shutdown "the guest did not start"
fi
show CON shutdown "$log"
destroy

# 6. xl reboot: the domain comes back under a new domid and boots again.
# With the seed's relative kernel="zephyr.bin" xl cannot restart it: the xl
# process that waits on the domain has moved to / and fails with "failed to
# open file 'zephyr.bin'" (in /var/log/xen/xl-zephyr.log).  So: a full path.
if kernel=$PWD/zephyr.bin create reboot && wait_for "$log" "$sample" 2 10; then
    id=$(timeout 5 xl domid zephyr)
    t0=$(now)
    timeout 10 xl reboot zephyr 2>&1 | sed 's/^/INFO xl reboot| /'
    echo "INFO xl reboot returned after $(since "$t0") s"
    if ! wait_for "$log" '^\*\*\* Booting ' 2 8; then
        fail reboot "no second boot banner within 8 s"
        # The xl process that restarts the domain logs here.
        show INFO "xl-zephyr.log" /var/log/xen/xl-zephyr.log
    else
        id2=$(timeout 5 xl domid zephyr)
        if [ -z "$id2" ] || [ "$id2" = "$id" ]; then
            fail reboot "domid '$id' before, '$id2' after"
        else
            ok reboot
            echo "INFO reboot: domid $id, then $id2"
        fi
    fi
else
    fail reboot "the guest did not start"
fi
show CON reboot "$log"
destroy

# xenbus_handshake DOMID: dom0 plays the backend of an "osprey-test"
# device for xs-test's frontend driver: InitWait, Connected, Closing.
xenbus_handshake() {
    fe=/local/domain/$1/device/osprey-test/0
    be=/local/domain/0/backend/osprey-test/$1/0
    # device/ is dom0's (the guest may read it), so the frontend's directory
    # is made, then given to the guest; the guest takes the device once
    # "backend" exists, so that is written last, when it may write "state".
    # (libxl does all this in one transaction, which the CLI tools cannot.)
    if ! timeout 5 xenstore-write "$be/frontend" "$fe" "$be/frontend-id" "$1" \
        "$be/state" 1 ||
        ! timeout 5 xenstore-chmod -r "$be" n0 "r$1" ||
        ! timeout 5 xenstore-write "$fe/state" 1 ||
        ! timeout 5 xenstore-chmod -r "$fe" "n$1" r0 ||
        ! timeout 5 xenstore-write "$fe/backend-id" 0 ||
        ! timeout 5 xenstore-write "$fe/backend" "$be"; then
        fail xenbus "cannot create the device nodes"
        return
    fi
    # The guest's scan of device/ sees it and its driver takes it.
    wait_state "$fe/state" 1 3 || { fail xenbus "frontend state '$v', want 1"; return; }
    timeout 5 xenstore-write "$be/state" 2
    wait_state "$fe/state" 3 3 ||
        { fail xenbus "frontend state '$v' after backend InitWait, want 3 (Initialised)"; return; }
    timeout 5 xenstore-write "$be/state" 4
    wait_state "$fe/state" 4 3 ||
        { fail xenbus "frontend state '$v' after backend Connected, want 4"; return; }
    timeout 5 xenstore-write "$be/state" 5
    wait_state "$fe/state" 6 3 ||
        { fail xenbus "frontend state '$v' after backend Closing, want 6 (Closed)"; return; }
    if wait_for "$log" '^xs-test: device/osprey-test/0 closed' 1 2; then
        ok xenbus
    else
        fail xenbus "no 'xs-test: device/osprey-test/0 closed' line"
    fi
}

# wait_state PATH VALUE SECS: until xenstore-read PATH gives VALUE (in $v).
wait_state() {
    i=0
    while v=$(timeout 5 xenstore-read "$1" 2>/dev/null); [ "$v" != "$2" ]; do
        i=$((i + 1))
        [ "$i" -le $(($3 * 10)) ] || return 1
        sleep 0.1
    done
}

# 7. XenStore both ways with the xs-test app, and a XenBus handshake.
if kernel=xs-test.bin create xs-test 'extra="app=xs-test"'; then
    id=$(timeout 5 xl domid zephyr)
    home=/local/domain/$id
    if ! wait_for "$log" '^xs-test: wrote' 1 5; then
        fail xs-test-write "no 'xs-test: wrote' line within 5 s"
    else
        v=$(timeout 5 xenstore-read "$home/data/osprey-test" 2>&1)
        if [ "$v" != hello ]; then
            fail xs-test-write "xenstore-read $home/data/osprey-test gave '$v'"
        else
            ok xs-test-write
            # After the watch is set (it fires once at once, too).
            wait_for "$log" '^xs-test: ready' 1 5 ||
                echo "INFO xs-test: no 'xs-test: ready' line"
            timeout 5 xenstore-write "$home/data/osprey-ping" pong
            if wait_for "$log" '^xs-test: watch data/osprey-ping = pong$' 1 5; then
                ok xs-test-watch
            else
                fail xs-test-watch "no 'xs-test: watch data/osprey-ping = pong' within 5 s"
            fi
        fi
    fi
    if [ "$(count "$log" '^xs-test: FAIL')" -eq 0 ]; then
        ok xs-test-checks
    else
        fail xs-test-checks "$(grep -m 1 '^xs-test: FAIL' "$log")"
    fi
    xenbus_handshake "$id"
else
    fail xs-test-write "xl create failed"
fi
show CON xs-test "$log"
destroy

# 8. Console input: type into the guest's PV console as `xl console`
# would, through the pty xenconsoled serves (its path is in XenStore).
if create console-input 'extra="app=shell"' &&
    wait_for "$log" '^shell: ready' 1 5; then
    id=$(timeout 5 xl domid zephyr)
    tty=$(timeout 5 xenstore-read "/local/domain/$id/console/tty")
    printf 'echo typed-in-dom0\r' >"$tty"
    if wait_for "$log" '^typed-in-dom0$' 1 5; then
        ok console-input
    else
        fail console-input "no 'typed-in-dom0' line after typing into $tty"
    fi
else
    fail console-input "the shell app did not start"
fi
show CON console-input "$log"
destroy

# 9. PV network: net-test (netfront with a few lines of ARP and ICMP echo
# on its ops) with two vifs on dom0's bridge xenbr0 (10.0.0.1), answering
# as 10.0.0.2 and 10.0.0.3.  Both vifs connect on both ends; dom0 pings
# each; then the first is detached and attached again while the guest runs.
mac=00:16:3e:00:00
fe_state() { timeout 5 xenstore-read "/local/domain/$1/device/vif/$2/state"; }
be_state() { timeout 5 xenstore-read "/local/domain/0/backend/vif/$1/$2/state"; }
# pings NAME IP N: dom0 pings IP N times, all answered.  If not, what
# dom0's ARP table, bridge ports, vifs' counters and netback's interrupts
# say, for the log.
pings() {
    echo "INFO $1 ping $2 from $(now)s"
    timeout 30 ping -c "$3" -i 0.2 -W 5 "$2" >"$1.ping" 2>&1
    sed "s/^/INFO $1 ping $2| /" "$1.ping"
    grep -q "^$3 packets transmitted, $3 packets received" "$1.ping" &&
        return 0
    ip neigh 2>&1 | sed "s/^/INFO $1 neigh| /"
    for port in /sys/class/net/xenbr0/brif/*; do
        dev=${port##*/}
        echo "INFO $1 port $dev: state $(cat "$port/state")," \
            "operstate $(cat "/sys/class/net/$dev/operstate")," \
            "carrier $(cat "/sys/class/net/$dev/carrier" 2>&1)"
    done
    grep -E 'vif|xenbr0|Inter|face' /proc/net/dev | sed "s/^/INFO $1 netdev| /"
    grep vif /proc/interrupts | sed "s/^/INFO $1 irq| /"
    return 1
}
if kernel=net-test.bin create vif 'extra="app=net-test"' \
    "vif=['bridge=xenbr0,mac=$mac:01','bridge=xenbr0,mac=$mac:02']" &&
    wait_for "$log" "^netfront: vif[01]: mac $mac:0[12], backend d0, offloads [a-z -]+\$" 2 15 &&
    wait_for "$log" '^net-test: vif1 up' 1 5; then
    id=$(timeout 5 xl domid zephyr)
    states="$(fe_state "$id" 0)$(be_state "$id" 0)$(fe_state "$id" 1)$(be_state "$id" 1)"
    # One event channel per ring, as netback offers and Linux's netfront
    # takes: netback's interrupts vifD.N-q0-tx and -rx.
    irqs=$(grep -c "vif$id\.[01]-q0-[tr]x\$" /proc/interrupts)
    if [ "$states" != 4444 ]; then
        fail vif-connect "frontend/backend states of vif 0 and 1: $states, want 4444"
    elif [ "$irqs" -ne 4 ]; then
        grep "vif$id\." /proc/interrupts | sed 's/^/INFO vif-connect irq| /'
        fail vif-connect "netback has $irqs of the 4 interrupts vif$id.{0,1}-q0-{tx,rx}: the event channels are not split"
    else
        ok vif-connect
    fi
    if ! pings vif-ping 10.0.0.2 20; then
        fail vif-ping "dom0's 20 pings of 10.0.0.2 not all answered"
    elif ! pings vif-ping 10.0.0.3 10; then
        fail vif-ping "dom0's 10 pings of 10.0.0.3 not all answered"
    elif ! wait_for "$log" '^net-test: vif0 rx [0-9]* frames \(arp [1-9][0-9]*, icmp 20\)' 1 3; then
        fail vif-ping "no 'net-test: vif0 rx ... (arp A, icmp 20)' line, A > 0"
    elif ! wait_for "$log" '^net-test: vif1 rx [0-9]* frames \(arp [1-9][0-9]*, icmp 10\)' 1 3; then
        fail vif-ping "no 'net-test: vif1 rx ... (arp A, icmp 10)' line, A > 0"
    else
        ok vif-ping
    fi
    timeout 20 xl network-detach zephyr 0 2>&1 | sed 's/^/INFO detach| /'
    if ! wait_for "$log" '^net-test: vif0 down' 1 10; then
        fail vif-reattach "no 'net-test: vif0 down' after xl network-detach"
    else
        timeout 20 xl network-attach zephyr bridge=xenbr0 mac=$mac:01 2>&1 |
            sed 's/^/INFO attach| /'
        if wait_for "$log" "^netfront: vif[0-9]*: mac $mac:01, backend d0, offloads [a-z -]+\$" 2 15 &&
            pings vif-reattach 10.0.0.2 5; then
            ok vif-reattach
        else
            fail vif-reattach "the vif attached again did not connect or answer 5 pings"
        fi
    fi
else
    fail vif-connect "the guest's two vifs did not connect within 15 s"
fi
show CON vif "$log"
destroy

# 10. Osprey's API as a program sees it (tests/guest/osapi, app=osapi-xen):
# the time of day from Xen's wallclock (which dom0's Linux set from its
# RTC) against dom0's own clock, the domain's id and name, XenStore
# through <osprey/xenstore.h> both ways, and a watch that fires when dom0
# writes; then osprey_poweroff() ends the domain.
if kernel=osapi.bin create osapi 'extra="app=osapi-xen"'; then
    id=$(timeout 5 xl domid zephyr)
    home=/local/domain/$id
    if ! wait_for "$log" '^osapi: realtime [0-9]+ ' 1 10; then
        fail osapi-time "no 'osapi: realtime' line within 10 s"
    else
        dom0_s=$(date +%s)
        guest_s=$(tr -d '\r' <"$log" |
            sed -n 's/^osapi: realtime \([0-9]*\) .*/\1/p' | head -n 1)
        diff_s=$((dom0_s - guest_s))
        echo "INFO osapi-time: guest $guest_s, dom0 $dom0_s"
        if [ "$(count "$log" '^time: .* UTC from xen-wallclock$')" -lt 1 ]; then
            fail osapi-time "no 'time: ... UTC from xen-wallclock' boot line"
        elif [ "${diff_s#-}" -gt 3 ]; then
            fail osapi-time "the guest's time of day $guest_s is ${diff_s} s off dom0's $dom0_s"
        else
            ok osapi-time
        fi
    fi
    if wait_for "$log" "^osapi: domid $id name zephyr xen " 1 10; then
        ok osapi-identity
    else
        fail osapi-identity "no 'osapi: domid $id name zephyr' line"
    fi
    if ! wait_for "$log" '^osapi: ready for data/osapi-ping$' 1 10; then
        fail osapi-xenstore "no 'osapi: ready for data/osapi-ping' line within 10 s"
        fail osapi-watch "skipped: the guest did not get to its watch"
    else
        v=$(timeout 5 xenstore-read "$home/data/osapi" 2>&1)
        if [ "$v" = written-by-osapi ]; then
            ok osapi-xenstore
        else
            fail osapi-xenstore "xenstore-read $home/data/osapi gave '$v'"
        fi
        timeout 5 xenstore-write "$home/data/osapi-ping" pong
        if wait_for "$log" '^osapi: watch data/osapi-ping = pong$' 1 10; then
            ok osapi-watch
        else
            fail osapi-watch "no 'osapi: watch data/osapi-ping = pong' within 10 s"
        fi
    fi
    if ! wait_for "$log" '^osapi: (PASS|FAIL) ' 1 10; then
        fail osapi-checks "no 'osapi: PASS' line within 10 s"
    elif [ "$(count "$log" '^osapi: PASS \(0 failed\)$')" -ne 1 ]; then
        fail osapi-checks "$(tr -d '\r' <"$log" | grep -m 1 '^osapi: FAIL')"
    else
        ok osapi-checks
    fi
    if gone 10; then
        ok osapi-poweroff
    else
        fail osapi-poweroff "still in xl list 10 s after osprey_poweroff (state '$(state)')"
    fi
else
    fail osapi-time "xl create failed"
fi
show CON osapi "$log"
destroy

# 11. Every vCPU at work (tests/guest/smp-test): the scheduler's stress,
# and an event channel bound to vCPU 1 delivering there.  The file "smp"
# lists the runs, VCPUS:PINGPONG-ROUNDS each (xl.sh: 2:10000 in make
# check, 2 and 4 with 100,000 in make boot-tests-smp); the host has 2
# pCPUs, so 4 vCPUs are oversubscribed, and time limits are 8 times the
# bare ones (slow=8): vCPUs wake each other through Xen's scheduler.
for spec in $(cat smp); do
    n=${spec%%:*} rounds=${spec#*:}
    if vcpus=$n kernel=smp-test.bin create "smp-vcpus$n" \
        "extra=\"app=smp-test pingpong=$rounds slow=8\"" &&
        wait_for "$log" '^smp-test: (PASS|FAIL) ' 1 600; then
        if ! wait_for "$log" "^smp: $n of $n CPUs running\$" 1 1; then
            fail "smp-vcpus$n" "no 'smp: $n of $n CPUs running' line"
        elif [ "$(count "$log" '^smp-test: PASS \(0 failed\)$')" -ne 1 ]; then
            fail "smp-vcpus$n" "$(tr -d '\r' <"$log" | grep -m 1 '^smp-test: FAIL')"
        elif ! wait_for "$log" '^smp-test: ok evtchn-vcpu1$' 1 1; then
            fail "smp-vcpus$n" "no 'smp-test: ok evtchn-vcpu1' line"
        else
            ok "smp-vcpus$n"
        fi
    else
        fail "smp-vcpus$n" "no smp-test verdict within 600 s"
    fi
    show CON "smp-vcpus$n" "$log"
    destroy
done

# 12. xl vcpu-set: philosophers eat on both vCPUs; vCPU 1 goes down (the
# guest moves its threads and turns it off, xl vcpu-list shows it not
# running) and comes back, and they eat there again.
# vcpu_state N: vCPU N's state column in `xl vcpu-list zephyr`.
vcpu_state() {
    timeout 5 xl vcpu-list zephyr 2>/dev/null |
        awk -v n="$1" '$1 == "zephyr" && $3 == n { print $5 }'
}
# eaten_on CPU: meals counted on CPU so far.
eaten_on() { count "$log" "^philosopher [0-9]+: ate [0-9]+ on cpu $1\$"; }
if vcpus=2 kernel=philosophers.bin create vcpu-set &&
    wait_for "$log" '^philosopher [0-9]+: ate [0-9]+ on cpu 1$' 1 30; then
    timeout 5 xl vcpu-list zephyr 2>&1 | sed 's/^/INFO vcpu-list before| /'
    before=$(vcpu_state 1)
    timeout 10 xl vcpu-set zephyr 1
    if ! wait_for "$log" '^smp: cpu 1 offline$' 1 15; then
        fail vcpu-set-down "no 'smp: cpu 1 offline' line within 15 s of xl vcpu-set zephyr 1"
    else
        sleep 1
        on1=$(eaten_on 1) all=$(count "$log" '^philosopher ')
        sleep 3
        timeout 5 xl vcpu-list zephyr 2>&1 | sed 's/^/INFO vcpu-list down| /'
        down=$(vcpu_state 1)
        if [ "$(eaten_on 1)" -ne "$on1" ]; then
            fail vcpu-set-down "meals on cpu 1 after it went down"
        elif [ "$(count "$log" '^philosopher ')" -le "$all" ]; then
            fail vcpu-set-down "no meals for 3 s on the one vCPU left"
        else
            case $down in
            *r*) fail vcpu-set-down "xl vcpu-list shows vCPU 1 '$down' (was '$before')" ;;
            *) ok vcpu-set-down ;;
            esac
        fi
        timeout 10 xl vcpu-set zephyr 2
        on1=$(eaten_on 1)
        if ! wait_for "$log" '^smp: cpu 1 online$' 1 15; then
            fail vcpu-set-up "no 'smp: cpu 1 online' line within 15 s of xl vcpu-set zephyr 2"
        elif ! wait_for "$log" '^philosopher [0-9]+: ate [0-9]+ on cpu 1$' $((on1 + 1)) 20; then
            fail vcpu-set-up "no meal on cpu 1 within 20 s of its return"
        else
            timeout 5 xl vcpu-list zephyr 2>&1 | sed 's/^/INFO vcpu-list up| /'
            ok vcpu-set-up
        fi
    fi
else
    fail vcpu-set-down "no meal on cpu 1 within 30 s with vcpus=2"
fi
show CON vcpu-set "$log"
destroy

# 13. maxvcpus=4 with vcpus=2: the DT lists 4, all start, and the
# toolstack's cpu/N/availability takes 2 and 3 down again, as Linux does.
if vcpus=2 create maxvcpus 'maxvcpus=4' &&
    wait_for "$log" '^smp: cpu 3 offline$' 1 30; then
    if wait_for "$log" '^smp: cpu 2 offline$' 1 1 &&
        wait_for "$log" "$sample" 4 10; then
        ok maxvcpus
    else
        fail maxvcpus "no 'smp: cpu 2 offline' line, or the sample stopped"
    fi
else
    fail maxvcpus "no 'smp: cpu 3 offline' line within 30 s"
fi
show CON maxvcpus "$log"
destroy

# 14. vchan (samples/vchan-echo, <osprey/vchan.h>) with Xen's own
# libxenvchan at the other end: dom0's vchan-socket-proxy sends 1 MiB of
# random bytes through the guest's echo and must get the same bytes
# back (cksum).  First the guest serves data/vchan and the proxy is its
# client; then the proxy serves /local/domain/0/data/vchan and the
# guest is its client.  The proxy quits at the end of its stdin, even
# with echoes still on the way: its stdin, a FIFO, stays open until all
# came back (or 120 s).
vchan_bytes=1048576
head -c $vchan_bytes /dev/urandom >vchan.in
vchan_sum=$(cksum <vchan.in)
# vchan_push NAME ARGS...: vchan-socket-proxy ARGS with vchan.in on its
# stdin, its stdout in NAME.out; 0 if the bytes came back whole.
vchan_push() {
    name=$1
    shift
    rm -f "$name.fifo" "$name.out"
    mkfifo "$name.fifo"
    : >"$name.out"
    timeout 180 vchan-socket-proxy "$@" <"$name.fifo" >"$name.out" \
        2>"$name.err" &
    proxy=$!
    exec 3>"$name.fifo"
    cat vchan.in >&3 &
    feeder=$!
    t0=$(now)
    i=0
    while [ "$(wc -c <"$name.out")" -lt $vchan_bytes ] && kill -0 "$proxy" 2>/dev/null; do
        i=$((i + 1))
        [ "$i" -le 1200 ] || break
        sleep 0.1
    done
    took=$(since "$t0")
    exec 3>&-
    wait "$feeder"
    wait "$proxy"
    rc=$?
    sed "s/^/INFO $name proxy stderr| /" "$name.err"
    got=$(wc -c <"$name.out")
    echo "INFO $name: $got of $vchan_bytes bytes back in $took s, proxy exit $rc"
    if [ "$got" -ne $vchan_bytes ]; then
        why="$got of $vchan_bytes bytes came back (proxy exit $rc)"
        return 1
    fi
    if [ "$(cksum <"$name.out")" != "$vchan_sum" ]; then
        why="the bytes that came back differ: cksum $(cksum <"$name.out"), sent $vchan_sum"
        return 1
    fi
}
# vchan_closed NAME: the guest saw the proxy close after every byte.
vchan_closed() {
    if wait_for "$log" "^vchan-echo: peer closed after $vchan_bytes bytes\$" 1 20; then
        ok "$1"
    else
        fail "$1" "no 'vchan-echo: peer closed after $vchan_bytes bytes' line within 20 s"
    fi
}
if kernel=vchan-echo.bin create vchan-server &&
    wait_for "$log" '^vchan-echo: serving data/vchan$' 1 15; then
    id=$(timeout 5 xl domid zephyr)
    node=/local/domain/$id/data/vchan
    echo "INFO vchan-server: $node: ring-ref $(timeout 5 xenstore-read "$node/ring-ref" 2>&1), event-channel $(timeout 5 xenstore-read "$node/event-channel" 2>&1)"
    if vchan_push vchan-server "$id" "$node" -; then
        ok vchan-server-cksum
        vchan_closed vchan-server-close
    else
        fail vchan-server-cksum "$why"
        fail vchan-server-close "skipped: the bytes did not come back"
    fi
else
    fail vchan-server-cksum "the guest did not serve data/vchan within 15 s"
    fail vchan-server-close "skipped: no vchan"
fi
show CON vchan-server "$log"
destroy

node=/local/domain/0/data/vchan
timeout 5 xenstore-rm "$node" 2>/dev/null
if kernel=vchan-echo.bin create vchan-client "extra=\"-- $node\""; then
    id=$(timeout 5 xl domid zephyr)
    if vchan_push vchan-client -m server "$id" "$node" -; then
        if wait_for "$log" "^vchan-echo: connected to $node\$" 1 5; then
            ok vchan-client-cksum
        else
            fail vchan-client-cksum "the bytes came back, but no 'vchan-echo: connected to $node' line"
        fi
        vchan_closed vchan-client-close
    else
        fail vchan-client-cksum "$why"
        fail vchan-client-close "skipped: the bytes did not come back"
    fi
else
    fail vchan-client-cksum "xl create failed"
    fail vchan-client-close "skipped: no guest"
fi
show CON vchan-client "$log"
destroy

# 15. Files over 9pfs (Xen 4.20's xen-9pfsd; Xen 4.17 has no 9pfs
# backend, and the host (xl.sh) expects these steps only under 4.20):
# dom0 serves /srv/share with p9=, the guest mounts it at /share.
# The files sample reads what dom0 wrote (a line, a listing, 16 MiB
# copied back with stdio: cksum in dom0), removes a file, makes and
# removes directories, and sees a file dom0 removes go; then the shell's
# ls, cat and write, and Lua's dofile, each in a guest of its own.
if [ -x "$(dirname "$(command -v xl)")/xen-9pfsd" ]; then
share=/srv/share
p9='p9=[ "tag=share,path=/srv/share,security_model=none,type=xen_9pfsd,backend=0" ]'
rm -rf "$share"
mkdir -p "$share/sub"
printf 'hello from dom0\n' >"$share/hello.txt"
head -c 16777216 /dev/urandom >"$share/big.in"
echo 'removed by the guest' >"$share/victim"
echo 'removed by dom0' >"$share/byebye"
echo 'print("lua from the share: " .. 6*7)' >"$share/x.lua"
echo 'in a subdirectory' >"$share/sub/inner.txt"
# What the guest's ls must print: "d|- SIZE NAME" per entry.
p9_want=$(cd "$share" && for f in *; do
    if [ -d "$f" ]; then echo "d 4096 $f"; else echo "- $(wc -c <"$f") $f"; fi
done | sort)
p9_args="ls /share ls /share/sub cat /share/hello.txt cat /share/sub/inner.txt"
p9_args="$p9_args cp /share/big.in /share/big.out stat /share/big.out"
p9_args="$p9_args rm /share/victim mkdir /share/newdir mkdir /share/newdir/in"
p9_args="$p9_args rmdir /share/newdir/in wait-gone /share/byebye 60"
p9_args="$p9_args mv /share/hello.txt /share/renamed.txt"
# What Xen 4.20's xen-9pfsd cannot do, refused by name (ENOTSUP) with
# dom0's folder left as it was: it has no Tremove, and takes no ORCLOSE
# on a directory, so no rmdir; and no Twstat, so no rename.
p9_refused=2
if kernel=files.bin create 9pfs "$p9" "extra=\"-- $p9_args\""; then
    t0=$(now)
    if wait_for "$log" '^files: waiting for /share/byebye to go' 1 240; then
        echo "INFO 9pfs: the guest got to wait-gone in $(since "$t0") s"
        rm -f "$share/byebye"
    fi
    wait_for "$log" '^files: (all done|[0-9]+ failed)$' 1 120
    echo "INFO 9pfs: the guest was done $(since "$t0") s after xl create"
    got=$(tr -d '\r' <"$log" | sed -n 's/^files: ls \([-d]\) \([0-9]*\) \(.*\)$/\1 \2 \3/p' |
        grep -v ' \.\.*$' | sort)
    # The top listing: directories' sizes are the backend's; compare
    # names and kinds for them, sizes for files.
    top=$(echo "$got" | grep -Ev ' inner\.txt$' | sed 's/^d [0-9]* /d 4096 /')
    if [ "$top" = "$p9_want" ]; then
        ok 9pfs-ls
    else
        fail 9pfs-ls "the guest listed '$top', dom0 has '$p9_want'"
    fi
    if [ "$(count "$log" '^hello from dom0$')" -eq 1 ] &&
        [ "$(count "$log" '^in a subdirectory$')" -eq 1 ]; then
        ok 9pfs-read
    else
        fail 9pfs-read "no 'hello from dom0' or 'in a subdirectory' line from cat"
    fi
    if [ -f "$share/big.out" ] &&
        [ "$(cksum <"$share/big.out")" = "$(cksum <"$share/big.in")" ] &&
        [ "$(count "$log" '^files: cp /share/big.in /share/big.out: 16777216 bytes$')" -eq 1 ]; then
        ok 9pfs-write-16m
    else
        fail 9pfs-write-16m "big.out: cksum '$(cksum <"$share/big.out" 2>&1)', big.in '$(cksum <"$share/big.in")'"
    fi
    if [ ! -e "$share/victim" ] && [ "$(count "$log" '^files: rm /share/victim ok$')" -eq 1 ]; then
        ok 9pfs-remove-guest
    else
        fail 9pfs-remove-guest "victim still in dom0, or no 'files: rm /share/victim ok'"
    fi
    if [ -d "$share/newdir" ] && [ -d "$share/newdir/in" ] &&
        [ "$(count "$log" '^files: mkdir /share/newdir/in ok$')" -eq 1 ]; then
        ok 9pfs-mkdir
    else
        fail 9pfs-mkdir "no newdir or newdir/in in dom0, or no 'files: mkdir /share/newdir/in ok'"
    fi
    if [ "$(count "$log" '^files: rmdir /share/newdir/in: Not supported$')" -eq 1 ] &&
        [ -d "$share/newdir/in" ]; then
        ok 9pfs-rmdir-refused
    else
        fail 9pfs-rmdir-refused "want 'files: rmdir /share/newdir/in: Not supported' and the directory kept in dom0"
    fi
    if [ "$(count "$log" '^files: wait-gone /share/byebye ok$')" -eq 1 ]; then
        ok 9pfs-remove-dom0
    else
        fail 9pfs-remove-dom0 "the guest did not see byebye go"
    fi
    if [ "$(count "$log" '^files: mv /share/hello.txt: Not supported$')" -eq 1 ] &&
        [ "$(cat "$share/hello.txt")" = "hello from dom0" ] &&
        [ ! -e "$share/renamed.txt" ]; then
        ok 9pfs-rename-refused
    else
        fail 9pfs-rename-refused "want 'files: mv /share/hello.txt: Not supported' and hello.txt kept; dom0 has renamed.txt: $([ -e "$share/renamed.txt" ] && echo yes || echo no)"
    fi
    if [ "$(count "$log" "^files: $p9_refused failed\$")" -eq 1 ]; then
        ok 9pfs-done
    else
        fail 9pfs-done "no 'files: $p9_refused failed' line: more or fewer verbs failed"
    fi
else
    for n in ls read write-16m remove-guest mkdir rmdir-refused remove-dom0 \
        rename-refused done; do
        fail "9pfs-$n" "xl create with p9= failed"
    done
fi
show CON 9pfs "$log"
ls -la "$share" 2>&1 | sed 's/^/INFO 9pfs dom0 share| /'
ps | grep '[x]en-9pfsd' | sed 's/^/INFO 9pfs| /'
# Hot-unplug needs an xl command for it: say which 9pfs ones xl has.
echo "INFO 9pfs: xl's 9pfs commands: $(xl help 2>&1 | grep -i -E '9p|p9' | tr -s ' \n' ' ')"
destroy

# The shell's ls, cat and write on the share.
if create 9pfs-shell 'extra="app=shell"' "$p9" &&
    wait_for "$log" '^shell: ready' 1 10; then
    id=$(timeout 5 xl domid zephyr)
    tty=$(timeout 5 xenstore-read "/local/domain/$id/console/tty")
    printf 'ls /share\r' >"$tty"
    wait_for "$log" 'entr(y|ies)$' 1 20
    printf 'cat /share/sub/inner.txt\r' >"$tty"
    wait_for "$log" '^in a subdirectory$' 1 20
    printf 'write /share/from-shell.txt typed in the shell\r' >"$tty"
    i=0
    while [ "$(cat "$share/from-shell.txt" 2>/dev/null)" != "typed in the shell" ] &&
        [ $i -lt 200 ]; do
        i=$((i + 1))
        sleep 0.1
    done
    if [ "$(count "$log" ' x\.lua$')" -ne 1 ]; then
        fail 9pfs-shell "no x.lua in the shell's ls /share"
    elif [ "$(count "$log" '^in a subdirectory$')" -ne 1 ]; then
        fail 9pfs-shell "no 'in a subdirectory' from the shell's cat"
    elif [ "$(cat "$share/from-shell.txt" 2>/dev/null)" != "typed in the shell" ]; then
        fail 9pfs-shell "from-shell.txt in dom0 holds '$(cat "$share/from-shell.txt" 2>&1)'"
    else
        ok 9pfs-shell
    fi
else
    fail 9pfs-shell "the shell app did not start"
fi
show CON 9pfs-shell "$log"
destroy

# Lua's dofile of a script dom0 put on the share.
if kernel=lua.bin create 9pfs-lua "$p9" \
    "extra=\"-- -e 'dofile[[/share/x.lua]]'\"" &&
    wait_for "$log" '^lua from the share: 42$' 1 20; then
    ok 9pfs-lua
else
    fail 9pfs-lua "no 'lua from the share: 42' line within 20 s"
fi
show CON 9pfs-lua "$log"
destroy
else
    echo "INFO no xen-9pfsd in this dom0 (Xen 4.17): no 9pfs steps"
fi

echo "INFO all steps done at $(now)s"
