#!/usr/bin/env bash
# blk.sh [IMAGE]: PV block throughput of IMAGE (default build/zephyr.bin)
# against a Linux domU, on one test host per GIC version: Xen 4.17 in QEMU
# (TCG) with the Linux dom0 of scripts/dom0/build.sh, whose xen-blkback
# serves one image file to every guest, each through a loop device of
# its own.  Its /test/run.sh (scripts/bench/blk-dom0.sh) starts them all,
# then types the commands into each guest's console in turn: Linux
# (Debian's kernel, the dom0's, with xen-blkfront: scripts/domu/build.sh)
# runs scripts/bench/blkbench.c, O_DIRECT reads and writes through
# native AIO at a queue depth; Osprey's shell runs `disk-bench`, the same
# measurement, in one guest with every blkfront feature the backend
# offers and in one guest with each turned off (blkfront= bootarg).
# The guests take turns figure by figure, round by round, in an order
# shuffled anew for each round (the Osprey guests paused but for their
# turns): every figure of Osprey's is set against Linux's of the same
# round, and the ratios' median is the summary.
#
# The table goes to $BENCH_OUT/blk.md, each host's console log to
# $BENCH_OUT/blk-gicvN.log.
#
# Env: GIC            the hosts' GIC versions (default 3; "2 3": both)
#      BLK_REPS       rounds (default 5), after a warm-up round that does
#                     not count; a figure is their median, [min-max]
#                     their spread
#      BLK_SEED       the seed of the rounds' orders (default 1; a
#                     Lehmer generator, the table records it)
#      BLK_MIB        the image's size in MiB (default 64)
#      BLK_SEQ        sequential figures: "KIB MIB DEPTH" (default
#                     "128 64 4": disk-bench's buffer holds 512 KiB)
#      BLK_RAND       random reads: "KIB MIB DEPTH" (default "4 8 32")
#      BLK_CONFIGS    Osprey's runs, LABEL:BLKFRONT-OPTIONS ("-": none)
#      BLK_TIMEOUT    seconds per host boot (default 900)
#      BLK_LINUX      0: no Linux run (when looking into Osprey's figures)
#      BLK_LINUX_ARGS added to Linux's command line, e.g. module options
#                     (xen_blkfront.feature_persistent=0, see domu/init)
#      BENCH_OUT      output directory (default build/bench)
#      BENCH_COMMAND  how the run was started, for the table's header
# Start it under flock /tmp/osprey-qemu.lock like every QEMU job.
set -euo pipefail
export LC_ALL=C
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
die() { echo "blk.sh: $*" >&2; exit 2; }

image=${1:-$top/build/zephyr.bin}
gics=${GIC:-3}
reps=${BLK_REPS:-5}
mib=${BLK_MIB:-64}
read -r seq_kib seq_mib seq_depth <<<"${BLK_SEQ:-128 64 4}"
read -r rand_kib rand_mib rand_depth <<<"${BLK_RAND:-4 8 32}"
configs=${BLK_CONFIGS:-all:- no-persistent:no-persistent no-indirect:no-indirect ring-order-0:ring-order=0}
seed=${BLK_SEED:-1}
limit=${BLK_TIMEOUT:-900}
out=${BENCH_OUT:-$top/build/bench}
command_line=${BENCH_COMMAND:-scripts/bench/blk.sh${*:+ $*}}
[ -f "$image" ] || die "no image $image (run make)"
for v in "$reps" "$mib" "$seq_kib" "$seq_mib" "$seq_depth" "$rand_kib" \
    "$rand_mib" "$rand_depth" "$limit" "$seed"; do
    [[ $v =~ ^[1-9][0-9]*$ ]] || die "BLK_* values must be positive whole numbers"
done
for g in $gics; do [[ $g =~ ^[23]$ ]] || die "GIC must be 2, 3 or \"2 3\""; done

work=$out/blk-work table=$out/blk.md
rm -rf "$work"
mkdir -p "$work"
# host-dtb.sh --test DIR puts DIR's files at / in dom0: ours in /test.
t=$work/root/test
mkdir -p "$t/linux" "$work/linux-add/bin"
# One snapshot: others may rebuild meanwhile.
cp "$image" "$t/zephyr.bin"
domu=$("$top/scripts/domu/build.sh") || die "scripts/domu/build.sh failed"
cp "$domu/Image" "$t/linux/Image"
aarch64-linux-gnu-gcc -static -nostdlib -ffreestanding -O2 -Wall -Wextra \
    -Werror -fno-stack-protector -Wl,--build-id=none \
    -o "$work/linux-add/bin/blkbench" "$here/blkbench.c"
"$top/scripts/domu/initrd-with.sh" "$domu/initramfs.cpio.gz" \
    "$work/linux-add" "$t/linux/initrd.gz"
install -m 755 "$here/blk-dom0.sh" "$t/run.sh"
cat >"$t/params" <<EOF
MIB=$mib
SEQ_KIB=$seq_kib
SEQ_MIB=$seq_mib
SEQ_DEPTH=$seq_depth
RAND_KIB=$rand_kib
RAND_MIB=$rand_mib
RAND_DEPTH=$rand_depth
REPS=$reps
CONFIGS="$configs"
GUEST_MEMORY=32
LINUX_MEMORY=128
LINUX=${BLK_LINUX:-1}
LINUX_ARGS="${BLK_LINUX_ARGS:+ $BLK_LINUX_ARGS}"
EOF
# The guests, numbered as blk-dom0.sh numbers them: Linux first (unless
# left out), then one per configuration.  Each round's order is a
# Fisher-Yates shuffle driven by a Lehmer generator (x = 48271 x mod
# 2^31 - 1: exact in awk's doubles), so a seed gives the same orders
# everywhere.
guests=0
[ "${BLK_LINUX:-1}" = 0 ] || guests=1
for c in $configs; do guests=$((guests + 1)); done
awk -v n="$guests" -v reps="$reps" -v seed="$seed" 'BEGIN {
    x = seed % 2147483647
    if (x == 0) x = 1
    # Small seeds start small: the first draws are thrown away.
    for (i = 0; i < 16; i++) x = (x * 48271) % 2147483647
    for (r = 0; r <= reps; r++) {
        for (i = 1; i <= n; i++) p[i] = i
        for (i = n; i > 1; i--) {
            x = (x * 48271) % 2147483647
            j = 1 + x % i; t = p[i]; p[i] = p[j]; p[j] = t
        }
        o = p[1]
        for (i = 2; i <= n; i++) o = o " " p[i]
        printf "ORDER_%d=\"%s\"\n", r, o
    }
}' >>"$t/params"
xen=$("$top/scripts/xen/fetch.sh") || die "scripts/xen/fetch.sh failed"

started=$(date +%s)
status=0
for g in $gics; do
    log=$out/blk-gicv$g.log
    "$top/scripts/dom0/host-dtb.sh" --gic "$g" --test "$work/root" \
        -o "$work/host-gicv$g.dtb" || die "scripts/dom0/host-dtb.sh failed"
    echo "blk.sh: GICv$g host, at most ${limit}s; log $log" >&2
    s=0
    "$top/scripts/xen/boot.sh" --xen "$xen" --dtb "$work/host-gicv$g.dtb" \
        --log "$log" --timeout "$limit" --wait '^dom0: power off' \
        --fail '^\[[ 0-9.]*\] Kernel panic' --fail '^dom0: FATAL' \
        >"$log.err" 2>&1 || s=$?
    sed -i 's/\r*$//' "$log"
    if [ "$s" -ne 0 ]; then
        echo "blk.sh: the GICv$g boot did not end well (status $s), see $log and $log.err" >&2
        status=$s
    fi
done
elapsed=$(($(date +%s) - started))

commit=$(git -C "$top" rev-parse --short HEAD 2>/dev/null || echo unknown)
git -C "$top" diff --quiet HEAD 2>/dev/null || commit+=" (working tree differs)"
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
kver=$(grep -a -o -m 1 'Linux version [^ ]*' "$t/linux/Image" | cut -d' ' -f3 || true)

# The tables of one host, from its dom0's R, USE and FAIL lines.
tables() { # GIC LOG
    awk -v gic="$1" -v configs="$configs" -v reps="$reps" -v seed="$seed" \
        -v largs="${BLK_LINUX_ARGS:-}" \
        -v seq="$seq_kib KiB, depth $seq_depth, $seq_mib MiB" \
        -v rnd="$rand_kib KiB, depth $rand_depth, $rand_mib MiB" '
        function median(k,   n, i, j, t, v) {
            n = cnt[k]
            for (i = 1; i <= n; i++) v[i] = val[k, i]
            for (i = 2; i <= n; i++)
                for (j = i; j > 1 && v[j - 1] > v[j]; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
            lo[k] = v[1]; hi[k] = v[n]
            return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
        }
        function add(k, x) { val[k, ++cnt[k]] = x }
        function fmt(x) { return x >= 100 ? sprintf("%.0f", x) : sprintf("%.2f", x) }
        # cell GUEST FIGURE: "median [min-max]" of the figure (MB/s or IOPS).
        function cell(gu, f,   k, m) {
            k = gu SUBSEP f
            if (!cnt[k]) return "n/a"
            m = median(k); med[k] = m
            return lo[k] == hi[k] ? fmt(m) : fmt(m) " [" fmt(lo[k]) "-" fmt(hi[k]) "]"
        }
        $1 == "R" && NF == 11 && $4 > 0 {
            gu = $2; f = $3
            add(gu SUBSEP f, f == "randread" ? $6 : $5 / 1000)
            byround[gu, f, $4] = f == "randread" ? $6 : $5 / 1000
            add(gu SUBSEP f SUBSEP "req", $8)
            add(gu SUBSEP f SUBSEP "kib", $8 ? $9 / 2 / $8 : 0)
            add(gu SUBSEP f SUBSEP "kick", $8 ? $10 / $8 : 0)
            add(gu SUBSEP f SUBSEP "oo", $11)
        }
        $1 == "USE" { u = $0; sub(/^USE [^ ]* /, "", u); use[$2] = u }
        $1 == "INFO" && $2 ~ /^osprey-/ && $3 == "blkfront:" { l = $0; sub(/^INFO [^ ]* /, "", l); ring[$2] = l }
        $1 == "ORDER" { l = $0; sub(/^ORDER [0-9]+ /, "", l); order[$2] = l }
        $1 == "FAIL" { l = $0; sub(/^FAIL /, "", l); fails = fails "\n- " l }
        END {
            n = split(configs, cf, " ")
            guests[1] = "linux"; label["linux"] = "Linux" (largs != "" ? " (" largs ")" : "")
            for (i = 1; i <= n; i++) {
                split(cf[i], p, ":"); g = "osprey-" p[1]; guests[i + 1] = g
                label[g] = p[2] == "-" ? "Osprey, all on" : "Osprey, " p[2]
            }
            ng = n + 1
            figs[1] = "read"; figs[2] = "write"; figs[3] = "randread"
            fname["read"] = "sequential read, MB/s (" seq ")"
            fname["write"] = "sequential write, MB/s (" seq ")"
            fname["randread"] = "random read, IOPS (" rnd ")"
            printf "## GICv%s\n\n", gic
            h = "| Figure |"; r = "|---|"
            for (i = 1; i <= ng; i++) { h = h " " label[guests[i]] " |"; r = r "---|" }
            print h; print r
            for (j = 1; j <= 3; j++) {
                f = figs[j]; line = "| " fname[f] " |"
                for (i = 1; i <= ng; i++) line = line " " cell(guests[i], f) " |"
                print line
            }
            # Each round: the figure over Linux'"'"'s of the same round.
            for (i = 2; i <= ng; i++)
                for (j = 1; j <= 3; j++) {
                    g = guests[i]; f = figs[j]
                    for (r = 1; r <= reps; r++)
                        if (byround["linux", f, r] > 0 && (g, f, r) in byround) {
                            ratio[g, f, r] = byround[g, f, r] / byround["linux", f, r]
                            add(g SUBSEP f SUBSEP "ratio", ratio[g, f, r])
                        }
                }
            line = "| **ratio to Linux** (median of the rounds'"'"' ratios [min-max]) |"
            for (i = 1; i <= ng; i++) line = line " |"
            print line
            for (j = 1; j <= 3; j++) {
                f = figs[j]; line = "| " f " |"
                for (i = 1; i <= ng; i++) {
                    k = guests[i] SUBSEP f SUBSEP "ratio"
                    if (i == 1) { line = line " 1 |"; continue }
                    if (!cnt[k]) { line = line " n/a |"; continue }
                    m = median(k)
                    line = line (lo[k] == hi[k] ? sprintf(" %.2f |", m) : sprintf(" %.2f [%.2f-%.2f] |", m, lo[k], hi[k]))
                }
                print line
            }
            printf "\nEach round'"'"'s ratio to Linux'"'"'s figure of the same round:\n\n"
            h = "| Figure | Guest |"; r = "|---|---|"
            for (k = 1; k <= reps; k++) { h = h " round " k " |"; r = r "---|" }
            print h " median |"; print r "---|"
            for (j = 1; j <= 3; j++)
                for (i = 2; i <= ng; i++) {
                    g = guests[i]; f = figs[j]; line = "| " f " | " label[g] " |"
                    for (k = 1; k <= reps; k++)
                        line = line ((g, f, k) in ratio ? sprintf(" %.2f |", ratio[g, f, k]) : " n/a |")
                    k = g SUBSEP f SUBSEP "ratio"
                    print line (cnt[k] ? sprintf(" %.2f |", median(k)) : " n/a |")
                }
            printf "\nThe rounds'"'"' order (seed %s; round 0 is the warm-up):\n\n", seed
            for (k = 0; k <= reps; k++)
                printf "- round %d: %s\n", k, (k in order) ? order[k] : "(no ORDER line)"
            printf "\nWhat blkback saw per run (medians): ring requests, KiB per request, frontend\n"
            printf "notifications (\"blkif-backend\" interrupts in dom0) per request, and\n"
            printf "oo_req (times blkback found no free request slot).\n\n"
            h = "| Figure |"; r = "|---|"
            for (i = 1; i <= ng; i++) { h = h " " label[guests[i]] " |"; r = r "---|" }
            print h; print r
            for (j = 1; j <= 3; j++) {
                f = figs[j]; line = "| " f ": requests / KiB each / kicks each / oo |"
                for (i = 1; i <= ng; i++) {
                    k = guests[i] SUBSEP f
                    if (!cnt[k SUBSEP "req"]) { line = line " n/a |"; continue }
                    line = line sprintf(" %d / %.0f / %.2f / %d |", median(k SUBSEP "req"), median(k SUBSEP "kib"), median(k SUBSEP "kick"), median(k SUBSEP "oo"))
                }
                print line
            }
            printf "\nNegotiated (XenStore after the handshake; Osprey'"'"'s boot line):\n\n"
            for (i = 1; i <= ng; i++) {
                g = guests[i]
                printf "- %s: %s%s\n", label[g], use[g] ? use[g] : "(no USE line)", ring[g] ? "; `" ring[g] "`" : ""
            }
            if (fails != "") printf "\nFailures:%s\n", fails
            print ""
        }' "$2"
}

{
    echo "# Osprey PV block I/O against Linux"
    echo
    echo "- Command: \`$command_line\`, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $commit, took ${elapsed}s"
    echo "- Machine: $(nproc) CPUs, $cpu; QEMU TCG (no KVM), -smp 2, -m 2G;"
    echo "  Xen 4.17 (Debian), dom0: Debian's Linux with 512M and 1 vCPU. Every figure"
    echo "  is **TCG-emulated**: ratios mean something, absolute MB/s do not."
    echo "- One $mib MiB image file in dom0's RAM (tmpfs), served by xen-blkback as xvda"
    echo "  to every guest through a loop device each. The guests, each with 1 vCPU, are"
    echo "  all up from the start: Linux $kver (the dom0's kernel, xen-blkfront,"
    echo "  busybox; memory=128) and Osprey (memory=32, app=shell) once per blkfront="
    echo "  setting. They take turns, one at a time, in a new order each round (an"
    echo "  Osprey guest is paused but for its turns: its shell polls the console every"
    echo "  20 ms; the idle Linux is left running)."
    echo "- Method, the same on both: the request size, queue depth and amount below, one"
    echo "  request per KIB-aligned place, sequential from byte 0 or at pseudo-random"
    echo "  places (the same generator and seed); MB/s = bytes / ms / 1000. Linux:"
    echo "  \`blkbench\` (scripts/bench/blkbench.c) on /dev/xvda with **O_DIRECT**"
    echo "  (no page cache) through native AIO (io_submit at the depth, one thread);"
    echo "  Osprey: the shell's \`disk-bench\` on the block API. Commands are typed"
    echo "  into each guest's console by dom0 (scripts/bench/blk-dom0.sh); a guest's"
    echo "  own clock times each run. Writes are not flushed (neither side asks)."
    echo "- Each cell: median of $reps rounds [min-max]; a round is read, then write, then"
    echo "  random read, each run by every guest in turn, after a warm-up round that does"
    echo "  not count (TCG translates code on its first run). A ratio to Linux is the"
    echo "  median of the rounds' ratios, each against Linux's figure of the same round."
    echo
    if [ "$status" -ne 0 ]; then
        echo "**A host boot did not end well (status $status):** see ${out#"$top/"}/blk-gicv*.log.err"
        echo
    fi
    for g in $gics; do tables "$g" "$out/blk-gicv$g.log"; done
    echo "Console logs: ${out#"$top/"}/blk-gicvN.log (lines R, USE, FAIL, INFO from scripts/bench/blk-dom0.sh)."
} >"$table"
cat "$table"
rm -rf "$work"
exit "$status"
