#!/usr/bin/env bash
# repeat.sh SUITE N: run one boot suite, `make boot-tests-SUITE`, N times
# in a row (SUITE: bare, programs, lua, xen, xl, smp, blk, net, flood, bad-dtb,
# run, dom0less-xs), to tell a flaky test from a steady one.  Each run keeps
# its own output and console logs, in REPEAT_LOGS/SUITE-I.log and
# REPEAT_LOGS/SUITE-I/ (default build/tests/repeat); at the end a table
# gives each run's verdict, time and failed tests, then the totals and
# how often each test failed.  Exits non-zero if any run failed.
#
# The runs go one at a time, each after the last has ended (and each
# suite boots one QEMU at a time): nothing here runs two boots at once.
# It takes no lock of its own; on a machine where something else may
# boot QEMU too, run it where nothing else does.
#
# Env: what the suite reads (XEN_VERSION, NET_GICS, ...) passes through;
# MAKE (default make), REPEAT_LOGS.
#   make repeat SUITE=net N=5
#   XEN_VERSION=4.20 scripts/repeat.sh blk 5
set -uo pipefail
suites="bare programs lua xen xl smp blk net flood bad-dtb run dom0less-xs"
usage() { echo "usage: $0 SUITE N (SUITE: ${suites// /, })" >&2; exit 2; }
[ $# -eq 2 ] || usage
suite=$1 n=$2
case " $suites " in *" $suite "*) ;; *) usage ;; esac
[[ $n =~ ^[1-9][0-9]*$ ]] || usage
make=${MAKE:-make}
logs=${REPEAT_LOGS:-build/tests/repeat}
mkdir -p "$logs" || exit 2

# passed/failed tests of run I, from the suites' summary lines
# ("... boot tests...: P passed, F failed", one per Xen version).
counts() {
    awk '/boot tests.*: [0-9]+ passed, [0-9]+ failed$/ {
        p += $(NF - 3); f += $(NF - 1) } END { print p + 0, f + 0 }' "$1"
}

declare -a verdict secs failures
runs_failed=0 all_passed=0 all_failed=0
start=$(date +%s)
for ((i = 1; i <= n; i++)); do
    log=$logs/$suite-$i.log
    rm -rf "${log%.log}"
    mkdir -p "${log%.log}"
    echo "repeat: $suite run $i of $n (log $log)"
    t0=$(date +%s)
    BOOT_LOGS=${log%.log} "$make" "boot-tests-$suite" >"$log" 2>&1
    rc=$?
    secs[i]=$(($(date +%s) - t0))
    read -r p f < <(counts "$log")
    all_passed=$((all_passed + p))
    all_failed=$((all_failed + f))
    failures[i]=$(sed -n 's/^FAIL: \([^:]*\):.*/\1/p' "$log" | tr '\n' ',' |
        sed 's/,$//; s/,/, /g')
    if [ "$rc" -eq 0 ]; then
        verdict[i]=pass
    else
        verdict[i]=FAIL
        runs_failed=$((runs_failed + 1))
        # make failed before any suite said why.
        [ -n "${failures[i]}" ] || failures[i]="make exited $rc: $(tail -n 1 "$log")"
    fi
    echo "repeat: $suite run $i: ${verdict[i]} in ${secs[i]} s ($p passed, $f failed)"
done

echo
echo "repeat: $suite, $n runs${XEN_VERSION:+ (Xen $XEN_VERSION)}"
printf '%-4s %-5s %7s  %s\n' run ok time 'failed tests'
for ((i = 1; i <= n; i++)); do
    printf '%-4s %-5s %6ss  %s\n' "$i" "${verdict[i]}" "${secs[i]}" \
        "${failures[i]:--}"
done
echo "runs: $((n - runs_failed)) passed, $runs_failed failed;" \
    "tests: $all_passed passed, $all_failed failed;" \
    "$(($(date +%s) - start)) s in all"
if [ "$runs_failed" -gt 0 ]; then
    echo "failed tests, with how many runs each failed in:"
    for ((i = 1; i <= n; i++)); do
        tr ',' '\n' <<<"${failures[i]}" | sed 's/^ *//'
    done | grep -v '^$' | sort | uniq -c | sort -rn | sed 's/^/  /'
fi
[ "$runs_failed" -eq 0 ]
