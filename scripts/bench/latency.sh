#!/usr/bin/env bash
# latency.sh [IMAGE]: timer latency, cyclictest's idea, of samples/latency
# (IMAGE, default build/samples/latency.bin) against Debian's cyclictest
# (rt-tests) in a Linux domU, in one run on one test host: Xen 4.17 in
# QEMU (TCG, GICv3) with the Linux dom0 of scripts/dom0/build.sh, one
# guest at a time with 1 vCPU.  Both sleep to absolute deadlines on
# CLOCK_MONOTONIC every INTERVAL µs, LOOPS times, and report how late they
# woke (min, avg, max), without load and with a busy loop at a lower
# priority on the same vCPU:
#   ours:  latency.bin with extra="-- -i INTERVAL -l LOOPS -L both"
#          (its measuring thread at the highest program priority, the
#          load at a lower one), booted ROUNDS times
#          (scripts/bench/latency-dom0.sh);
#   Linux: the dom0's kernel as a domU (scripts/domu/build.sh) running
#          cyclictest -m -p 80 -a 0 -i INTERVAL -l LOOPS -q -N, ROUNDS
#          times each way, the load a SCHED_OTHER shell loop
#          (scripts/bench/latency-domu.sh).
# Before the Xen host, for reference, the same image on bare QEMU (no
# Xen): ROUNDS boots in plain TCG, and 2 with -icount shift=0,sleep=off,
# where guest time counts instructions: deterministic, so the two agree.
# And the same Linux kernel and initramfs on bare QEMU with -icount
# (console on the PL011; the Xen frontends fail to load, which nothing
# here needs): cyclictest's figures in the same instruction-time, the one
# ratio TCG's host noise does not move.
#
# The table goes to $BENCH_OUT/latency.md, the logs to
# $BENCH_OUT/latency-logs/.  Exits 1 when a figure is missing.
#
# Env: LATENCY_INTERVAL  µs between deadlines (default 1000, cyclictest's)
#      LATENCY_LOOPS     wakes per run (default 5000)
#      LATENCY_ROUNDS    runs of each (default 3); a cell is the median of
#                        the rounds [min-max]
#      LATENCY_TIMEOUT   seconds for the Xen host (default 1500)
#      BENCH_OUT         output directory (default build/bench)
#      BENCH_COMMAND     how the run was started, for the table's header
# Start it under flock /tmp/osprey-qemu.lock like every QEMU job.
set -euo pipefail
export LC_ALL=C
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
die() { echo "latency.sh: $*" >&2; exit 2; }

image=${1:-$top/build/samples/latency.bin}
interval=${LATENCY_INTERVAL:-1000}
loops=${LATENCY_LOOPS:-5000}
rounds=${LATENCY_ROUNDS:-3}
limit=${LATENCY_TIMEOUT:-1500}
out=${BENCH_OUT:-$top/build/bench}
command_line=${BENCH_COMMAND:-scripts/bench/latency.sh${*:+ $*}}
[ -f "$image" ] || die "no image $image (make samples)"
for v in "$interval" "$loops" "$rounds" "$limit"; do
    [[ $v =~ ^[1-9][0-9]*$ ]] || die "LATENCY_* values must be positive whole numbers"
done

# shellcheck source=scripts/qemu.sh
. "$top/scripts/qemu.sh"
# shellcheck source=scripts/bench/common.sh
. "$here/common.sh"

work=$out/latency-work logs=$out/latency-logs raw=$out/latency.tsv
table=$out/latency.md
rm -rf "$work" "$logs"
mkdir -p "$work" "$logs"
: >"$raw"
# host-dtb.sh --test DIR puts DIR's files at / in dom0: ours in /test.
t=$work/root/test
mkdir -p "$t/linux" "$work/linux-add/bin" "$work/linux-add/test" \
    "$work/linux-add/lib/aarch64-linux-gnu"
# One snapshot: others may rebuild meanwhile.
cp "$image" "$t/latency.bin"

# cyclictest from Debian 12's rt-tests, and what it links, for the
# domU's initramfs (the Debian package, unchanged; no apt install).
rt=$("$top/scripts/fetch-deb.sh" --root rt-tests rt-tests libc6 libnuma1) ||
    die "scripts/fetch-deb.sh rt-tests failed"
cp "$rt/usr/bin/cyclictest" "$work/linux-add/bin/"
for lib in ld-linux-aarch64.so.1 libc.so.6 librt.so.1 libpthread.so.0 \
    libnuma.so.1; do
    f=$rt/lib/aarch64-linux-gnu/$lib
    [ -e "$f" ] || f=$rt/usr/lib/aarch64-linux-gnu/$lib
    [ -e "$f" ] || die "no $lib in the rt-tests root $rt"
    cp -L "$f" "$work/linux-add/lib/aarch64-linux-gnu/$lib"
done
# The interpreter cyclictest names.
ln -s aarch64-linux-gnu/ld-linux-aarch64.so.1 "$work/linux-add/lib/ld-linux-aarch64.so.1"
rt_version=$(sed -n 's/^rt-tests_\([^_]*\)_.*/\1/p' \
    "${XENGUEST_CACHE:-$HOME/.cache/xenguest}/stamps/rt-tests/rt-tests:arm64" 2>/dev/null || true)
install -m 755 "$here/latency-domu.sh" "$work/linux-add/test/run.sh"
printf 'INTERVAL=%s\nLOOPS=%s\nROUNDS=%s\n' "$interval" "$loops" "$rounds" \
    >"$work/linux-add/test/params"
domu=$("$top/scripts/domu/build.sh") || die "scripts/domu/build.sh failed"
cp "$domu/Image" "$t/linux/Image"
"$top/scripts/domu/initrd-with.sh" "$domu/initramfs.cpio.gz" \
    "$work/linux-add" "$t/linux/initrd.gz"
install -m 755 "$here/latency-dom0.sh" "$t/run.sh"
cat >"$t/params" <<EOF
INTERVAL=$interval
LOOPS=$loops
ROUNDS=$rounds
GUEST_MEMORY=16
LINUX_MEMORY=128
EOF
xen=$("$top/scripts/xen/fetch.sh") || die "scripts/xen/fetch.sh failed"

trap qemu_stop EXIT
trap 'qemu_stop; echo "latency.sh: interrupted" >&2; exit 130' INT TERM HUP

problems=()
# results SETUP LOG PREFIX: the result lines after PREFIX in LOG, each
# figure recorded as SETUP-LOAD in $raw (ns); counts them in $n.
results() {
    local load key value
    n=0
    while read -r load key value; do
        put "$1-$load" "$key" "$value"
        n=$((n + 1))
    done < <(awk -v p="$3" 'index($0, p) == 1 {
            l = substr($0, length(p) + 1); split(l, w, " ")
            if (w[1] != "result") next
            for (i = 2; i in w; i++) { split(w[i], kv, "="); f[kv[1]] = kv[2] }
            print f["load"], "min", f["min_ns"] / 1000
            print f["load"], "avg", f["avg_ns"] / 1000
            print f["load"], "max", f["max_ns"] / 1000
            delete f
        }' "$2")
}

# bare NAME [QEMU-ARGS...]: one boot of the image on QEMU's virt machine.
bare() {
    local log=$logs/$1.log boot_args
    shift
    mapfile -t boot_args < <(qemu_machine 3 off 128M 1)
    qemu_start 300 "$log" "${boot_args[@]}" "$@" -kernel "$t/latency.bin" \
        -append "-- -i $interval -l $loops -L both"
    qemu_wait 300 grep -Eq '^(stop|PANIC):' "$log" || true
    sed -i 's/\r*$//' "$log"
}

started=$(date +%s) load_start=$(cut -d' ' -f1-3 /proc/loadavg)
for ((r = 1; r <= rounds; r++)); do
    echo "latency.sh: bare QEMU, boot $r of $rounds" >&2
    bare "bare-$r"
    results bare "$logs/bare-$r.log" "latency: "
    [ "$n" -eq 6 ] || problems+=("bare boot $r: $n of 6 figures (latency-logs/bare-$r.log)")
done
for r in 1 2; do
    echo "latency.sh: bare QEMU with -icount, boot $r of 2" >&2
    mapfile -t icount < <(qemu_icount)
    bare "icount-$r" "${icount[@]}"
    results icount "$logs/icount-$r.log" "latency: "
    [ "$n" -eq 6 ] || problems+=("icount boot $r: $n of 6 figures (latency-logs/icount-$r.log)")
done
echo "latency.sh: Linux and cyclictest on bare QEMU with -icount" >&2
linux_icount_log=$logs/linux-icount.log
mapfile -t boot_args < <(qemu_machine 3 off 512M 1)
mapfile -t icount < <(qemu_icount)
qemu_start 900 "$linux_icount_log" "${boot_args[@]}" "${icount[@]}" \
    -kernel "$t/linux/Image" -initrd "$t/linux/initrd.gz" \
    -append "console=ttyAMA0 rdinit=/init quiet"
qemu_wait 900 grep -Eq '^domu: power off|Kernel panic' "$linux_icount_log" || true
sed -i 's/\r*$//' "$linux_icount_log"
results linux-icount "$linux_icount_log" "domu: "
[ "$n" -eq $((6 * rounds)) ] ||
    problems+=("Linux on bare QEMU with -icount: $n of $((6 * rounds)) figures (latency-logs/linux-icount.log)")

# Deterministic or not: the two icount boots' result lines, compared.
icount_same=no
if cmp -s <(grep '^latency: result' "$logs/icount-1.log") \
    <(grep '^latency: result' "$logs/icount-2.log"); then
    icount_same=yes
fi

xen_log=$logs/xen-host.log
"$top/scripts/dom0/host-dtb.sh" --gic 3 --test "$work/root" \
    -o "$work/host.dtb" || die "scripts/dom0/host-dtb.sh failed"
echo "latency.sh: Xen host, at most ${limit}s; log $xen_log" >&2
status=0
"$top/scripts/xen/boot.sh" --xen "$xen" --dtb "$work/host.dtb" \
    --log "$xen_log" --timeout "$limit" --wait '^dom0: power off' \
    --fail '^\[[ 0-9.]*\] Kernel panic' --fail '^dom0: FATAL' \
    >"$xen_log.err" 2>&1 || status=$?
sed -i 's/\r*$//' "$xen_log"
[ "$status" -eq 0 ] ||
    problems+=("the Xen host did not end well (status $status, latency-logs/xen-host.log.err)")
for ((r = 1; r <= rounds; r++)); do
    results osprey "$xen_log" "CON osprey-$r| latency: "
    [ "$n" -eq 6 ] || problems+=("ours under Xen, boot $r: $n of 6 figures")
done
results linux "$xen_log" "CON linux| domu: "
[ "$n" -eq $((6 * rounds)) ] ||
    problems+=("Linux under Xen: $n of $((6 * rounds)) figures")
while read -r line; do problems+=("$line"); done < <(grep -E '^FAIL |CON [^|]*\| (domu: FAIL|PANIC)' "$xen_log" || true)
elapsed=$(($(date +%s) - started))

# ratio OURS LINUX LOAD KEY: ours over Linux, medians.
median_of() {
    awk -F'\t' -v g="$1" -v k="$2" '$1 == g && $2 == k { print $3 }' "$raw" |
        sort -g | awk '{ v[NR] = $1 } END {
            if (NR) print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
ratio() {
    local a b
    a=$(median_of "$1-$3" "$4") b=$(median_of "$2-$3" "$4")
    if [ -n "$a" ] && [ -n "$b" ] && awk -v b="$b" 'BEGIN { exit !(b > 0) }'; then
        awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2f×", a / b }'
    else
        echo n/a
    fi
}

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
qemu_version=$("$QEMU" --version | head -n 1)
commit=$(git -C "$top" rev-parse --short HEAD 2>/dev/null || echo unknown)
git -C "$top" diff --quiet HEAD 2>/dev/null || commit+=" (working tree differs)"
kver=$(grep -a -o -m 1 'Linux version [^ ]*' "$t/linux/Image" | cut -d' ' -f3 || true)
{
    echo "# Timer latency: samples/latency against cyclictest"
    echo
    echo "- Command: \`$command_line\`, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $commit, took ${elapsed}s"
    echo "- Host: $(nproc) cores ($cpu), load average $load_start at the start,"
    echo "  $(cut -d' ' -f1-3 /proc/loadavg) at the end. $qemu_version, TCG (no KVM)."
    echo "- Xen 4.17 (Debian) in QEMU \`-smp 2\`, GICv3, dom0 Debian's Linux (512M, 1 vCPU)"
    echo "  idle but for waiting; one guest at a time, 1 vCPU each. Ours:"
    echo "  \`${image#"$top/"}\` (memory=16) with \`extra=\"-- -i $interval -l $loops -L both\"\`,"
    echo "  booted $rounds times. Linux $kver (the dom0's kernel, not PREEMPT_RT;"
    echo "  memory=128) running Debian's cyclictest ${rt_version:-(rt-tests)}"
    echo "  \`-m -p 80 -a 0 -i $interval -l $loops -q -N\` $rounds times each way."
    echo "- Both sleep to absolute deadlines on CLOCK_MONOTONIC every $interval µs, $loops"
    echo "  times, and time how late each wake is. Load: ours a computing thread at a"
    echo "  lower priority than the measuring one; Linux a SCHED_OTHER shell loop"
    echo "  under cyclictest's SCHED_FIFO 80; on the same vCPU in both."
    echo "- Each cell: µs, the median of $rounds runs [min-max]. **Every time is"
    echo "  TCG-emulated**: the µs are QEMU's, not a machine's; compare the ratios"
    echo "  (ours ÷ Linux, lower is better for us) within one run."
    echo "- Bare QEMU (no Xen), the same image: plain TCG, and with"
    echo "  \`-icount shift=0,sleep=off\` (guest time counts instructions, 1 a ns):"
    echo "  there the two boots gave identical result lines: $icount_same. The same Linux"
    echo "  kernel and initramfs too, on bare QEMU with \`-icount\` (1 vCPU, 512M):"
    echo "  the ratio there counts instructions, not host time."
    echo
    echo "| Figure (µs) | ours, Xen domU | Linux + cyclictest, Xen domU | ours ÷ Linux, Xen | ours, bare -icount | Linux, bare -icount | ours ÷ Linux, -icount | ours, bare QEMU |"
    echo "|---|---|---|---|---|---|---|---|"
    for load in off on; do
        for k in min avg max; do
            echo "| $k, load $load | $(cell "osprey-$load" "$k") | $(cell "linux-$load" "$k") | $(ratio osprey linux "$load" "$k") | $(cell "icount-$load" "$k") | $(cell "linux-icount-$load" "$k") | $(ratio icount linux-icount "$load" "$k") | $(cell "bare-$load" "$k") |"
        done
    done
    echo
    if [ ${#problems[@]} -gt 0 ]; then
        echo "**Missing figures or failures** (n/a above):"
        echo
        printf -- '- %s\n' "${problems[@]}"
        echo
    fi
    echo "The guests' result lines (Xen host):"
    echo
    echo '```'
    grep -E '^CON [^|]*\| (latency: (run|result)|domu: (result|cyclictest\| T:))' "$xen_log" || true
    echo '```'
    echo
    echo "On bare QEMU with \`-icount\`:"
    echo
    echo '```'
    grep -hE '^latency: result' "$logs/icount-1.log" || true
    grep -E '^domu: (result|cyclictest\| T:)' "$linux_icount_log" || true
    echo '```'
    echo
    echo "Histograms: the \`latency: hist\` lines in ${logs#"$top/"}/xen-host.log and the bare logs."
} >"$table"
cat "$table"
rm -rf "$work"
[ ${#problems[@]} -eq 0 ] || exit 1
