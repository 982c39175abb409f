#!/usr/bin/env bash
# ring-seeds.sh DIR: a few console-ring scripts for fuzz_console_ring.c to
# start from (format in that file: four big-endian indices in_cons, in_prod,
# out_cons, out_prod, then operations).  Each one exercises a case the unit
# tests name: empty ring, full ring, wrapping indices, corrupt indices.
set -euo pipefail
dir=$1
mkdir -p "$dir"
# op: 0 write LEN16, 2 read LEN16, 4+8k set index k, 7 peer drains out ring
printf '\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\5\2\0\5' >"$dir/empty-write-read"
printf '\0\0\0\0\0\0\4\0\0\0\0\0\0\0\10\0\0\0\1\2\4\0\7\0\0\1' >"$dir/full-both"
printf '\377\377\377\376\0\0\0\2\377\377\377\376\377\377\377\376\0\0\4\2\0\4' \
    >"$dir/wrapping"
printf '\0\0\0\0\0\0\4\1\0\0\0\0\0\0\10\1\0\0\1\2\0\1\34\0\0\0\0\0\0\1' \
    >"$dir/corrupt"
