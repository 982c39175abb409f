#!/usr/bin/env bash
# net.sh [IMAGE]: the PV network of IMAGE (default build/zephyr.bin)
# against a Linux domU, on one test host: Xen 4.17 in QEMU (TCG) with the
# Linux dom0 of scripts/dom0/build.sh, whose xen-netback and bridge
# xenbr0 (10.0.0.1/24) serve one guest after another.  Its /test/run.sh
# (scripts/bench/net-dom0.sh) measures from dom0, the same way for both:
# ping round trips, TCP throughput each way with nc, and HTTP requests per
# second with wget.  Osprey runs app=httpd (page, sink, source); Linux
# (Debian's kernel, the dom0's, with xen-netfront: scripts/domu/build.sh)
# runs busybox's httpd and nc (scripts/bench/net-domu.sh).
#
# The table goes to $BENCH_OUT/net.md, the host's console log to
# $BENCH_OUT/net-gicvN.log.
#
# Env: GIC            the host's GIC version (default 3)
#      NET_REPS       rounds of each TCP and HTTP figure (default 3), after
#                     a warm-up round that does not count; a figure is
#                     their median, [min-max] their spread
#      NET_MIB        MiB per TCP transfer (default 16)
#      NET_PINGS      echo requests, 0.2 s apart (default 100); the figure
#                     is the median reply
#      NET_REQUESTS   sequential HTTP requests per round (default 50)
#      NET_VARIANTS   Osprey again with each of these netfront= options
#                     (default "no-csum no-sg no-gso": each offload off)
#      NET_TIMEOUT    seconds for the host boot (default 300, and 200 for
#                     each guest)
#      BENCH_OUT      output directory (default build/bench)
#      BENCH_COMMAND  how the run was started, for the table's header
# Start it under flock /tmp/osprey-qemu.lock like every QEMU job.
set -euo pipefail
export LC_ALL=C
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
die() { echo "net.sh: $*" >&2; exit 2; }

image=${1:-$top/build/zephyr.bin}
gic=${GIC:-3}
reps=${NET_REPS:-3}
mib=${NET_MIB:-16}
pings=${NET_PINGS:-100}
requests=${NET_REQUESTS:-50}
variants=${NET_VARIANTS-no-csum no-sg no-gso}
# shellcheck disable=SC2086 # the words
limit=${NET_TIMEOUT:-$((300 + 200 * (2 + $(set -- $variants; echo $#))))}
out=${BENCH_OUT:-$top/build/bench}
command_line=${BENCH_COMMAND:-scripts/bench/net.sh${*:+ $*}}
[ -f "$image" ] || die "no image $image (run make)"
for v in "$reps" "$mib" "$pings" "$requests" "$limit"; do
    [[ $v =~ ^[1-9][0-9]*$ ]] || die "NET_* values must be positive whole numbers"
done
[[ $gic =~ ^[23]$ ]] || die "GIC must be 2 or 3"

work=$out/net-work table=$out/net.md log=$out/net-gicv$gic.log
rm -rf "$work"
mkdir -p "$work"
# host-dtb.sh --test DIR puts DIR's files at / in dom0: ours in /test.
t=$work/root/test
mkdir -p "$t/linux" "$work/linux-add/test"
# One snapshot: others may rebuild meanwhile.
cp "$image" "$t/zephyr.bin"
domu=$("$top/scripts/domu/build.sh") || die "scripts/domu/build.sh failed"
cp "$domu/Image" "$t/linux/Image"
install -m 755 "$here/net-domu.sh" "$work/linux-add/test/run.sh"
"$top/scripts/domu/initrd-with.sh" "$domu/initramfs.cpio.gz" \
    "$work/linux-add" "$t/linux/initrd.gz"
install -m 755 "$here/net-dom0.sh" "$t/run.sh"
cat >"$t/params" <<EOF
PINGS=$pings
PING_INTERVAL=0.2
MIB=$mib
REPS=$reps
REQUESTS=$requests
VARIANTS="$variants"
GUEST_MEMORY=32
LINUX_MEMORY=128
EOF
xen=$("$top/scripts/xen/fetch.sh") || die "scripts/xen/fetch.sh failed"
"$top/scripts/dom0/host-dtb.sh" --gic "$gic" --test "$work/root" \
    -o "$work/host.dtb" || die "scripts/dom0/host-dtb.sh failed"

echo "net.sh: GICv$gic host, at most ${limit}s; log $log" >&2
started=$(date +%s)
status=0
"$top/scripts/xen/boot.sh" --xen "$xen" --dtb "$work/host.dtb" \
    --log "$log" --timeout "$limit" --wait '^dom0: power off' \
    --fail '^\[[ 0-9.]*\] Kernel panic' --fail '^dom0: FATAL' \
    >"$log.err" 2>&1 || status=$?
sed -i 's/\r*$//' "$log"
elapsed=$(($(date +%s) - started))
[ "$status" -eq 0 ] ||
    echo "net.sh: the boot did not end well (status $status), see $log and $log.err" >&2

commit=$(git -C "$top" rev-parse --short HEAD 2>/dev/null || echo unknown)
git -C "$top" diff --quiet HEAD 2>/dev/null || commit+=" (working tree differs)"
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
kver=$(grep -a -o -m 1 'Linux version [^ ]*' "$t/linux/Image" | cut -d' ' -f3 || true)
page=$(sed -n 's/^INFO osprey: the page is \([0-9]*\) bytes$/\1/p' "$log" | head -n 1)

# The tables, from dom0's R, PING, USE and FAIL lines.
tables() { # LOG
    awk -v mib="$mib" -v reps="$reps" -v pings="$pings" -v req="$requests" \
        -v variants="$variants" '
        function median(k,   n, i, j, t, v) {
            n = cnt[k]
            for (i = 1; i <= n; i++) v[i] = val[k, i]
            for (i = 2; i <= n; i++)
                for (j = i; j > 1 && v[j - 1] > v[j]; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
            lo[k] = v[1]; hi[k] = v[n]
            return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
        }
        function add(k, x) { val[k, ++cnt[k]] = x }
        function fmt(x) { return x >= 100 ? sprintf("%.0f", x) : x >= 10 ? sprintf("%.1f", x) : sprintf("%.2f", x) }
        function cell(k,   m) {
            if (!cnt[k]) return "n/a"
            m = median(k); med[k] = m
            return lo[k] == hi[k] ? fmt(m) : fmt(m) " [" fmt(lo[k]) "-" fmt(hi[k]) "]"
        }
        # R GUEST FIGURE REP VALUE SECS DOM0CPU GUESTCPU TXP TXB RXP RXB OUT RETR
        $1 == "R" && NF == 14 && ($4 > 0 || $3 == "ping") {
            k = $2 SUBSEP $3
            add(k, $5)
            add(k SUBSEP "secs", $6)
            add(k SUBSEP "d0", $6 > 0 ? 100 * $7 / $6 : 0)
            add(k SUBSEP "gu", $6 > 0 ? 100 * $8 / $6 : 0)
            add(k SUBSEP "txf", $9); add(k SUBSEP "rxf", $11)
            add(k SUBSEP "txb", $9 ? $10 / $9 : 0)
            add(k SUBSEP "rxb", $11 ? $12 / $11 : 0)
            add(k SUBSEP "out", $13); add(k SUBSEP "retr", $14)
        }
        $1 == "PING" { ping[$2] = "min " $3 ", median " $4 ", 90th " $5 ", max " $6 " ms (" $7 " replies)" }
        $1 == "USE" { u = $0; sub(/^USE [^ ]* /, "", u); use[$2] = u }
        $1 == "FAIL" { l = $0; sub(/^FAIL /, "", l); fails = fails "\n- " l }
        END {
            g[1] = "linux"; g[2] = "osprey"
            ng = 2 + split(variants, vs, " ")
            for (i = 3; i <= ng; i++) g[i] = "osprey-" vs[i - 2]
            f[1] = "ping"; f[2] = "tcp-in"; f[3] = "tcp-out"; f[4] = "http"
            name["ping"] = "ping round trip dom0 -> guest, ms (median of " pings "; lower is better)"
            name["tcp-in"] = "TCP dom0 -> guest, MiB/s (" mib " MiB)"
            name["tcp-out"] = "TCP guest -> dom0, MiB/s (" mib " MiB)"
            name["http"] = "HTTP requests/s (" req " sequential wget)"
            # Osprey with every offload on, then each off, each with
            # its ratio to Linux (ping: a time, >1 is slower).
            head = "| Figure | Linux | Osprey | Osprey / Linux |"
            rule = "|---|---|---|---|"
            for (i = 3; i <= ng; i++) {
                head = head " " vs[i - 2] " | / Linux |"
                rule = rule "---|---|"
            }
            print head; print rule
            for (j = 1; j <= 4; j++) {
                line = "| " name[f[j]] " | " cell("linux" SUBSEP f[j]) " |"
                lm = med["linux" SUBSEP f[j]]
                for (i = 2; i <= ng; i++) {
                    b = cell(g[i] SUBSEP f[j])
                    r = lm > 0 && cnt[g[i] SUBSEP f[j]] ? sprintf("%.2f", med[g[i] SUBSEP f[j]] / lm) : "n/a"
                    line = line " " b " | " r " |"
                }
                print line
            }
            printf "\nWhere the time goes (medians over the rounds): CPU busy as a share of the\n"
            printf "measurement'"'"'s wall time, 100%% = one vCPU (dom0: its /proc/stat, all but\n"
            printf "idle, iowait and steal; the guest: xl list, 0.1 s steps, so short HTTP\n"
            printf "rounds read coarse), and the frames on the guest'"'"'s vif in dom0 (TX: dom0\n"
            printf "to the guest, RX: from it) with their mean size (a GSO frame counts once),\n"
            printf "and the TCP segments dom0'"'"'s stack sent (more than TX frames: GSO) and\n"
            printf "retransmitted.\n\n"
            print "| Figure | Guest | dom0 CPU % | guest CPU % | frames TX / RX | bytes per frame TX / RX | dom0 TCP segments out / retransmitted |"
            print "|---|---|---|---|---|---|---|"
            for (j = 2; j <= 4; j++) for (i = 1; i <= ng; i++) {
                k = g[i] SUBSEP f[j]
                if (!cnt[k]) continue
                printf "| %s | %s | %.0f | %.0f | %d / %d | %.0f / %.0f | %d / %d |\n", f[j], g[i],
                    median(k SUBSEP "d0"), median(k SUBSEP "gu"),
                    median(k SUBSEP "txf"), median(k SUBSEP "rxf"),
                    median(k SUBSEP "txb"), median(k SUBSEP "rxb"),
                    median(k SUBSEP "out"), median(k SUBSEP "retr")
            }
            printf "\nPing replies:\n\n"
            for (i = 1; i <= ng; i++) printf "- %s: %s\n", g[i], ping[g[i]] ? ping[g[i]] : "none"
            printf "\nNegotiated (XenStore: fe- the frontend wrote, be- the backend offered):\n\n"
            for (i = 1; i <= ng; i++) printf "- %s: %s\n", g[i], use[g[i]] ? use[g[i]] : "(no USE line)"
            if (fails != "") printf "\nFailures:%s\n", fails
            print ""
        }' "$1"
}

{
    echo "# Osprey PV network against Linux"
    echo
    echo "- Command: \`$command_line\`, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $commit, took ${elapsed}s"
    echo "- Machine: $(nproc) CPUs, $cpu; QEMU TCG (no KVM), -smp 2, -m 2G;"
    echo "  Xen 4.17 (Debian), GICv$gic, dom0: Debian's Linux with 512M and 1 vCPU,"
    echo "  xen-netback, bridge xenbr0 (10.0.0.1/24). Every figure is **TCG-emulated**:"
    echo "  ratios mean something, absolute figures do not."
    echo "- One guest at a time, 1 vCPU, one vif on xenbr0, a static address: Osprey"
    echo "  (memory=32, app=httpd) first with every offload on, then again with"
    echo "  netfront=OPTION for each of: ${variants:-(none)}; then Linux $kver (the"
    echo "  dom0's kernel, xen-netfront, busybox; memory=128; scripts/bench/net-domu.sh)."
    echo "- Measured in dom0 with busybox, the same commands for both"
    echo "  (scripts/bench/net-dom0.sh), times from /proc/uptime (10 ms):"
    echo "  \`ping -c $pings -i 0.2\`, the median of the replies' times;"
    echo "  TCP in: \`head -c ${mib}M /dev/zero | nc GUEST 5001\` until the guest closes"
    echo "  (Osprey's sink checksums the data; Linux: \`nc -l -p 5001 -e\` a script"
    echo "  running \`cat >/dev/null\` on the connection);"
    echo "  TCP out: \`echo send N | nc GUEST 5002 | wc -c\` (Osprey's source generates"
    echo "  and checksums a pattern; Linux: \`nc -l -p 5002 -e\` a script running"
    echo "  \`head -c N /dev/zero\`); HTTP: $requests sequential \`wget -qO- http://GUEST/\`"
    echo "  (a new connection each), for a page of ${page:-?} bytes (Osprey's, built per"
    echo "  request; Linux: busybox httpd serving a file of that size)."
    echo "- TCP and HTTP cells: median of $reps rounds [min-max], after a warm-up round"
    echo "  that does not count (TCG translates code on its first run)."
    echo
    if [ "$status" -ne 0 ]; then
        echo "**The host boot did not end well (status $status):** see ${log#"$top/"}.err"
        echo
    fi
    tables "$log"
    echo "Console log: ${log#"$top/"} (lines R, PING, USE, FAIL, INFO, CON from scripts/bench/net-dom0.sh)."
} >"$table"
cat "$table"
rm -rf "$work"
exit "$status"
