#!/usr/bin/env bash
# qemu-bare.sh [--gic 2|3] [--mem SIZE] [--smp N] [--el2] [--append ARGS]
#              [--interactive] IMAGE
# Boot IMAGE directly on QEMU's virt machine (no Xen), the way `make
# run-bare` and the boot tests do.  --el2 enters at EL2 (virtualization=on).
# Without --interactive it prints QEMU's arguments, one a line; with it and
# QEMU_DRY_RUN=1, the command line it would run.
set -euo pipefail
# shellcheck source=scripts/qemu.sh
. "$(dirname "$0")/../../scripts/qemu.sh"
gic=3 mem=512M smp=1 virt=off append='' interactive=''
while [ $# -gt 1 ]; do
    case $1 in
    --gic) gic=$2; shift 2 ;;
    --mem) mem=$2; shift 2 ;;
    --smp) smp=$2; shift 2 ;;
    --el2) virt=on; shift ;;
    --append) append=$2; shift 2 ;;
    --interactive) interactive=1; shift ;;
    *) echo "qemu-bare.sh: unknown option $1" >&2; exit 2 ;;
    esac
done
image=$1
mapfile -t args < <(qemu_machine "$gic" "$virt" "$mem" "$smp")
args+=(-kernel "$image")
[ -n "$append" ] && args+=(-append "$append")
if [ -n "$interactive" ]; then
    echo "qemu-bare.sh: Ctrl-a x quits" >&2
    qemu_exec "${args[@]}"
    exit
fi
printf '%s\n' "${args[@]}"
