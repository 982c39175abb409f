#!/usr/bin/env bash
# check-relocs.sh READELF ELF: the image may carry only the relocations
# boot/head.S applies (R_AARCH64_RELATIVE, which scripts/relr-pack.c packs
# as RELR for it, and R_AARCH64_NONE which the linker leaves for slots it
# resolved and the packer skips); anything else would be left unapplied
# at run time, so fail loudly here instead (the packer refuses it too).
set -euo pipefail
readelf=$1 elf=$2
bad=$("$readelf" -rW "$elf" | awk '/^[0-9a-f]+ +[0-9a-f]+ +R_/ && $3 != "R_AARCH64_RELATIVE" && $3 != "R_AARCH64_NONE"')
if [ -n "$bad" ]; then
    echo "check-relocs: $elf has relocations the entry code cannot apply:" >&2
    echo "$bad" >&2
    exit 1
fi
count=$("$readelf" -rW "$elf" | grep -c R_AARCH64_RELATIVE || true)
[ -n "${V:-}" ] && echo "check-relocs: $count R_AARCH64_RELATIVE, nothing else"
exit 0
