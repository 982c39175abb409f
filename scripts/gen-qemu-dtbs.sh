#!/usr/bin/env bash
# Regenerate tests/data/qemu/*.dtb from QEMU's own "virt" machine dumps.
#
# The unit tests assert facts read from these blobs (see
# tests/data/qemu/README.md), so after a QEMU upgrade rerun this script,
# decompile the blobs with `dtc -I dtb -O dts` and check the README still
# holds.  Usage: scripts/gen-qemu-dtbs.sh [OUTDIR]   (run from the repo root)
set -eu
# shellcheck source=scripts/qemu.sh
. "$(dirname "$0")/qemu.sh"

out=${1:-tests/data/qemu}

mkdir -p "$out"

# QEMU pads its blob to 1 MiB (totalsize 0x100000).  Drop the padding, as
# libfdt's fdt_pack() would, so that the repository holds ~8 KB per file:
# QEMU lays out header, reserve map, structure block, then strings last.
be32() {
	od -An -tu4 --endian=big -j "$2" -N 4 "$1" | tr -d ' '
}

pack() {
	file=$1
	rsv=$(be32 "$file" 16)
	dt_struct=$(be32 "$file" 8)
	strings=$(be32 "$file" 12)
	size=$(( strings + $(be32 "$file" 32) ))
	if [ "$rsv" -ge "$dt_struct" ] || [ "$dt_struct" -ge "$strings" ]; then
		echo "gen-qemu-dtbs: $file: unexpected block order" >&2
		exit 1
	fi
	head -c "$size" "$file" >"$file.tmp"
	# shellcheck disable=SC2059 # the format is the four octal escapes
	printf "$(printf '\\%03o\\%03o\\%03o\\%03o' \
		$(( size >> 24 & 255 )) $(( size >> 16 & 255 )) \
		$(( size >> 8 & 255 )) $(( size & 255 )))" |
		dd of="$file.tmp" bs=1 seek=4 conv=notrunc status=none
	mv "$file.tmp" "$file"
}

dump() { # NAME GIC VIRT(on|off) SMP MEM
	name=$1
	qemu_dumpdtb "$out/$name.dtb" "$2" "$3" "$5" "$4" >/dev/null 2>&1 || {
		echo "gen-qemu-dtbs: $QEMU failed for $name" >&2
		exit 1
	}
	pack "$out/$name.dtb"
	dtc -q -I dtb -O dtb -o /dev/null "$out/$name.dtb" || {
		echo "gen-qemu-dtbs: $out/$name.dtb does not decompile" >&2
		exit 1
	}
	echo "  $out/$name.dtb"
}

for gic in 2 3; do
	for smp in 1 4; do
		for mem in 512M 3G; do
			dump "virt-gicv$gic-smp$smp-$mem" "$gic" off \
				"$smp" "$mem"
		done
	done
done

# With EL2 emulated QEMU adds the GIC's maintenance interrupt and, for
# GICv3, the virtual interface registers; the timer gets its 4th (EL2)
# interrupt either way.
for gic in 2 3; do
	dump "virt-el2-gicv$gic-smp1-512M" "$gic" on 1 512M
done
