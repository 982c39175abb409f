#!/usr/bin/env bash
# density.sh [IMAGE]: how many IMAGE (default build/zephyr.bin) guests run
# at once on one test host: Xen 4.17 in QEMU (TCG) with the Linux dom0 of
# scripts/dom0/build.sh, whose /test/run.sh (scripts/bench/density-dom0.sh)
# runs `xl create` in a loop at the smallest memory= the sample runs in,
# until N guests run, an `xl create` fails or the time budget is spent.
# Every guest must print its first sample line in its console log (written
# by xenconsoled) within a bound; those that do not are counted.  Debian's
# Linux (the dom0's kernel, an initramfs whose /init prints a marker and
# sleeps: scripts/bench-linux-init.c) is the comparison, at its own
# smallest memory=, for a few guests.
#
# The table goes to $BENCH_OUT/density.md, the console log to
# $BENCH_OUT/density.log.
#
# Env: DENSITY_N       zephyr.bin guests to reach (default 200)
#      DENSITY_LINUX_N Linux guests (default 10)
#      DENSITY_MEMORY  memory= of each zephyr.bin guest in MB (default 3:
#                      the smallest that runs the sample; at 2 libxc fails)
#      DENSITY_HOST_MEM  the host's RAM, QEMU -m (default 8G; dom0 has 512M)
#      DENSITY_BOUND   seconds from `xl create` returning to the guest's
#                      first sample line (default 10; Linux: 3 times that)
#      DENSITY_TIME    time budget of the zephyr.bin sweep in seconds
#                      (default 300; 1800 when DENSITY_N > 200)
#      DENSITY_BLOCK   guests per row of the table (default 10; 25 when
#                      DENSITY_N > 200)
#      DENSITY_LINUX_MEMS  Linux memory= values to try, largest first
#                      (default "80 64 56 48 40"; 56 was the smallest that
#                      worked); empty: no Linux part
#      DENSITY_XL_ARGS options of every `xl create`, e.g. "-e": no xl
#                      process left in dom0 per guest to wait for its death
#                      (each holds about 1 MB of dom0's memory)
#      GIC             the host's GIC version (default 3)
#      BENCH_OUT       output directory (default build/bench)
#      BENCH_COMMAND   how the run was started, for the table's header
# Start it under flock /tmp/osprey-qemu.lock like every QEMU job.
set -euo pipefail
export LC_ALL=C
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
die() { echo "density.sh: $*" >&2; exit 2; }

image=${1:-$top/build/zephyr.bin}
n=${DENSITY_N:-100}
linux_n=${DENSITY_LINUX_N:-10}
memory=${DENSITY_MEMORY:-3}
host_mem=${DENSITY_HOST_MEM:-8G}
bound=${DENSITY_BOUND:-10}
big=$((n > 200))
budget=${DENSITY_TIME:-$((big ? 1800 : 300))}
block=${DENSITY_BLOCK:-$((big ? 25 : 10))}
gic=${GIC:-3}
out=${BENCH_OUT:-$top/build/bench}
command_line=${BENCH_COMMAND:-scripts/bench/density.sh${*:+ $*}}
[ -f "$image" ] || die "no image $image (run make)"
for v in "$n" "$linux_n" "$memory" "$bound" "$budget" "$block"; do
    [[ $v =~ ^[0-9]+$ ]] || die "DENSITY_* values must be whole numbers"
done
[[ $gic =~ ^[23]$ ]] || die "GIC must be 2 or 3"

work=$out/density-work log=$out/density.log table=$out/density.md
rm -rf "$work"
# host-dtb.sh --test DIR puts DIR's files at / in dom0: ours in /test.
t=$work/root/test
mkdir -p "$t/linux"

# One snapshot: others may rebuild meanwhile.
cp "$image" "$t/zephyr.bin"
dom0=$("$top/scripts/dom0/build.sh") || die "scripts/dom0/build.sh failed"
# The dom0's kernel is Debian's, the one scripts/bench/linux.sh boots.
cp "$dom0/Image" "$t/linux/Image"
mkdir -p "$work/linux-root"
aarch64-linux-gnu-gcc -static -nostdlib -ffreestanding -O2 -Wall -Werror \
    -fno-stack-protector -Wl,--build-id=none -DINIT_STAYS \
    -o "$work/linux-root/init" "$top/scripts/bench-linux-init.c"
(cd "$work/linux-root" && echo init | cpio -o -H newc -R 0:0 --quiet) \
    >"$t/linux/initrd.cpio"
install -m 755 "$here/density-dom0.sh" "$t/run.sh"
linux_bound=$((3 * bound))
# Largest first; the sweep stops at the first that fails.
linux_mems=${DENSITY_LINUX_MEMS-80 64 56 48 40}
cat >"$t/params" <<EOF
N=$n
LINUX_N=$linux_n
MEMORY=$memory
BOUND=$bound
LINUX_BOUND=$linux_bound
BUDGET=$budget
LINUX_MEMS="$linux_mems"
PROBE_EVERY=$block
XL_ARGS="${DENSITY_XL_ARGS:-}"
EOF

"$top/scripts/dom0/host-dtb.sh" --gic "$gic" --mem "$host_mem" --test "$work/root" \
    -o "$work/host.dtb" || die "scripts/dom0/host-dtb.sh failed"
xen=$("$top/scripts/xen/fetch.sh") || die "scripts/xen/fetch.sh failed"

# dom0's panic, not a Linux guest's (its lines come as "INFO lprobeM| ").
# The boot, dom0 and the Linux part take about 3 minutes; a sweep that
# overruns its budget by a guest or two still ends within the limit.
limit=$((budget + 360))
echo "density.sh: up to $n guests at memory=$memory on a $host_mem host, at most ${limit}s; log $log" >&2
started=$(date +%s)
status=0
"$top/scripts/xen/boot.sh" --xen "$xen" --dtb "$work/host.dtb" --log "$log" \
    --timeout "$limit" --wait '^dom0: power off' \
    --fail '^\[[ 0-9.]*\] Kernel panic' --fail '^dom0: FATAL' \
    >"$log.err" 2>&1 || status=$?
elapsed=$(($(date +%s) - started))
sed -i 's/\r*$//' "$log"
[ "$status" -eq 0 ] || echo "density.sh: the boot did not end well (status $status), see $log and $log.err" >&2

commit=$(git -C "$top" rev-parse --short HEAD 2>/dev/null || echo unknown)
git -C "$top" diff --quiet HEAD 2>/dev/null || commit+=" (working tree differs)"
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)

# The table, from the dom0's lines (see density-dom0.sh for their format).
{
    echo "# Osprey density: guests at once on one test host"
    echo
    echo "- Command: \`$command_line\`, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $commit, took ${elapsed}s"
    echo "- Machine: $(nproc) CPUs, $cpu; QEMU TCG (no KVM), -smp 2, -m $host_mem, GICv$gic;"
    echo "  Xen 4.17 (Debian), dom0: Debian's Linux with 512M and 1 vCPU, xl, xenstored"
    echo "  (C), xenconsoled logging every guest's console to a file."
    echo "- zephyr.bin guests: \`xl create${DENSITY_XL_ARGS:+ $DENSITY_XL_ARGS}\` one after another, memory=$memory, vcpus=1, the"
    echo "  sample app (two threads printing every 0.5 s), up to N=$n or ${budget}s."
    echo "  \"first line\": seconds from \`xl create\` returning to the guest's first sample"
    echo "  line in its console log, polled every 0.05 s; late: not within ${bound}s."
    echo "  MB per guest: Xen's free_memory (\`xl info\`, whole MB) before and after."
    echo "- Probe columns, taken after the block's last guest: domains in XenStore and how"
    echo "  long \`xenstore-list /local/domain\` took, the newest guest's XenStore nodes, how"
    echo "  long \`xl list\` took,"
    echo "  xenstored's and xenconsoled's RSS, the guests' share of CPU time over the block"
    echo "  (their summed \`xl list\` Time(s) over dom0's wall clock; 2 physical CPUs = 200%),"
    echo "  dom0's (1 vCPU: 100% is all it can have), dom0's MemAvailable, and the xl"
    echo "  processes left in dom0 (one per guest) with their summed RSS."
    echo
    if [ "$status" -ne 0 ]; then
        echo "**The boot did not end well (status $status):** $(grep -v '^| ' "$log.err" | head -n 2 | tr '\n' ' ')"
        echo
    fi
    awk -v block="$block" -v memory="$memory" -v lbound="$linux_bound" '
        $1 == "BASE" && NF == 2 { base[++nb] = $2 }
        $1 == "LMEM" && NF == 4 { lmem[$2] = ($3 == "ok" ? "reached init in " : "failed, after ") $4 " s"; lorder = lorder " " $2 }
        $1 == "L" && NF == 5 { ln++; lc[ln] = $3; lf[ln] = $4; lfree[ln] = $5 }
        $1 == "Z" && NF == 5 {
            i = $2; zn = i; zc[i] = $3; zf[i] = $4; zfree[i] = $5
        }
        $1 == "PROBE" && NF >= 13 { p[$2] = $0 }
        $1 == "STOP" { sub(/^STOP /, ""); stop = $0 }
        function mean(a, from, to,   s, k, c) {
            for (k = from; k <= to; k++) if (a[k] != "-") { s += a[k]; c++ }
            return c ? s / c : -1
        }
        function maxof(a, from, to,   m, k) {
            m = -1
            for (k = from; k <= to; k++) if (a[k] != "-" && a[k] + 0 > m) m = a[k] + 0
            return m
        }
        function late(a, from, to,   k, c) {
            for (k = from; k <= to; k++) if (a[k] == "-") c++
            return c + 0
        }
        END {
            zbase = base[nb]
            printf "## zephyr.bin at memory=%s\n\n", memory
            printf "- Guests running at the end: **%d**; the sweep stopped: %s.\n", zn, stop ? stop : "(no STOP line: see the log)"
            if (zn) {
                printf "- Late (no first sample line within the bound): **%d** of %d.\n", late(zf, 1, zn), zn
                printf "- Host memory per guest: **%.2f MB** (Xen free %d MB before the first, %d MB after guest %d).\n", (zbase - zfree[zn]) / zn, zbase, zfree[zn], zn
                printf "- `xl create`: %.2f s for the first %d, %.2f s for the last %d (mean); first sample line %.2f s after it returned (mean), %.2f s at most.\n", mean(zc, 1, block < zn ? block : zn), block, mean(zc, zn - block + 1 > 0 ? zn - block + 1 : 1, zn), block, mean(zf, 1, zn), maxof(zf, 1, zn)
            }
            printf "\n| Guests | xl create mean (s) | max (s) | first line mean (s) | max (s) | late | Xen free (MB) | MB/guest | XenStore domains | xenstore-list (s) | nodes per guest | xl list (s) | xenstored RSS (MB) | xenconsoled RSS (MB) / fds | guests CPU | dom0 CPU | dom0 avail (MB) | xl processes / RSS (MB) |\n"
            print "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
            prev = zbase; pt = ""; pg = ""
            if (0 in p) { split(p[0], q, " "); pt = q[3]; pg = q[12]; pd = q[13] }
            for (a = 1; a <= zn; a += block) {
                b = a + block - 1; if (b > zn) b = zn
                pr = "| | | | | | | | | | |"
                if (b in p) {
                    split(p[b], q, " ")
                    share = dshare = ""
                    if (pt != "" && q[3] > pt) {
                        share = sprintf("%.0f%%", 100 * (q[12] - pg) / (q[3] - pt))
                        dshare = sprintf("%.0f%%", 100 * (q[13] - pd) / (q[3] - pt))
                    }
                    pr = sprintf("| %d | %s | %d | %s | %.1f | %.1f / %d | %s | %s | %d | %s |", q[4], q[5], q[6], q[7], q[8] / 1024, q[9] / 1024, q[10], share, dshare, q[11] / 1024, q[14] == "" ? "" : sprintf("%d / %.1f", q[14], q[15] / 1024))
                    pt = q[3]; pg = q[12]; pd = q[13]
                }
                printf "| %d-%d | %.2f | %.2f | %.2f | %.2f | %d | %d | %.2f %s\n", a, b, mean(zc, a, b), maxof(zc, a, b), mean(zf, a, b), maxof(zf, a, b), late(zf, a, b), zfree[b], (prev - zfree[b]) / (b - a + 1), pr
                prev = zfree[b]
            }
            printf "\n## Linux (Debian 6.1, the dom0 kernel) for comparison\n\n"
            printf "- memory= tried, largest first:"
            n = split(lorder, lo, " ")
            for (k = 1; k <= n; k++) printf " %s MB %s;", lo[k], lmem[lo[k]]
            printf "\n"
            if (ln) {
                printf "- %d guests at the smallest that worked: `xl create` %.2f s mean (%.2f max), init marker %.2f s after it returned (mean, %.2f max), late (over %d s): %d.\n", ln, mean(lc, 1, ln), maxof(lc, 1, ln), mean(lf, 1, ln), maxof(lf, 1, ln), lbound, late(lf, 1, ln)
                printf "- Host memory per Linux guest: **%.2f MB** (Xen free %d MB before, %d MB after %d).\n", (base[1] - lfree[ln]) / ln, base[1], lfree[ln], ln
                if (zn) printf "- Per guest, Linux costs %.1fx the host memory of zephyr.bin and %.1fx its `xl create` time (first %d each).\n", ((base[1] - lfree[ln]) / ln) / ((zbase - zfree[zn]) / zn), mean(lc, 1, ln) / mean(zc, 1, ln < zn ? ln : zn), ln
                if ("L" in p) { split(p["L"], q, " "); printf "- With %d Linux guests: the newest has %d XenStore nodes; xenstored RSS %.1f MB.\n", ln, q[6], q[8] / 1024 }
            } else print "- No Linux guest ran: see the log."
        }' "$log"
    echo
    echo "Console log: ${log#"$top/"} (lines Z, L, PROBE, LMEM, STOP from scripts/bench/density-dom0.sh)."
} >"$table"
cat "$table"
rm -rf "$work"
exit "$status"
