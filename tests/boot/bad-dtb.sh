#!/usr/bin/env bash
# bad-dtb.sh IMAGE ELF TRAMPOLINE WORK_DIR: boot the image on QEMU's virt
# machine with DTBs made unbootable on purpose and check that it fails
# cleanly: a named error, a panic with the reason, and a power-off; or,
# for a blob it cannot read at all (so no console), a parked CPU whose
# log buffer in guest memory holds the reason.
#
# The DTBs are derived from QEMU's own (dumpdtb, same -machine and -m as
# the boot) with fdtput.  QEMU rewrites the memory node of a -dtb blob, so
# each blob is loaded raw by the generic loader at 0x44000000 and entered
# through the test trampoline (IMAGE 0x48200000, DTB 0x44000000).
set -uo pipefail
here=$(dirname "$0")
# shellcheck source=tests/boot/lib.sh
. "$here/lib.sh"
image=$1 elf=$2 tramp=$3 work=$4
logs=${BOOT_LOGS:-build/tests/logs}
limit=${BOOT_TIMEOUT:-30}
NM=${NM:-aarch64-linux-gnu-nm}
image_at=0x48200000 dtb_at=0x44000000 tramp_at=0x47000000
mkdir -p "$logs" "$work"
suite=bad-dtb

machine() { # GIC
    qemu_machine "$1" off 512M 1
}

load() { # DTB
    qemu_loader "$image" "$image_at"
    qemu_loader "$1" "$dtb_at"
    qemu_loader "$tramp" "$tramp_at"
    qemu_entry "$tramp_at"
}

# The path of the node whose phandle is PHANDLE (decimal), searched
# depth first from PATH.
node_by_phandle() { # DTB PHANDLE PATH
    local dtb=$1 want=$2 path=$3 child
    [ "$(fdtget -t u "$dtb" "$path" phandle 2>/dev/null)" = "$want" ] &&
        { echo "$path"; return 0; }
    for child in $(fdtget -l "$dtb" "$path" 2>/dev/null); do
        node_by_phandle "$dtb" "$want" "${path%/}/$child" && return 0
    done
    return 1
}

# The interrupt-parent the timer's interrupts go to: its own, or the
# nearest ancestor's.  Prints "PHANDLE NODE-THAT-SAYS-SO".
timer_parent() { # DTB
    local dtb=$1 path=/timer ph
    while :; do
        if ph=$(fdtget -t u "$dtb" "$path" interrupt-parent 2>/dev/null); then
            echo "$ph $path"
            return 0
        fi
        [ "$path" = / ] && return 1
        path=${path%/*}
        [ -n "$path" ] || path=/
    done
}

# stops NAME GIC DTB REGEX...: the kernel must print every REGEX and QEMU
# must power off by itself within the limit.
stops() {
    local name=$1 gic=$2 dtb=$3 why=
    shift 3
    local log=$logs/bad-dtb-$name.log
    # shellcheck disable=SC2046
    if ! qemu_exits "$limit" "$log" -- $(machine "$gic") $(load "$dtb"); then
        why="QEMU did not power off within ${limit}s"
    elif ! log_has_all "$log" "$@" '^stop: crash via psci$'; then
        why="expected output missing"
    fi
    result "$name" "$log" "$why"
}

# Send one command to the QEMU monitor at SOCK, print its answer.
monitor() { # SOCK COMMAND
    printf '%s\n' "$2" | socat -t 2 - "UNIX-CONNECT:$1" 2>/dev/null |
        tr -d '\r'
}

pc_of() { # SOCK
    monitor "$1" 'info registers' |
        sed -n 's/.*PC=\([0-9a-fA-F]*\).*/\1/p' | head -n 1
}

# parks NAME DTB REGEX...: a blob the kernel must refuse to read at all.
# It has no console then, so QEMU keeps running: the vCPU must be parked
# (PC unchanged over a second, inside the image) and the kernel's log
# buffer (log_buf in kernel/printk.c, read from guest memory) must hold
# every REGEX.
parks() {
    local name=$1 dtb=$2 why='' pc1='' pc2='' start
    shift 2
    local log=$logs/bad-dtb-$name.log sock=$work/$name.monitor
    local mem=$work/$name.log_buf
    local buf_off end_off
    buf_off=$($NM "$elf" | awk '$3 == "log_buf" { print $1 }')
    end_off=$($NM "$elf" | awk '$3 == "_end" { print $1 }')
    if [ -z "$buf_off" ] || [ -z "$end_off" ]; then
        result "$name" "$log" "no log_buf or _end in $elf"
        return
    fi
    rm -f "$sock" "$mem"
    : >"$log"
    # shellcheck disable=SC2046
    qemu_start "$limit" "$log" $(machine 3) $(load "$dtb") \
        -monitor "unix:$sock,server,nowait"
    start=$(date +%s)
    # Parked: the same PC twice, a second apart.
    while [ $(($(date +%s) - start)) -lt "$limit" ]; do
        sleep 1
        qemu_running || break
        [ -S "$sock" ] || continue
        pc2=$(pc_of "$sock")
        [ -n "$pc2" ] && [ "$pc2" = "$pc1" ] && break
        pc1=$pc2
    done
    if [ -n "$pc2" ] && [ "$pc2" = "$pc1" ]; then
        monitor "$sock" "pmemsave $((image_at + 0x$buf_off)) 4096 \"$mem\"" \
            >/dev/null
        sleep 0.5
    fi
    qemu_running || why="QEMU exited; it had no way to power off"
    qemu_stop
    sed -i 's/\r$//' "$log"
    echo "monitor: PC $pc1 then $pc2" >>"$log"
    if [ -z "$why" ] && { [ -z "$pc2" ] || [ "$pc2" != "$pc1" ]; }; then
        why="the vCPU did not park within ${limit}s (PC $pc1, $pc2)"
    elif [ -z "$why" ] && { [ $((0x$pc2)) -lt $((image_at)) ] ||
        [ $((0x$pc2)) -ge $((image_at + 0x$end_off)) ]; }; then
        why="parked at 0x$pc2, outside the image"
    elif [ -z "$why" ] && [ ! -s "$mem" ]; then
        why="could not read log_buf from guest memory"
    fi
    if [ -z "$why" ]; then
        { echo "---- log_buf at $(printf 0x%x $((image_at + 0x$buf_off))) ----"
          tr -d '\000' <"$mem"; echo; } >>"$log"
        log_has_all "$log" "$@" || why="log_buf lacks the expected lines"
    fi
    result "$name" "$log" "$why"
}

# runs NAME GIC DTB REGEX...: a blob with a flaw the kernel can live
# with: it must print every REGEX and still run the sample (two rounds).
runs() {
    local name=$1 gic=$2 dtb=$3 why=
    shift 3
    local log=$logs/bad-dtb-$name.log
    # shellcheck disable=SC2046
    if ! qemu_expect "$limit" "$log" '^thread_b: Hello World' 2 -- \
        $(machine "$gic") $(load "$dtb"); then
        why="no two rounds of the sample within ${limit}s"
    elif ! log_has_all "$log" "$@"; then
        why="expected output missing"
    fi
    result "$name" "$log" "$why"
}

# QEMU's own tree, as the boots below see it.
base=$work/virt-gicv3.dtb base2=$work/virt-gicv2.dtb
qemu_dumpdtb "$base" 3 off 512M 1 >/dev/null 2>&1
qemu_dumpdtb "$base2" 2 off 512M 1 >/dev/null 2>&1
if [ ! -s "$base" ] || [ ! -s "$base2" ]; then
    echo "FAIL: bad-dtb: QEMU did not dump its DTB"
    exit 1
fi

cp "$base" "$work/no-timer.dtb"
fdtput -r "$work/no-timer.dtb" /timer
stops no-timer 3 "$work/no-timer.dtb" '^fdt: /: no arm,armv8-timer node$' \
    '^PANIC: boot: cannot boot: no usable arm,armv8-timer found$'

for gic in 3 2; do
    src=$base
    [ "$gic" = 2 ] && src=$base2
    dtb=$work/no-gicv$gic.dtb
    cp "$src" "$dtb"
    read -r ph says < <(timer_parent "$dtb") || ph=
    gic_node=
    [ -n "$ph" ] && gic_node=$(node_by_phandle "$dtb" "$ph" /)
    if [ -z "$gic_node" ]; then
        result "no-gicv$gic" /dev/null "no GIC behind the timer in QEMU's DTB"
        continue
    fi
    fdtput -r "$dtb" "$gic_node"
    stops "no-gicv$gic" "$gic" "$dtb" \
        "^fdt: $says: interrupt-parent $(printf 0x%x "$ph"): no such phandle$" \
        '^PANIC: boot: cannot boot: no supported GIC found$'
done

cp "$base" "$work/no-memory.dtb"
for node in $(fdtget -l "$base" /); do
    [ "$(fdtget "$base" "/$node" device_type 2>/dev/null)" = memory ] &&
        fdtput -r "$work/no-memory.dtb" "/$node"
done
stops no-memory 3 "$work/no-memory.dtb" '^fdt: /: no memory node with RAM$' \
    '^PANIC: boot: cannot boot: no RAM found$'

# Cut in the middle of the structure block (QEMU pads its blob to 1 MiB,
# so half the file would only lose padding).  The rest of the header's
# totalsize is whatever RAM holds there (zeros): no valid tag.
be32() { # FILE OFFSET
    echo $((0x$(od -An -tx1 -j "$2" -N 4 "$1" | tr -d ' \n')))
}
cut=$(($(be32 "$base" 8) + $(be32 "$base" 36) / 2))
head -c "$cut" "$base" >"$work/truncated.dtb"
parks truncated "$work/truncated.dtb" \
    '^fdt: not a usable device tree: FDT_ERR_[A-Z]+$' \
    '^PANIC: boot: cannot boot: the DTB is unusable$' \
    '^stop: crash via nothing \(halting\)$'

# A header claiming version 10: libfdt 1.6.1's fdt_check_full()
# dereferences NULL on such a blob (found by tests/fuzz), so the probe
# must refuse it by its version first.
cp "$base" "$work/version-10.dtb"
printf '\0\0\0\12\0\0\0\0' |
    dd of="$work/version-10.dtb" bs=1 seek=20 conv=notrunc 2>/dev/null
parks version-10 "$work/version-10.dtb" \
    '^fdt: not a usable device tree: FDT_ERR_BADVERSION$' \
    '^PANIC: boot: cannot boot: the DTB is unusable$'

# The first property of the root with a length that brings libfdt's walk
# back to the property's own tag: Debian 12's libfdt 1.6.1 looped forever
# in fdt_check_full() (before dtc 1.7.0), so the guest hung before it had
# a console.  The blob must be refused by name.
wrap=$work/length-wraps.dtb
cp "$base" "$wrap"
first_prop=$(($(be32 "$base" 8) + 8))   # the root's BEGIN_NODE and "" name
if [ "$(be32 "$base" "$first_prop")" -ne 3 ]; then
    result length-wraps /dev/null "QEMU's root has no property first"
else
    printf '\377\377\377\364' |
        dd of="$wrap" bs=1 seek=$((first_prop + 4)) conv=notrunc 2>/dev/null
    parks length-wraps "$wrap" \
        '^fdt: not a usable device tree: FDT_ERR_[A-Z]+$' \
        '^PANIC: boot: cannot boot: the DTB is unusable$'
fi

# stdout-path through an alias whose value is not a path and names
# itself: libfdt 1.6.1 recursed without bound (before dtc 1.7.1), off the
# boot stack and over the image.  The kernel names the path and boots.
loop=$work/alias-loop.dtb
cp "$base" "$loop"
fdtput -t s "$loop" /aliases serial0 serial0 2>/dev/null ||
    { fdtput -c "$loop" /aliases && fdtput -t s "$loop" /aliases serial0 serial0; }
fdtput -t s "$loop" /chosen stdout-path serial0
runs alias-loop 3 "$loop" '^fdt: /chosen: stdout-path serial0: no such node$'

# The virtual timer on a GICv3.1 extended PPI (type 3): the GIC drivers
# would index the classic registers with INTID 1067, so the probe refuses.
cp "$base" "$work/extended-intid.dtb"
fdtput -t u "$work/extended-intid.dtb" /timer interrupts \
    1 13 4 1 14 4 3 11 4 1 10 4
stops extended-intid 3 "$work/extended-intid.dtb" \
    '^fdt: /timer: interrupt 2: extended INTID 1067 is not supported$' \
    '^PANIC: boot: cannot boot: no usable arm,armv8-timer found$'

# A redistributor-stride of one 64 KiB frame would have the driver read
# GICR_TYPER in the middle of a redistributor.
dtb=$work/bad-stride.dtb
cp "$base" "$dtb"
read -r ph says < <(timer_parent "$dtb") || ph=
gic_node=
[ -n "$ph" ] && gic_node=$(node_by_phandle "$dtb" "$ph" /)
if [ -z "$gic_node" ]; then
    result bad-stride /dev/null "no GIC behind the timer in QEMU's DTB"
else
    fdtput -t x "$dtb" "$gic_node" redistributor-stride 0 10000
    stops bad-stride 3 "$dtb" \
        "^fdt: $gic_node: redistributor-stride 0x10000 is not a multiple of 64 KiB of at least 128 KiB\$" \
        '^PANIC: boot: cannot boot: no supported GIC found$'
fi

summary
