#!/usr/bin/env bash
# programs.sh BUILD_DIR: programs as users build them (make APP=DIR) on
# QEMU's virt machine without Xen.
#
#   posix        tests/programs/posix (threads, mutexes, condition
#                variables, keys, semaphores, clocks), GICv2 and GICv3,
#                in 64 MiB: 3000 threads in a row only fit if each reuses
#                a dead one's memory
#   hello        samples/hello: argv from the words after "--", getenv
#                from KEY=VALUE words, printf of a double
#   synchronization  samples/synchronization alternates its two threads
#   philosophers  samples/philosophers, 5 meals each, on 4 CPUs: every
#                philosopher eats 5 times, each at its seat's CPU, so
#                on all 4, and the program ends (no deadlock)
#   latency      samples/latency, 300 wakes every 1 ms without and with
#                its load thread: its figures agree with each other
#                (0 <= min <= avg <= max, the histogram holds every wake,
#                its first and last buckets are min's and max's)
#   disk, echo-server  what they do without Xen: no disk is an error
#                (status 1); the server listens, and refuses a bad port
#   out-of-tree  a program written by this test into a folder outside
#                the repository, built with make APP=, returning the
#                status its argument names: 0 powers off, 3 crashes the
#                guest with "exit status 3"
#
# The sample images come from `make samples` (BUILD_DIR/samples/);
# posix and out-of-tree are built here, by the path users take.
set -uo pipefail
here=$(dirname "$0")
# shellcheck source=tests/boot/lib.sh
. "$here/lib.sh"
build=${1:?usage: programs.sh BUILD_DIR}
logs=${BOOT_LOGS:-$build/tests/logs}
limit=${BOOT_TIMEOUT:-30}
mkdir -p "$logs"
suite=programs
make_q=(make --no-print-directory -s)

# program_boots NAME IMAGE GIC MEM APPEND DONE_REGEX REGEX...: boot IMAGE
# with APPEND as bootargs until DONE_REGEX (or QEMU stops), then every
# REGEX must be in the log.  SMP=N gives the machine N CPUs (1).
program_boots() {
    local name=$1 image=$2 gic=$3 mem=$4 append=$5 done_re=$6 why=
    shift 6
    local log=$logs/programs-$name.log
    # shellcheck disable=SC2046
    if [ ! -f "$image" ]; then
        why="no image $image"
    elif ! qemu_expect "$limit" "$log" "$done_re" 1 -- \
        $(qemu_machine "$gic" off "$mem" "${SMP:-1}") -kernel "$image" \
        -append "$append"; then
        why="no /$done_re/ within ${limit}s"
    elif ! log_has_all "$log" "$@"; then
        for re in "$@"; do
            grep -Eq -- "$re" "$log" || { why="no line /$re/"; break; }
        done
    fi
    result "$name" "$log" "$why"
}

# The POSIX layer: a FAIL line names the check.
posix=$build/tests/programs/posix
if "${make_q[@]}" APP=tests/programs/posix IMAGE="$posix" "$posix.bin"; then
    for gic in 2 3; do
        program_boots posix-gicv$gic "$posix.bin" $gic 64M "" \
            '^(stop|PANIC):' '^posix: PASS \([0-9]+ checks\)$' \
            '^stop: poweroff via psci$'
    done
else
    result posix-build /dev/null "make APP=tests/programs/posix failed"
fi

program_boots hello "$build/samples/hello.bin" 3 128M \
    "GREETING=Hi -- world '6 * 7'" '^stop:' \
    '^Hi from hello on dummy-virt \(GICv3, 1 vCPU\)$' \
    '^argv\[1\] = "world"$' '^argv\[2\] = "6 \* 7"$' \
    '^pi is about 3\.14159$' '^stop: poweroff via psci$'

program_boots synchronization "$build/samples/synchronization.bin" 2 128M \
    "" '^thread_b: Hello' '^app: synchronization on dummy-virt$' \
    '^thread_a: Hello World from cpu [0-9]+ on dummy-virt!$'

# Six threads and six mutexes on four CPUs: each meal line names its CPU.
meals=()
for seat in 0 1 2 3 4 5; do
    for meal in 1 2 3 4 5; do
        meals+=("^philosopher $seat: ate $meal on cpu [0-9]+\$")
    done
done
SMP=4 program_boots philosophers "$build/samples/philosophers.bin" 3 128M \
    "-- 5" '^(stop|PANIC):' "${meals[@]}" \
    '^philosophers: done, 30 meals, cpus used: 0 1 2 3$' \
    '^stop: poweroff via psci$'

# latency_agrees LOG LOOPS BUCKETS: each run's result line against its
# own histogram; prints what disagrees, nothing when all agree.
latency_agrees() {
    awk -v loops="$2" -v buckets="$3" '
        function field(name,   i) {
            for (i = 1; i <= NF; i++)
                if (index($i, name "=") == 1) return substr($i, length(name) + 2)
            return ""
        }
        $1 == "latency:" && $2 == "hist" {
            l = field("load"); n = field("count") + 0
            b = field("us") != "" ? field("us") + 0 : buckets
            if (n > 0) {
                total[l] += n
                if (!(l in lo) || b < lo[l]) lo[l] = b
                if (!(l in hi) || b > hi[l]) hi[l] = b
            }
        }
        $1 == "latency:" && $2 == "result" {
            l = field("load"); seen[l] = 1
            mn[l] = field("min_ns") + 0; av[l] = field("avg_ns") + 0
            mx[l] = field("max_ns") + 0; lp[l] = field("loops") + 0
        }
        function bucket(ns,   b) { b = int(ns / 1000); return b < buckets ? b : buckets }
        END {
            for (i = 1; i <= 2; i++) {
                l = i == 1 ? "off" : "on"
                if (!seen[l]) { print "no result line for load=" l; continue }
                if (lp[l] != loops) print "load=" l ": loops=" lp[l] ", asked " loops
                if (!(0 <= mn[l] && mn[l] <= av[l] && av[l] <= mx[l]))
                    print "load=" l ": not 0 <= min <= avg <= max: " mn[l] " " av[l] " " mx[l]
                if (total[l] != loops) print "load=" l ": the histogram holds " total[l] + 0 " wakes, not " loops
                if (lo[l] != bucket(mn[l]) || hi[l] != bucket(mx[l]))
                    print "load=" l ": buckets " lo[l] "-" hi[l] " are not min and max at " bucket(mn[l]) "-" bucket(mx[l])
            }
        }' "$1"
}
latency_log=$logs/programs-latency.log
program_boots latency "$build/samples/latency.bin" 3 128M \
    "-- -i 1000 -l 300" '^(stop|PANIC):' \
    '^latency: run load=off interval_us=1000 loops=300 cpu=0 prio=7 load_prio=20$' \
    '^latency: run load=on interval_us=1000 loops=300 cpu=0 prio=7 load_prio=20$' \
    '^latency: done$' '^stop: poweroff via psci$'
if [ -f "$latency_log" ]; then
    disagree=$(latency_agrees "$latency_log" 300 1000 | head -n 1)
    result latency-figures "$latency_log" "$disagree"
fi

# Without Xen there is no disk and no vif: disk says so and fails with
# status 1; echo-server still listens (lwIP starts with the first socket)
# and refuses a bad port with status 1 (EXIT_FAILURE).
program_boots disk-none "$build/samples/disk.bin" 3 128M "" '^stop:' \
    '^disk: 0 disks$' '^disk: FAIL: no disk \(disk=\[\.\.\.\] in the domain' \
    '^PANIC: exit status 1$' '^stop: crash via psci$'
program_boots echo-server-listens "$build/samples/echo-server.bin" 2 128M \
    "-- 7007" '^echo-server: listening on port' \
    '^echo-server: listening on port 7007$'
program_boots echo-server-bad-port "$build/samples/echo-server.bin" 3 128M \
    "-- 70000" '^stop:' '^usage: echo-server \[PORT\]$' \
    '^PANIC: exit status 1$' '^stop: crash via psci$'

# A program no one committed: written here, outside the repository, and
# built with the one documented command.
oot=$(mktemp -d "${TMPDIR:-/tmp}/osprey-oot.XXXXXX") || exit 1
trap 'rm -rf "$oot"; cleanup' EXIT
cat >"$oot/main.c" <<'C'
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static void *twice(void *arg)
{
	double *d = arg;

	*d *= 2.0;
	return NULL;
}

int main(int argc, char **argv)
{
	double d = 1.25;
	pthread_t t;

	if (argc != 2)
		return 2;
	pthread_create(&t, NULL, twice, &d);
	pthread_join(t, NULL);
	printf("out-of-tree: %.2f, status %s\n", d, argv[1]);
	return atoi(argv[1]);
}
C
oot_image=$build/tests/programs/out-of-tree
if "${make_q[@]}" APP="$oot" IMAGE="$oot_image" "$oot_image.bin"; then
    program_boots out-of-tree-exit0 "$oot_image.bin" 3 128M "-- 0" \
        '^(stop|PANIC):' '^app: osprey-oot\.[A-Za-z0-9]+ on dummy-virt$' \
        '^out-of-tree: 2\.50, status 0$' '^stop: poweroff via psci$'
    program_boots out-of-tree-exit3 "$oot_image.bin" 2 128M "-- 3" \
        '^stop:' '^out-of-tree: 2\.50, status 3$' \
        '^PANIC: exit status 3$' '^stop: crash via psci$'
else
    result out-of-tree-build /dev/null "make APP=$oot failed"
fi

summary
