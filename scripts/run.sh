#!/usr/bin/env bash
# run.sh [GIC=2|3] [XEN_VERSION=4.17|4.20] [MODE=xl|dom0less|dom0]:
# install what is missing, build zephyr.bin and show it running under Xen
# in QEMU, the way users run it: Xen with a Linux dom0 (Debian's kernel
# and xl toolstack, scripts/dom0/build.sh), where `xl create -c
# zephyr.conf` starts it with the seed's config and shows its console.
#   Ctrl-]     leaves the guest's console for the dom0 shell (xl list,
#              xl shutdown zephyr, xl create -c zephyr.conf, ...)
#   Ctrl-a x   quits QEMU
# MODE=dom0less boots the image as a dom0less domU with a vpl011 and no
# dom0; MODE=dom0 boots it as dom0 (both as `make run` does).
# It prints how long the guest took to show its first line.
set -euo pipefail
cd "$(dirname "$0")/.."
die() { echo "run.sh: $*" >&2; exit 2; }
GIC=3 MODE=xl
for arg; do
    case $arg in
    GIC=[23]) GIC=${arg#GIC=} ;;
    XEN_VERSION=*) export XEN_VERSION=${arg#XEN_VERSION=} ;;
    MODE=xl|MODE=dom0less|MODE=dom0) MODE=${arg#MODE=} ;;
    *) die "unknown argument $arg (GIC=2|3 XEN_VERSION=4.17|4.20 MODE=xl|dom0less|dom0)" ;;
    esac
done
scripts/setup.sh
make -j2 all
case $MODE in
dom0less) exec make run GIC="$GIC" ;;
dom0) exec make run GIC="$GIC" DOM0=1 ;;
esac

# shellcheck source=scripts/qemu.sh
. scripts/qemu.sh
work=build/run-xl
mkdir -p "$work/test/test"
cp build/zephyr.bin "$work/test/test/zephyr.bin"
cp scripts/dom0/demo.sh "$work/test/test/run.sh"
dtb=$work/host.dtb
scripts/dom0/host-dtb.sh --gic "$GIC" --test "$work/test" -o "$dtb"
xen=$(scripts/xen/fetch.sh)
log=$work/console.log
: >"$log"
mapfile -t args < <(qemu_xen "$xen" "$dtb"; qemu_console_log "$log")

# The watcher outlives this shell's exec: $$ becomes QEMU's pid.
qemu=$$
(
    start=${EPOCHREALTIME/./}
    say() {
        printf '\r\nrun.sh: %s %d.%01d s after QEMU started\r\n' "$1" \
            $(((${EPOCHREALTIME/./} - start) / 1000000)) \
            $(((${EPOCHREALTIME/./} - start) / 100000 % 10)) >&2
    }
    for line in '^\*\*\* Booting' 'thread_a: Hello World'; do
        until grep -q "$line" "$log" 2>/dev/null; do
            kill -0 "$qemu" 2>/dev/null || exit 0
            sleep 0.1
        done
        case $line in
        *Booting) say "the guest's first line came" ;;
        *) say "the sample's first line came" ;;
        esac
    done
) &
echo "run.sh: Xen ${XEN_VERSION:-4.17}, GICv$GIC, a Linux dom0 running" \
    "xl create -c zephyr.conf; Ctrl-] leaves the console, Ctrl-a x quits" >&2
qemu_exec "${args[@]}"
