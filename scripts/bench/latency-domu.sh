#!/bin/sh
# The Linux side of scripts/bench/latency.sh: /test/run.sh of the Linux
# domU (scripts/domu/init runs it), next to "params" (INTERVAL in µs,
# LOOPS, ROUNDS).  ROUNDS times: Debian's cyclictest without load, then
# with a busy shell loop beside it on the domU's one vCPU.
#
# cyclictest as it is usually run to measure: one thread at SCHED_FIFO
# priority 80 (-p 80), memory locked (-m), pinned to CPU 0 (-a 0),
# sleeping to absolute deadlines on CLOCK_MONOTONIC (its default) every
# INTERVAL µs, LOOPS times, printing its summary in ns (-q -N).  The load
# is a SCHED_OTHER shell loop that never makes a system call: a lower
# priority than cyclictest's, as samples/latency's load is below its
# measuring thread.
#
# It prints, each line starting "domu: " (the console log is read by
# scripts/bench/latency-dom0.sh):
#   domu: cyclictest| LINE         cyclictest's own summary
#   domu: result round=R load=off|on min_ns=N avg_ns=N max_ns=N
#   domu: FAIL WHY
# shellcheck disable=SC1091,SC2153 # params comes from latency.sh
. ./params
export LD_LIBRARY_PATH=/lib/aarch64-linux-gnu

# measure ROUND LOAD: one cyclictest run; its result line.
measure() {
    loader=
    if [ "$2" = on ]; then
        sh -c 'while :; do :; done' &
        loader=$!
    fi
    out=$(cyclictest -m -p 80 -a 0 -i "$INTERVAL" -l "$LOOPS" -q -N 2>&1)
    status=$?
    [ -z "$loader" ] || kill "$loader"
    echo "$out" | sed 's/^/domu: cyclictest| /'
    if [ "$status" -ne 0 ]; then
        echo "domu: FAIL cyclictest exited with status $status"
        return
    fi
    # "T: 0 ( 123) P:80 I:1000 C:   1000 Min:  12345 Act: ... Avg: ...
    # Max: ...": the numbers may follow their colon after spaces.
    echo "$out" | sed -n 's/^T: *0 .*$/&/p' | sed 's/: */: /g' |
        awk -v r="$1" -v l="$2" '{
            for (i = 1; i < NF; i++) {
                if ($i == "Min:") mn = $(i + 1)
                if ($i == "Avg:") av = $(i + 1)
                if ($i == "Max:") mx = $(i + 1)
            }
            if (mn != "" && av != "" && mx != "")
                printf "domu: result round=%s load=%s min_ns=%s avg_ns=%s max_ns=%s\n", r, l, mn, av, mx
            else
                print "domu: FAIL no Min, Avg and Max in: " $0
        }'
}

round=1
while [ "$round" -le "$ROUNDS" ]; do
    measure "$round" off
    measure "$round" on
    round=$((round + 1))
done
