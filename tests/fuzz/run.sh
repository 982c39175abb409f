#!/usr/bin/env bash
# run.sh MODE NAME BINARY SECONDS CORPUS_DIR SEED_DIR WORK_DIR
# Fuzz one harness for SECONDS, growing CORPUS_DIR (kept out of the tracked
# files) from SEED_DIR, and print one line: executions, crashes.  Crash
# inputs go to WORK_DIR/crashes/NAME/, the full log to WORK_DIR/logs/.
# MODE smoke stops at the first crash; MODE full runs libFuzzer's fork mode
# with crashes ignored, so that one known bug does not hide the others
# for the rest of the run.  Exits 1 if the harness crashed at all.
set -uo pipefail
mode=$1 name=$2 bin=$3 seconds=$4 corpus=$5 seeds=$6 work=$7
crashes=$work/crashes/$name
log=$work/logs/$name-$mode.log
mkdir -p "$corpus" "$crashes" "$work/logs"
before=$(find "$crashes" -type f | wc -l)
touch "$log.start"

keep_going=()
[ "$mode" = full ] &&
    keep_going=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
# -timeout: a hang is a finding too.  -rss_limit_mb: the harnesses allocate
# no more than their input; 1 GiB leaves the rest of the machine room.
# timeout(1) catches a fuzzer that never stops.
timeout -k 5 $((seconds + 60)) "$bin" "${keep_going[@]}" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=1024 \
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
printf '  FUZZ    %-13s %11s executions in %4ss, %d crash%s, corpus %d\n' \
    "$name" "${execs:-?}" "$seconds" "$found" \
    "$([ "$found" -eq 1 ] || echo es)" "$(find "$corpus" -type f | wc -l)"
if [ "$found" -ne 0 ]; then
    echo "fuzz: $name crashed (exit $rc); log $log; inputs:" >&2
    grep -E '^SUMMARY' "$log" | sort | uniq -c | head -n 5 >&2
    find "$crashes" -type f -newer "$log.start" 2>/dev/null | head -n 5 >&2
    exit 1
fi
