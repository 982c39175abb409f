# shellcheck shell=bash disable=SC2154 # the driver's variables
# Sourced by scripts/bench.sh: booting a host DTB with each console line
# stamped, recording one run's values in $raw, and turning them into the
# table's cells.  Uses the driver's $work, $logs, $raw, $xen, $gics, $top.

# ---------------------------------------------------------------- booting
# The stamper of the current boot; owned by boot and bench_stop.
stamp_pid=''

# bench_stop: QEMU, then the stamper, which sees end-of-file once QEMU is
# gone.  On every exit path of bench.sh.
bench_stop() {
    qemu_stop
    [ -z "$stamp_pid" ] || wait "$stamp_pid" 2>/dev/null || true
    stamp_pid=''
}

# stamp T0: prefix each line with its arrival time in ms since T0 (µs
# from EPOCHREALTIME); drop Xen's carriage returns.
stamp() {
    local t0=$1 line now
    while IFS= read -r line; do
        now=${EPOCHREALTIME//[!0-9]/}
        printf '%d.%03d %s\n' $(((now - t0) / 1000)) $(((now - t0) % 1000)) \
            "${line//$'\r'/}"
    done
}

# host NAME ARGS...: a host DTB (scripts/xen/host-dtb.sh) for this run.
host() {
    local name=$1
    shift
    "$top/scripts/xen/host-dtb.sh" --xen-args guest_loglvl=all "$@" \
        -o "$work/$name.dtb" 2>"$logs/$name.dtb.err" ||
        { cat "$logs/$name.dtb.err" >&2; die "host-dtb.sh failed for $name"; }
}

# all_match ERE... LOG: every ERE matches a line of LOG.
all_match() {
    local log=${!#} re
    for re in "${@:1:$#-1}"; do
        grep -Eq -- "$re" "$log" || return 1
    done
}

# done_or_panic DONE-COMMAND... LOG: done, or no point waiting any longer.
done_or_panic() {
    "$@" || grep -Eq '\(XEN\) Panic on CPU|PANIC: |Kernel panic' "${!#}"
}

# boot LOG NAME ICOUNT(0|1) SECS DONE-COMMAND...: start QEMU on host DTB
# NAME, stop it once DONE-COMMAND LOG succeeds; fail on a panic, on QEMU
# exiting first or after SECS.  LOG lines are "MS LINE".
boot() {
    local log=$1 dtb=$work/$2.dtb icount=$3 secs=$4 t0 fifo args
    shift 4
    mapfile -t args < <(qemu_xen "$xen" "$dtb"; [ "$icount" = 0 ] || qemu_icount)
    fifo=$work/console.fifo
    rm -f "$fifo"
    : >"$log"
    mkfifo "$fifo"
    t0=${EPOCHREALTIME//[!0-9]/}
    stamp "$t0" <"$fifo" >"$log" &
    stamp_pid=$!
    qemu_start "$secs" "$fifo" "${args[@]}"
    qemu_wait "$secs" done_or_panic "$@" "$log" || true
    bench_stop
    "$@" "$log"
}

# ------------------------------------------------------------- recording
# put GIC KEY VALUE: one value of one run.
put() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$raw"; }

# at LOG ERE: the ms stamp of the first line matching ERE (after the stamp).
# (EREs go through the environment: awk -v would eat their backslashes.)
at() {
    RE=$2 awk '{ l = $0; sub(/^[^ ]* /, "", l) }
        l ~ ENVIRON["RE"] { print $1; exit }' "$1"
}

# field LOG ERE WORD: the value after WORD on the first line matching ERE.
field() {
    RE=$2 awk -v w="$3" '$0 ~ ENVIRON["RE"] {
        for (i = 1; i < NF; i++) if ($i == w) { print $(i + 1); exit } }' "$1"
}

# ticks_us TICKS FREQ: ticks to µs, 0.1 µs precision.
ticks_us() { awk -v t="$1" -v f="$2" 'BEGIN { printf "%.1f", t * 1e6 / f }'; }

failures=()
# failed GIC WHAT LOG: note a run that did not give its figures.
failed() {
    failures+=("GICv$1 $2: see ${3#"$top/"}")
    echo "bench.sh: GICv$1 $2 failed, see $3" >&2
}

# attempt GIC WHAT: false once WHAT has failed twice on this GIC (a broken
# configuration should not eat the time budget of all its runs).
declare -A failcount
attempt() { [ "${failcount[$1 $2]:-0}" -lt 2 ]; }
count_failure() { failcount[$1 $2]=$((${failcount[$1 $2]:-0} + 1)); }

# Xen's console_endboot() line: the domains are built, the guests start
# (with -smp 2 a guest's first line may come before Xen's next one).
XEN_DONE='^\(XEN\) \*\*\* Serial input to '

# since LOG ERE: ms from Xen's XEN_DONE line to the first line matching ERE.
since() {
    local a b
    a=$(at "$1" "$2") b=$(at "$1" "$XEN_DONE")
    if [ -z "$a" ] || [ -z "$b" ]; then return; fi
    awk -v a="$a" -v b="$b" 'BEGIN { printf "%.3f\n", a - b }'
}

# ------------------------------------------------------------------ cells
# cell GIC KEY: "median [min-max]" of that key's values, or n/a.
cell() {
    awk -F'\t' -v g="$1" -v k="$2" '$1 == g && $2 == k && $3 != "" { print $3 }' "$raw" |
        sort -g | awk '{ v[NR] = $1 }
        END {
            if (!NR) { print "n/a"; exit }
            m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
            if (v[1] == v[NR]) printf "%s\n", fmt(m)
            else printf "%s [%s-%s]\n", fmt(m), fmt(v[1]), fmt(v[NR])
        }
        function fmt(x) {
            if (x == int(x)) return sprintf("%d", x)
            return sprintf(x < 10 && x > -10 ? "%.2f" : "%.1f", x)
        }'
}
# med GIC KEY: the median alone (empty if none).
med() { cell "$1" "$2" | awk '$1 != "n/a" { print $1 }'; }
# ratio A B: A / B to one decimal, or n/a.
ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b + 0 == 0) print "n/a"
        else printf "%.1f\n", a / b }'
}
# us GIC TICKS-KEY ICOUNT: a tick median in µs, at the frequency the boots gave.
us() {
    local t f
    t=$(med "$1" "$2") f=$(med "$1" "boot$3.freq")
    if [ -z "$t" ] || [ -z "$f" ]; then echo ""; return; fi
    awk -v t="$t" -v f="$f" 'BEGIN { printf "%.2f", t * 1e6 / f }'
}

rows=()
row() { rows+=("$1"$'\t'"$2"); }   # LABEL, then one cell per GIC via a command
cells() { # COMMAND...: the command's output for each GIC, " | " separated
    local g c=()
    for g in $gics; do c+=("$("$@" "$g")"); done
    local IFS='|'
    echo "${c[*]}"
}
s() { local k=$1 g=$2; cell "$g" "$k"; }
all_gics() { # VALUE: the same value in every GIC column
    local g c=()
    for g in $gics; do c+=("$1"); done
    local IFS='|'
    echo "${c[*]}"
}
config() { # ICOUNT: the machine, for the section titles
    if [ "$1" = 1 ]; then echo "icount, -smp 1"; else echo "no icount, -smp 2"; fi
}
