#!/usr/bin/env bash
# initrd-with.sh INITRAMFS DIR OUT: the Linux domU's INITRAMFS (a gzipped
# cpio, scripts/domu/build.sh's) with DIR's files added at / (owned by
# root, in a fixed order), gzipped into OUT: how each benchmark puts its
# script in the domU's initramfs.  The same inputs give the same bytes.
set -euo pipefail
[ $# -eq 3 ] || { echo "usage: $0 INITRAMFS DIR OUT" >&2; exit 2; }
{ cat "$1"
  (cd "$2" && find . -mindepth 1 | LC_ALL=C sort |
      cpio -o -H newc -R 0:0 --quiet) | gzip -n
} >"$3"
