# shellcheck shell=bash disable=SC2154 # the driver's variables
# Sourced by scripts/bench.sh: the image's size, text/data/bss per source
# directory, and the smallest domU memory with which the sample prints its
# 4 lines; the table's section 3.

sample_runs() { # LOG: the sample's first 4 lines are there
    [ "$(grep -Ecs 'DOM1: thread_[ab]: Hello World' "$1")" -ge 4 ]
}
memory_ok() { # GIC MB: prints the reason on failure
    local g=$1 mb=$2 name=mem-gicv$1-${2}mb log
    log=$logs/$name.log
    host "$name" --gic "$g" --smp 2 \
        --domu "$image:0x49000000:$((mb * 1024)):vpl011:bootargs=console=ttyAMA0"
    boot "$log" "$name" 0 "$limit" sample_runs || true
    sample_runs "$log" && return 0
    # Why: Xen's panic message, else the guest's last line.
    grep -A1 'Panic on CPU' "$log" | tail -n 1 | cut -d' ' -f3- | grep . ||
        grep 'DOM1: ' "$log" | tail -n 1 | cut -d' ' -f2- | grep . ||
        echo "no guest output"
    return 1
}
memory_search() { # GIC
    local g=$1 mb ok='' bad='' why='' lo
    for mb in 16 8 4 2 1; do
        if why=$(memory_ok "$g" "$mb"); then ok=$mb; else bad=$mb; break; fi
    done
    # Between the last size that worked and the first that did not.
    if [ -n "$ok" ] && [ -n "$bad" ]; then
        for ((lo = ok - 1; lo > bad; lo--)); do
            local w
            if w=$(memory_ok "$g" "$lo"); then ok=$lo; else why=$w; bad=$lo; break; fi
        done
    fi
    put "$g" "mem.min_mb" "${ok:-none}"
    put "$g" "mem.fail_mb" "${bad:-none}"
    [ -z "$bad" ] || printf '%s\t%s\n' "$g" "$bad MB: ${why//$'\n'/ }" >>"$work/mem-why"
}

footprint() { # prints "DIR text data bss" per top directory, then libfdt.a
    local o src
    find "$top/build/target" -name '*.o' | sort | while read -r o; do
        src=${o#"$top/build/target/"}
        src=${src%.o}
        # Objects of sources that no longer exist are not in the image,
        # nor are the test guests' (tests/guest/).
        [ ! -f "$top/$src" ] || [ "${src%%/*}" = tests ] || echo "${src%%/*} $o"
    done | while read -r dir o; do
        aarch64-linux-gnu-size "$o" | awk -v d="$dir" 'NR == 2 { print d, $1, $2, $3 }'
    done | awk '{ t[$1] += $2; d[$1] += $3; b[$1] += $4 }
        END { for (k in t) print k, t[k], d[k], b[k] }' | sort
    local fdt=${XENGUEST_CACHE:-$HOME/.cache/xenguest}/arm64root/usr/lib/aarch64-linux-gnu/libfdt.a
    [ ! -f "$fdt" ] || aarch64-linux-gnu-size -t "$fdt" |
        awk '$NF == "(TOTALS)" { print "libfdt.a", $1, $2, $3 }'
}

mem_cell() { # GIC
    local why
    why=$(awk -F'\t' -v g="$1" '$1 == g { print $2 }' "$work/mem-why" 2>/dev/null)
    echo "$(s mem.min_mb "$1")${why:+ (fails at $why)}"
}

footprint_rows() {
    local size_bin dir t d b note
    size_bin=$(stat -c %s "$image")
    row "**3. Footprint**" ""
    row "zephyr.bin (bytes)" "$(all_gics "$size_bin ($(awk -v b="$size_bin" 'BEGIN { printf "%.1f", b / 1024 }') KiB)")"
    while read -r dir t d b; do
        note=''
        [ "$dir" != libfdt.a ] || note=" (whole archive; the image links part of it)"
        row "text / data / bss: $dir$note" "$(all_gics "$t / $d / $b")"
    done < <(footprint)
    if [ -f "$top/build/zephyr.elf" ]; then
        row "text / data / bss: linked build/zephyr.elf" "$(all_gics "$(aarch64-linux-gnu-size \
            "$top/build/zephyr.elf" | awk 'NR == 2 { print $1 " / " $2 " / " $3 }')")"
    fi
    row "smallest domU memory= running the sample (MB)" "$(cells mem_cell)"
}
