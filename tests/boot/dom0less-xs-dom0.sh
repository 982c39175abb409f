#!/bin/sh
# The dom0 side of tests/boot/dom0less-xs.sh, run inside the dom0 test host
# (busybox sh, see scripts/dom0/init) as /test/run.sh.  Xen started a
# dom0less domU with xen,enhanced (domid 1) alongside dom0; it waits for
# XenStore.  Here dom0 gives it one with init-dom0less, checks that the
# guest uses it, and asks it to power off with xl shutdown.
#
# It prints "STEP NAME OK" or "STEP NAME FAIL REASON" per step, and
# "INFO ..." for the log.  Every wait has a time limit; every Xen tool
# runs under timeout(1).
id=1
home=/local/domain/$id

now() { cut -d' ' -f1 /proc/uptime; }
ok() { echo "STEP $1 OK ($(now)s)"; }
fail() { echo "STEP $1 FAIL $2 ($(now)s)"; info; }
info() {
    timeout 5 xl list 2>&1 | sed 's/^/INFO xl list| /'
    timeout 5 xenstore-ls -f "$home" 2>&1 | sed 's/^/INFO xs| /'
}

# wait_value PATH VALUE SECS: until xenstore-read PATH gives VALUE (in $v).
wait_value() {
    i=0
    while v=$(timeout 5 xenstore-read "$1" 2>/dev/null); [ "$v" != "$2" ]; do
        i=$((i + 1))
        [ "$i" -le $(($3 * 10)) ] || return 1
        sleep 0.1
    done
}

# state: domain $id's state column in `xl list` ("" once it is gone).
state() {
    timeout 5 xl list 2>/dev/null | awk -v id="$id" '$2 == id { print $5 }'
}

echo "INFO dom0 up at $(now)s"
# The guest has been waiting since before dom0 started: give it a moment
# more, so that it is surely waiting, not starting.
sleep 1
echo "INFO running init-dom0less at $(now)s"
out=$(timeout 20 init-dom0less 2>&1)
rc=$?
echo "$out" | sed 's/^/INFO init-dom0less| /'
if [ "$rc" -ne 0 ]; then
    fail init-dom0less "exit status $rc"
else
    ok init-dom0less
fi

# The guest's control driver says what it handles once it has read its
# domid and name: proof it talks to xenstored.
if wait_value "$home/control/feature-poweroff" 1 10; then
    ok guest-connected
    echo "INFO name '$(timeout 5 xenstore-read "$home/name" 2>&1)'"
else
    fail guest-connected "$home/control/feature-poweroff is '$v' after 10 s, want 1"
fi

t0=$(now)
timeout 10 xl shutdown "$id" 2>&1 | sed 's/^/INFO xl shutdown| /'
i=0
while s=$(state); [ -n "$s" ]; do
    case $s in *s*) break ;; esac
    i=$((i + 1))
    [ "$i" -le 100 ] || break
    sleep 0.1
done
echo "INFO after xl shutdown: state '$s', $(awk -v a="$(now)" -v b="$t0" 'BEGIN { printf "%.2f", a - b }') s"
case $s in
'' | *s*) ok shutdown ;;
*) fail shutdown "state '$s' 10 s after xl shutdown, want shut down (s) or gone" ;;
esac
echo "INFO all steps done at $(now)s"
