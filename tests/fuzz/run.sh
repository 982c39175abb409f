#!/usr/bin/env bash
# run.sh MODE NAME BINARY LIMIT CORPUS_DIR SEED_DIR WORK_DIR
# Fuzz one harness from SEED_DIR, growing CORPUS_DIR (kept out of the
# tracked files), and print one line: executions, crashes.  Crash inputs go
# to WORK_DIR/crashes/NAME/, the full log to WORK_DIR/logs/.
# MODE smoke is deterministic: it runs every input in SEED_DIR, then LIMIT
# mutations from the fixed seed $FUZZ_SEED (default 1), one process, and
# stops at the first crash; the same commit gives the same result.
# MODE full explores at random for LIMIT seconds in libFuzzer's fork mode
# with crashes ignored, so that one known bug does not hide the others
# for the rest of the run.  Exits 1 if the harness crashed at all.
set -uo pipefail
mode=$1 name=$2 bin=$3 limit=$4 corpus=$5 seeds=$6 work=$7
crashes=$work/crashes/$name
log=$work/logs/$name-$mode.log
mkdir -p "$corpus" "$crashes" "$work/logs"
before=$(find "$crashes" -type f | wc -l)
touch "$log.start"

if [ "$mode" = full ]; then
    how=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1
         -max_total_time="$limit")
    wall=$limit
else
    # -reload=0: libFuzzer otherwise re-reads its corpus directory every
    # second, so what it mutates next depends on the clock.
    how=(-runs="$limit" -seed="${FUZZ_SEED:-1}" -reload=0)
    wall=600
fi
# Address-space randomisation changes the pointers that libFuzzer's
# comparison hooks see, and with them which mutations count as new
# coverage.  Without it (and the clock, above) a fixed seed takes the same
# path on every run: measured, the same log line for line.
no_aslr=(setarch "$(uname -m)" -R)
# -timeout: a hang is a finding too.  -rss_limit_mb: the harnesses allocate
# no more than their input; 1 GiB leaves the rest of the machine room.
# timeout(1) catches a fuzzer that never stops.
timeout -k 5 $((wall + 60)) "${no_aslr[@]}" "$bin" "${how[@]}" \
    -timeout=10 -rss_limit_mb=1024 \
    -print_final_stats=1 -artifact_prefix="$crashes/" \
    "$corpus" "$seeds" >"$log" 2>&1
rc=$?

# Plain mode ends with final stats; fork mode with "#EXECS: cov: ..." lines.
execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
[ -n "$execs" ] || execs=$(sed -n 's/^#\([0-9]*\): cov:.*/\1/p' "$log" |
                           tail -n 1)
after=$(find "$crashes" -type f | wc -l)
found=$((after - before))
# A crash that left no input behind (killed by timeout(1), say) counts.
[ "$rc" -ne 0 ] && [ "$found" -eq 0 ] && found=1
printf '  FUZZ    %-13s %11s executions (%s), %d crash%s, corpus %d\n' \
    "$name" "${execs:-?}" \
    "$([ "$mode" = full ] && echo "${limit}s" || echo "seed ${FUZZ_SEED:-1}")" \
    "$found" \
    "$([ "$found" -eq 1 ] || echo es)" "$(find "$corpus" -type f | wc -l)"
if [ "$found" -ne 0 ]; then
    echo "fuzz: $name crashed (exit $rc); log $log; inputs:" >&2
    grep -E '^SUMMARY' "$log" | sort | uniq -c | head -n 5 >&2
    find "$crashes" -type f -newer "$log.start" 2>/dev/null | head -n 5 >&2
    exit 1
fi
