#!/bin/sh
# The dom0 side of scripts/bench/latency.sh, run inside the dom0 test host
# (busybox sh, scripts/dom0/init) as /test/run.sh, next to latency.bin
# (make APP=samples/latency), linux/Image and linux/initrd.gz
# (scripts/domu/build.sh's domU with cyclictest and
# scripts/bench/latency-domu.sh added) and "params" (INTERVAL, LOOPS,
# ROUNDS, GUEST_MEMORY, LINUX_MEMORY).
#
# One guest at a time, each with 1 vCPU, nothing else running but dom0
# waiting: latency.bin ROUNDS times (each boot measures without load,
# then with it), then the Linux domU once (cyclictest ROUNDS times each
# way).  Every guest ends by itself; its console log (xenconsoled's) is
# printed on the console Xen's serial shows:
#   CON NAME| LINE    a guest's line: "latency: ..." from ours,
#                     "domu: ..." from Linux
#   FAIL NAME WHY     a guest did not end as it should
#   INFO ...          anything else worth seeing in a log
# Every wait has a time limit and every xl command runs under timeout(1).
# shellcheck disable=SC1091,SC2153 # params comes from latency.sh
. ./params
log_dir=/var/log/xen/console

now() { cut -d' ' -f1 /proc/uptime; }

# run NAME CONF DONE-REGEX SECS: xl create CONF as NAME and wait for a
# line matching DONE-REGEX (or the domain gone), within SECS; print the
# guest's lines.
run() {
    name=$1
    log=$log_dir/guest-$name.log
    rm -f "$log"
    t0=$(now)
    out=$(timeout 60 xl create "$2" "name=\"$name\"" 2>&1) || {
        echo "FAIL $name xl create: $out"
        return 1
    }
    end=$(($(cut -d. -f1 /proc/uptime) + $4))
    while ! tr -d '\r' <"$log" 2>/dev/null | grep -Eq -- "$3"; do
        if [ "$(cut -d. -f1 /proc/uptime)" -gt "$end" ]; then
            echo "FAIL $name no /$3/ within $4 s"
            break
        fi
        timeout 5 xl domid "$name" >/dev/null 2>&1 || {
            # Gone: its last lines may still be on their way.
            sleep 1
            tr -d '\r' <"$log" 2>/dev/null | grep -Eq -- "$3" ||
                echo "FAIL $name ended without /$3/"
            break
        }
        sleep 0.5
    done
    echo "INFO $name: $(awk -v a="$(now)" -v b="$t0" 'BEGIN { printf "%.1f", a - b }') s from xl create"
    tr -d '\r' <"$log" | grep -E '^(latency|domu|PANIC)' | sed "s/^/CON $name| /"
    timeout 20 xl destroy "$name" >/dev/null 2>&1
    return 0
}

echo "INFO latency: dom0 up at $(now)s, params: $(tr '\n' ' ' <params)"
# Each guest's measuring time, twice over, and its boot.
secs=$((INTERVAL * LOOPS * 2 * 2 / 1000000 + 60))

cat >zephyr.conf <<EOF
kernel="$PWD/latency.bin"
vcpus=1
memory=$GUEST_MEMORY
extra="-- -i $INTERVAL -l $LOOPS -L both"
EOF
round=1
while [ "$round" -le "$ROUNDS" ]; do
    run "osprey-$round" zephyr.conf '^latency: done|^PANIC' "$secs"
    round=$((round + 1))
done

cat >linux.conf <<EOF
kernel="$PWD/linux/Image"
ramdisk="$PWD/linux/initrd.gz"
extra="console=hvc0 rdinit=/init quiet"
vcpus=1
memory=$LINUX_MEMORY
EOF
run linux linux.conf '^domu: power off' $((secs * ROUNDS + 120))
echo "INFO latency: done at $(now)s"
