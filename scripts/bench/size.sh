#!/usr/bin/env bash
# size.sh [LABEL=BUILD_DIR ...]: where zephyr.bin's bytes go (make size).
# For each build dir, the table of scripts/bench/size_map.py from its
# zephyr.bin and link map (zephyr.elf.map): the kernel's parts, the
# libraries, and the bytes no source owns (relocations, alignment, the
# holes W^X leaves between sections).  With several dirs, the first is
# the reference and a last table says what each other one saves: what a
# guest without that part costs.  Default: default=build.
set -euo pipefail
export LC_ALL=C
here=$(cd "$(dirname "$0")" && pwd)
[ $# -gt 0 ] || set -- default=build
ref=''
summary=()
for arg in "$@"; do
    label=${arg%%=*} dir=${arg#*=}
    bin=$dir/zephyr.bin map=$dir/zephyr.elf.map
    [ -f "$bin" ] && [ -f "$map" ] || { echo "size.sh: no $bin or $map (make first)" >&2; exit 2; }
    python3 "$here/size_map.py" "$map" "$bin" "$label ($bin)"
    echo
    bytes=$(stat -c %s "$bin")
    [ -n "$ref" ] || ref=$bytes
    summary+=("$(printf '| %-24s | %7d | %6.1f | %+7d |' "$label" "$bytes" \
        "$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1024 }')" $((bytes - ref)))")
done
if [ ${#summary[@]} -gt 1 ]; then
    printf '| %-24s | %7s | %6s | %7s |\n' Image bytes KiB "vs first"
    echo "|--------------------------|--------:|-------:|--------:|"
    printf '%s\n' "${summary[@]}"
fi
