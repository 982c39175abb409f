#!/usr/bin/env bash
# Rebuild the DTB that dtbdump printed on the Xen console, and check that no
# line was lost or garbled on the way: consecutive offsets, the size from the
# DTB-BEGIN/DTB-END lines, the byte sum, and the DTB's own totalsize field.
#
# Usage: tests/tools/dtbdump/undump.sh LOG DOMID OUT.dtb
#   DOMID 0 reads dom0's lines (Xen prints them as they are); DOMID N > 0
#   reads the lines Xen prefixes with "(dN) " for a domU.
set -euo pipefail

[ $# -eq 3 ] || { echo "usage: $0 LOG DOMID OUT.dtb" >&2; exit 2; }
log=$1 domid=$2 out=$3
die() { echo "undump.sh: d$domid in $log: $*" >&2; exit 1; }

prefix=''
[ "$domid" -eq 0 ] || prefix="(d$domid) "

size='' next=0 sum=0 done=0 bin=''
while IFS= read -r line; do
    line=${line%$'\r'}
    [[ $line == "$prefix"DTB* ]] || continue
    read -r tag a b <<<"${line#"$prefix"}"
    case $tag in
    DTB-ERROR) die "dtbdump says: $a $b" ;;
    DTB-BEGIN) size=$((16#$b)) next=0 sum=0 bin='' ;;
    DTB)
        [ -n "$size" ] || continue
        [ $((16#$a)) -eq "$next" ] || die "line for offset $next missing (got 0x$a)"
        [[ $b =~ ^([0-9a-f]{2})+$ ]] || die "garbled line at 0x$a"
        for ((i = 0; i < ${#b}; i += 2)); do
            sum=$((sum + 16#${b:i:2}))
            bin+="\\x${b:i:2}"
        done
        next=$((next + ${#b} / 2)) ;;
    DTB-END)
        [ -n "$size" ] || continue
        [ "$next" -eq "$size" ] || die "got $next bytes of $size"
        [ $((16#$a)) -eq "$size" ] || die "DTB-END size 0x$a, expected $size"
        [ $((16#$b)) -eq $((sum & 0xffffffff)) ] || die "byte sum mismatch"
        done=1
        break ;;
    esac
done <"$log"
[ "$done" = 1 ] || die "no complete dump (DTB-BEGIN ... DTB-END)"

printf '%b' "$bin" >"$out"
# The header's totalsize (big-endian at offset 4) must agree too.
total=$(od -An -j4 -N4 -tx1 "$out" | tr -d ' \n')
[ $((16#$total)) -eq "$size" ] || die "header totalsize 0x$total != $size"
