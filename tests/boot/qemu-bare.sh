#!/usr/bin/env bash
# qemu-bare.sh [--gic 2|3] [--mem SIZE] [--smp N] [--el2] [--append ARGS]
#              [--interactive] IMAGE
# Boot IMAGE directly on QEMU's virt machine (no Xen), the way `make
# run-bare` and the boot tests do.  --el2 enters at EL2 (virtualization=on).
set -euo pipefail
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
args=(-machine "virt,gic-version=$gic,virtualization=$virt" -cpu cortex-a57
      -smp "$smp" -m "$mem" -nographic -nic none -no-reboot -kernel "$image")
[ -n "$append" ] && args+=(-append "$append")
if [ -n "$interactive" ]; then
    echo "qemu-bare.sh: Ctrl-a x quits" >&2
    exec qemu-system-aarch64 "${args[@]}"
fi
printf '%s\n' "${args[@]}"
